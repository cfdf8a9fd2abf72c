import QtQuick
import QtQuick.Layouts
import QtQuick.Controls

// A caption above a value, for facts and figures ("Used" / "7.8 GiB"). Give it an objectName
// and the value label is found as <objectName>Value by tests.
ColumnLayout {
    id: item

    property string caption
    property string value
    property bool big: false
    property color valueColor: Theme.text

    spacing: 0

    Label {
        text: item.caption
        color: Theme.mutedText
        font.pointSize: Theme.smallSize
        elide: Text.ElideRight
        Layout.fillWidth: true
    }
    // The layout sees this box, never the text: it is as wide as the widest value shown so far,
    // so a figure that changes every tick ("1.52" to "1.6") does not re-lay out the page each
    // time its width changes by a digit (measured with bench/desktop, see docs/desktop.md).
    Item {
        property real widest: 0
        implicitWidth: widest
        implicitHeight: valueLabel.implicitHeight
        Layout.fillWidth: true

        Label {
            id: valueLabel
            objectName: item.objectName.length > 0 ? item.objectName + "Value" : ""
            width: parent.width
            text: item.value
            color: item.valueColor
            font.pointSize: item.big ? Theme.bigSize : Theme.baseSize
            font.bold: item.big
            elide: Text.ElideRight
            onImplicitWidthChanged: parent.widest = Math.max(parent.widest, implicitWidth)
            Component.onCompleted: parent.widest = implicitWidth
        }
    }
}
