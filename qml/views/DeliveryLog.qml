import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Desktop

// The delivery log in the Alerts view: the last 200 deliveries to the notification channels,
// newest first, with the alerts each carried and why one failed. At most ten rows tall, so a
// long log scrolls in its card instead of pushing the view's other cards away.
Card {
    id: log
    objectName: "deliveryLog"
    title: qsTr("Notification deliveries")
    readonly property var deliveries: Backend.settings.deliveries
    readonly property real rowHeight: Theme.line * 1.4
    note: deliveries.length > 0 ? qsTr("%n recent, newest first", "", deliveries.length) : ""

    Label {
        visible: log.deliveries.length === 0
        text: qsTr("Nothing delivered yet")
        color: Theme.mutedText
    }
    ListView {
        objectName: "deliveryList"
        visible: log.deliveries.length > 0
        model: log.deliveries
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        implicitHeight: Math.min(count, 10) * log.rowHeight
        Layout.fillWidth: true
        ScrollBar.vertical: ScrollBar {}
        delegate: RowLayout {
            required property var modelData
            width: ListView.view.width
            height: log.rowHeight
            spacing: Theme.spacing
            Label { text: modelData.time; color: Theme.mutedText; Layout.preferredWidth: Theme.line * 4 }
            Label {
                text: modelData.channel
                color: Theme.text
                elide: Text.ElideRight
                Layout.preferredWidth: Theme.line * 6
            }
            Label {
                text: modelData.ok ? qsTr("delivered") : qsTr("failed")
                color: modelData.ok ? Theme.ok : Theme.critical
                font.bold: true
                Layout.preferredWidth: Theme.line * 4.5
            }
            Label {
                text: modelData.ok ? modelData.what : modelData.what + ": " + modelData.error
                color: Theme.text
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }
    }
}
