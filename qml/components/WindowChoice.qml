import QtQuick
import QtQuick.Layouts
import QtQuick.Controls

// The time window of the charts: 1, 5, 15 or 60 minutes, as the web dashboard offers.
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
        model: [60, 300, 900, 3600]
        delegate: Button {
            required property int modelData
            objectName: "window" + modelData
            text: qsTr("%1 min").arg(modelData / 60)
            checkable: true
            checked: choice.seconds === modelData
            flat: !checked
            focusPolicy: Qt.TabFocus
            onClicked: choice.picked(modelData)
            Accessible.name: qsTr("Show the last %1 minutes").arg(modelData / 60)
        }
    }
}
