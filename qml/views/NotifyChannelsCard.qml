import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Desktop

// The notification channels in the settings panel: each with its last delivery, Send test with
// the result in its row, Edit and Remove, and Add channel. The desktop owns the machine, so it
// may set command channels (which run a program) and sees the secrets; every change goes through
// the core's Settings::apply(), so the panel accepts only what the file and a web admin could.
Card {
    id: card
    objectName: "notifyCard"
    title: qsTr("Notification channels")

    readonly property var settings: Backend.settings
    readonly property var types: ["webhook", "ntfy", "alertmanager", "command", "desktop"]
    // Channel name → { text, ok } of its last Send test.
    property var testResults: ({})
    // The channel being edited ({} for a new one), or null while the editor is closed.
    property var editing: null
    property string editError

    Connections {
        target: card.settings
        function onTestEnded(channel, ok, text) {
            const results = Object.assign({}, card.testResults)
            results[channel] = { text: text, ok: ok }
            card.testResults = results
        }
    }

    Label {
        visible: card.settings.channels.length === 0
        text: qsTr("No channels yet: alerts reach only the people watching.")
        color: Theme.mutedText
    }

    Repeater {
        model: card.settings.channels
        delegate: RowLayout {
            id: channelRow
            required property var modelData
            required property int index
            readonly property var result: card.testResults[modelData.name]
            objectName: "channel_" + modelData.name
            spacing: Theme.spacing
            Layout.fillWidth: true

            ColumnLayout {
                spacing: 0
                Layout.fillWidth: true
                Label {
                    text: channelRow.modelData.name + "  ·  " + channelRow.modelData.type
                          + (channelRow.modelData.enabled ? "" : qsTr(" (off)"))
                    font.bold: true
                    color: Theme.text
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                Label {
                    objectName: "channel_" + channelRow.modelData.name + "_last"
                    text: channelRow.modelData.last.length > 0 ? channelRow.modelData.last : qsTr("never delivered")
                    color: channelRow.modelData.last.length > 0 && !channelRow.modelData.lastOk
                           ? Theme.critical : Theme.mutedText
                    font.pointSize: Theme.smallSize
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                Label {
                    visible: channelRow.modelData.problem.length > 0
                    text: channelRow.modelData.problem
                    color: Theme.warning
                    font.pointSize: Theme.smallSize
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
            }
            Label {
                objectName: "channel_" + channelRow.modelData.name + "_test"
                visible: channelRow.result !== undefined
                text: channelRow.result ? channelRow.result.text : ""
                color: channelRow.result && channelRow.result.ok ? Theme.ok : Theme.critical
                Layout.maximumWidth: Theme.line * 12
                elide: Text.ElideRight
            }
            Button {
                objectName: "channel_" + channelRow.modelData.name + "_sendTest"
                text: qsTr("Send test")
                onClicked: {
                    const results = Object.assign({}, card.testResults)
                    results[channelRow.modelData.name] = card.settings.sendTest(channelRow.modelData.name)
                            ? { text: qsTr("Sending…"), ok: true }
                            : { text: qsTr("cannot be tried"), ok: false }
                    card.testResults = results
                }
                Accessible.name: qsTr("Send a test notification to %1").arg(channelRow.modelData.name)
            }
            Button {
                objectName: "channel_" + channelRow.modelData.name + "_edit"
                text: qsTr("Edit")
                onClicked: card.edit(channelRow.modelData)
            }
            Button {
                objectName: "channel_" + channelRow.modelData.name + "_remove"
                text: qsTr("Remove")
                onClicked: card.settings.removeChannel(channelRow.modelData.name)
                Accessible.name: qsTr("Remove the channel %1 and its undelivered events").arg(channelRow.modelData.name)
            }
        }
    }

    Button {
        objectName: "addChannel"
        visible: card.editing === null
        text: qsTr("Add channel")
        onClicked: card.edit({})
    }

    NotifyChannelEditor {
        id: editor
        visible: card.editing !== null
        types: card.types
        error: card.editError
        Layout.fillWidth: true
        onSaveRequested: (name, fields) => {
            card.editError = card.settings.applyChannel(name, fields)
            if (card.editError.length === 0)
                card.editing = null
        }
        onCancelled: card.editing = null
    }

    function edit(channel) {
        editError = ""
        editing = channel
        editor.load(channel)
    }
}
