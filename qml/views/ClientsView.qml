import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Desktop

// The browsers connected to the web dashboard, with what the server sent them and what waits in
// their queue; any of them can be disconnected from here.
ViewPage {
    id: view
    title: qsTr("Clients")
    hasCharts: false

    readonly property var clients: Backend.clients
    readonly property real now: Backend.live.timestamp > 0 ? Backend.live.timestamp : Date.now()

    Card {
        Layout.fillWidth: true
        visible: view.clients.count === 0
        Label {
            objectName: "noClients"
            text: Backend.settings.listenUrl.length > 0
                  ? qsTr("No browser is connected. Open %1 to see the dashboard.")
                    .arg(Backend.settings.listenUrl)
                  : qsTr("No browser is connected, and the web server is not running.")
            color: Theme.mutedText
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
    }

    Card {
        title: qsTr("Connected browsers")
        note: qsTr("%1 connected").arg(view.clients.count)
        visible: view.clients.count > 0
        Layout.fillWidth: true

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.padding
            Repeater {
                // The widths match the rows below, in lines of text.
                model: [[qsTr("Address"), 10], [qsTr("Role"), 4], [qsTr("Connected"), 5],
                        [qsTr("For"), 6], [qsTr("Messages sent"), 6], [qsTr("Queue"), 6]]
                delegate: Label {
                    required property var modelData
                    text: modelData[0]
                    color: Theme.mutedText
                    font.pointSize: Theme.smallSize
                    font.bold: true
                    elide: Text.ElideRight
                    Layout.preferredWidth: Theme.line * modelData[1]
                }
            }
            Item { Layout.fillWidth: true }
        }

        Repeater {
            model: view.clients
            delegate: RowLayout {
                id: row
                required property int index
                required property var clientId
                required property string address
                required property string role
                required property real since
                required property real messagesSent
                required property real queuedBytes
                required property bool behind
                Layout.fillWidth: true
                spacing: Theme.padding

                Label {
                    objectName: "client" + row.index + "Address"
                    text: row.address
                    color: Theme.text
                    Layout.preferredWidth: Theme.line * 10
                    elide: Text.ElideRight
                }
                Label {
                    objectName: "client" + row.index + "Role"
                    text: row.role
                    color: row.role === "admin" ? Theme.accent : Theme.text
                    Layout.preferredWidth: Theme.line * 4
                }
                Label {
                    objectName: "client" + row.index + "Since"
                    text: new Date(row.since).toLocaleTimeString(Qt.locale(), Locale.ShortFormat)
                    color: Theme.text
                    Layout.preferredWidth: Theme.line * 5
                }
                Label {
                    text: Format.duration((view.now - row.since) / 1000)
                    color: Theme.mutedText
                    Layout.preferredWidth: Theme.line * 6
                }
                Label {
                    objectName: "client" + row.index + "Messages"
                    text: Format.count(row.messagesSent)
                    color: Theme.text
                    Layout.preferredWidth: Theme.line * 6
                }
                Label {
                    objectName: "client" + row.index + "Queue"
                    text: Format.bytes(row.queuedBytes) + (row.behind ? qsTr(" (behind)") : "")
                    color: row.behind ? Theme.warning : Theme.text
                    Layout.preferredWidth: Theme.line * 6
                }
                Item { Layout.fillWidth: true }
                Button {
                    objectName: "client" + row.index + "Disconnect"
                    text: qsTr("Disconnect")
                    onClicked: view.clients.disconnectClient(row.clientId)
                    Accessible.name: qsTr("Disconnect %1").arg(row.address)
                }
            }
        }
    }

    // Nothing here fills the height: the cards stay at the top instead of floating mid-page.
    Item {
        Layout.fillHeight: true
    }
}
