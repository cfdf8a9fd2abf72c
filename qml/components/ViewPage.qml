import QtQuick
import QtQuick.Layouts
import QtQuick.Controls

// The frame of every view: a title, the chart window choice where the view has charts, and a
// scrolling column for the content (children use Layout.* to size themselves).
FocusScope {
    id: page

    property string title
    // Whether the view shows the 1/5/15/60 min choice (views with charts).
    property bool hasCharts: true
    // The chart window in seconds, shared by every view.
    property int windowSeconds: 300
    // The user picked another chart window.
    signal windowPicked(int seconds)
    default property alias content: column.data
    // Set to false for views that fill the height themselves (a table) instead of scrolling.
    property bool scrolls: true

    RowLayout {
        id: header
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.padding
        spacing: Theme.padding

        Label {
            objectName: "viewTitle"
            text: page.title
            font.pointSize: Theme.titleSize
            font.bold: true
            color: Theme.text
            Layout.fillWidth: true
            elide: Text.ElideRight
        }
        SpanChoice {
            visible: page.hasCharts
            seconds: page.windowSeconds
            onPicked: seconds => page.windowPicked(seconds)
        }
    }

    ScrollView {
        id: scroller
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: header.bottom
        anchors.bottom: parent.bottom
        anchors.topMargin: Theme.spacing
        contentWidth: availableWidth
        contentHeight: page.scrolls ? column.implicitHeight + 2 * Theme.padding : availableHeight
        clip: true

        ColumnLayout {
            id: column
            x: Theme.padding
            y: Theme.padding / 2
            width: scroller.availableWidth - 2 * Theme.padding
            // At least the visible height, so that views can let their charts fill it.
            height: page.scrolls ? Math.max(implicitHeight, scroller.availableHeight - Theme.padding)
                                 : scroller.availableHeight - Theme.padding
            spacing: Theme.padding
        }
    }
}
