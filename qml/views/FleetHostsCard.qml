import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Desktop

// The fleet list in the settings panel (docs/fleet.md): the other Vantage hosts this one follows
// as a hub, each with its address, whether its token is set and its state; Add, Edit (address,
// token) and Remove; and the fleet's own settings. A token is never shown back, only whether it
// is set, with a field to replace it. Every change goes through the core's Settings::apply(), as
// the file's and a web admin's do, and its refusal shows below the form.
Card {
    id: card
    objectName: "fleetHostsCard"
    title: qsTr("Fleet")

    readonly property var fleet: Backend.fleet
    // The host being edited ({} for a new one), or null while the form is closed.
    property var editing: null
    property string message

    // The hosts' states come from the fleet while this card is shown.
    Component.onCompleted: fleet.watch(card, true)

    function edit(host) {
        message = ""
        nameField.text = host.name ?? ""
        urlField.text = host.url ?? ""
        tokenField.text = ""
        clearToken.checked = false
        editing = host
    }

    function save() {
        const fields = { url: urlField.text.trim() }
        if (clearToken.checked)
            fields.token = ""
        else if (tokenField.text.length > 0)
            fields.token = tokenField.text
        message = fleet.applyHost(editing.name ?? nameField.text.trim(), fields)
        if (message.length === 0)
            editing = null
    }

    function stateColor(state) {
        return state === "up" ? Theme.ok : state === "down" ? Theme.critical : Theme.mutedText
    }

    Label {
        text: qsTr("Other Vantage hosts this one follows as a hub: their dashboard address (or "
                   + "ws:// address) and, to acknowledge their alerts from here, their admin token.")
        color: Theme.mutedText
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    Label {
        visible: card.fleet.hosts.length === 0
        text: qsTr("No host yet: this Vantage is no hub.")
        color: Theme.mutedText
    }

    Repeater {
        model: card.fleet.hosts
        delegate: RowLayout {
            id: hostRow
            required property var modelData
            objectName: "fleetHost_" + modelData.name
            spacing: Theme.padding
            Layout.fillWidth: true

            Label {
                text: hostRow.modelData.name
                font.bold: true
                color: Theme.text
                elide: Text.ElideRight
                Layout.preferredWidth: Theme.line * 7
            }
            Label {
                text: hostRow.modelData.url
                color: Theme.text
                elide: Text.ElideMiddle
                Layout.fillWidth: true
            }
            Label {
                objectName: hostRow.objectName + "_token"
                text: hostRow.modelData.tokenSet ? qsTr("token set") : qsTr("no token")
                color: Theme.mutedText
            }
            Label {
                objectName: hostRow.objectName + "_state"
                text: hostRow.modelData.state.length > 0 ? hostRow.modelData.state : qsTr("not started")
                color: card.stateColor(hostRow.modelData.state)
                font.bold: true
                Layout.preferredWidth: Theme.line * 5
            }
            Button {
                objectName: hostRow.objectName + "_edit"
                text: qsTr("Edit")
                onClicked: card.edit(hostRow.modelData)
                Accessible.name: qsTr("Edit the host %1").arg(hostRow.modelData.name)
            }
            Button {
                objectName: hostRow.objectName + "_remove"
                text: qsTr("Remove")
                onClicked: card.message = card.fleet.removeHost(hostRow.modelData.name)
                Accessible.name: qsTr("Remove the host %1 from the fleet").arg(hostRow.modelData.name)
            }
        }
    }

    Button {
        objectName: "fleetAddHost"
        visible: card.editing === null
        text: qsTr("Add host")
        onClicked: card.edit({})
    }

    GridLayout {
        objectName: "fleetHostForm"
        visible: card.editing !== null
        columns: 2
        columnSpacing: Theme.spacing
        rowSpacing: Theme.spacing / 2
        Layout.fillWidth: true

        Label {
            text: qsTr("Name")
            color: Theme.text
            Layout.preferredWidth: Theme.line * 11
        }
        TextField {
            id: nameField
            objectName: "fleetHostName"
            // A host is renamed by removing it and adding it again: the name is part of its keys.
            readOnly: card.editing !== null && card.editing.name !== undefined
            placeholderText: qsTr("db1")
            Layout.preferredWidth: Theme.line * 12
            Accessible.name: qsTr("Host name")
        }
        Label {
            text: qsTr("Address")
            color: Theme.text
        }
        TextField {
            id: urlField
            objectName: "fleetHostUrl"
            placeholderText: qsTr("http://db1.example.org:8765/")
            Layout.preferredWidth: Theme.line * 22
            Accessible.name: qsTr("Host address")
        }
        Label {
            text: qsTr("Admin token")
            color: Theme.text
        }
        RowLayout {
            spacing: Theme.spacing
            TextField {
                id: tokenField
                objectName: "fleetHostToken"
                echoMode: TextInput.Password
                enabled: !clearToken.checked
                placeholderText: card.editing !== null && card.editing.tokenSet
                                 ? qsTr("set: type a new one to replace it") : qsTr("none (optional)")
                Layout.preferredWidth: Theme.line * 16
                Accessible.name: qsTr("The host's admin token")
            }
            CheckBox {
                id: clearToken
                objectName: "fleetHostClearToken"
                visible: card.editing !== null && card.editing.tokenSet === true
                text: qsTr("Clear")
            }
        }
        Item { implicitWidth: 1 }
        RowLayout {
            spacing: Theme.spacing
            Button {
                objectName: "fleetHostSave"
                text: qsTr("Save")
                onClicked: card.save()
            }
            Button {
                text: qsTr("Cancel")
                onClicked: {
                    card.editing = null
                    card.message = ""
                }
            }
        }
    }

    Label {
        objectName: "fleetHostMessage"
        visible: card.message.length > 0
        text: card.message
        color: Theme.critical
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    SettingField { key: "fleet/downSeconds"; label: qsTr("Down after"); unit: qsTr("s") }
    SettingField {
        key: "fleet/prometheusUrl"
        label: qsTr("Prometheus")
        fieldWidth: Theme.line * 22
    }
    SettingField { key: "fleet/prometheusRefresh"; label: qsTr("Prometheus every"); unit: qsTr("s") }
}
