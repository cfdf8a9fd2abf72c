import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Desktop

// The span every chart shows: 1, 5, 15 or 60 minutes of the in-memory history, or 6 h, 24 h,
// 7 d or 30 d of the store on disk, as the web dashboard offers; and "Live" after a drag to
// zoom or a pan. A pick also sets Backend.span's length at once, even where seconds does not
// change.
RowLayout {
    id: choice

    // The chosen window in seconds.
    property int seconds: 300
    // Emitted when the user picks another window.
    signal picked(int seconds)

    spacing: 0

    Label {
        text: qsTr("Window")
        color: Theme.mutedText
        Layout.rightMargin: Theme.spacing
    }
    Repeater {
        model: [
            { seconds: 60, label: qsTr("1 min") },
            { seconds: 300, label: qsTr("5 min") },
            { seconds: 900, label: qsTr("15 min") },
            { seconds: 3600, label: qsTr("60 min") },
            { seconds: 21600, label: qsTr("6 h") },
            { seconds: 86400, label: qsTr("24 h") },
            { seconds: 604800, label: qsTr("7 d") },
            { seconds: 2592000, label: qsTr("30 d") }
        ]
        delegate: Button {
            required property var modelData
            objectName: "window" + modelData.seconds
            text: modelData.label
            checkable: true
            checked: Backend.span.live && Backend.span.windowMs === modelData.seconds * 1000
            flat: !checked
            focusPolicy: Qt.TabFocus
            onClicked: {
                Backend.span.choose(modelData.seconds * 1000)
                choice.picked(modelData.seconds)
            }
            Accessible.name: qsTr("Show the last %1").arg(modelData.label)
        }
    }
    Button {
        objectName: "spanLive"
        text: qsTr("Live")
        visible: !Backend.span.live
        highlighted: true
        focusPolicy: Qt.TabFocus
        onClicked: Backend.span.goLive()
        Accessible.name: qsTr("Back to live")
    }
}
