import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Desktop

// The fields of one notification channel (docs/notifications.md), for NotifyChannelsCard. It
// checks nothing itself: the core refuses what does not work, and `error` shows its words.
GridLayout {
    id: editor
    columns: 2
    columnSpacing: Theme.padding
    rowSpacing: Theme.spacing / 2

    property var types: []
    property string error
    property bool isNew: true
    signal saveRequested(string name, var fields)
    signal cancelled()

    function load(channel) {
        isNew = channel.name === undefined
        nameField.text = channel.name ?? ""
        typeBox.currentIndex = Math.max(0, types.indexOf(channel.type || "webhook"))
        urlField.text = channel.url ?? ""
        secretField.text = channel.secret ?? ""
        tokenField.text = channel.token ?? ""
        headersField.text = channel.headers ?? ""
        severityBox.currentIndex = channel.minSeverity === "critical" ? 1 : 0
        rulesField.text = channel.rules ?? "all"
        repeatBox.value = channel.repeat ?? 0
        enabledBox.checked = channel.enabled ?? true
        resolvedBox.checked = channel.resolved ?? true
        insecureBox.checked = channel.insecure ?? false
        nameField.forceActiveFocus()
    }

    Label { text: qsTr("Name"); color: Theme.text }
    TextField {
        id: nameField
        objectName: "channelName"
        readOnly: !editor.isNew
        placeholderText: qsTr("letters, digits, - or _")
        Layout.fillWidth: true
    }
    Label { text: qsTr("Type"); color: Theme.text }
    ComboBox { id: typeBox; objectName: "channelType"; model: editor.types; Layout.fillWidth: true }
    Label { text: typeBox.currentText === "command" ? qsTr("Program") : qsTr("URL"); color: Theme.text }
    TextField {
        id: urlField
        objectName: "channelUrl"
        placeholderText: typeBox.currentText === "command" ? qsTr("/path/to/program and arguments") : "https://…"
        Layout.fillWidth: true
    }
    Label { text: qsTr("Signing secret"); color: Theme.text }
    TextField { id: secretField; echoMode: TextInput.PasswordEchoOnEdit; Layout.fillWidth: true }
    Label { text: qsTr("Bearer token"); color: Theme.text }
    TextField { id: tokenField; echoMode: TextInput.PasswordEchoOnEdit; Layout.fillWidth: true }
    Label { text: qsTr("Extra headers"); color: Theme.text }
    TextField { id: headersField; placeholderText: "Name: value; Other: value"; Layout.fillWidth: true }
    Label { text: qsTr("Least severity"); color: Theme.text }
    ComboBox { id: severityBox; model: ["warning", "critical"]; Layout.fillWidth: true }
    Label { text: qsTr("Rules"); color: Theme.text }
    TextField { id: rulesField; placeholderText: qsTr("all, or cpu,disk,…"); Layout.fillWidth: true }
    Label { text: qsTr("Remind every (min)"); color: Theme.text }
    SpinBox { id: repeatBox; from: 0; to: 10080; editable: true }
    Flow {
        spacing: Theme.padding
        Layout.columnSpan: 2
        Layout.fillWidth: true
        CheckBox { id: enabledBox; text: qsTr("Enabled") }
        CheckBox { id: resolvedBox; text: qsTr("Send resolved") }
        CheckBox { id: insecureBox; text: qsTr("Accept any certificate") }
    }
    Label {
        objectName: "channelError"
        visible: editor.error.length > 0
        text: editor.error
        color: Theme.critical
        wrapMode: Text.Wrap
        Layout.columnSpan: 2
        Layout.fillWidth: true
    }
    RowLayout {
        Layout.columnSpan: 2
        Layout.alignment: Qt.AlignRight
        Button { text: qsTr("Cancel"); onClicked: editor.cancelled() }
        Button {
            objectName: "saveChannel"
            text: qsTr("Save channel")
            highlighted: true
            onClicked: editor.saveRequested(nameField.text.trim(), {
                type: typeBox.currentText, url: urlField.text.trim(), secret: secretField.text,
                token: tokenField.text, headers: headersField.text.trim(),
                minSeverity: severityBox.currentText, rules: rulesField.text.trim() || "all",
                repeat: repeatBox.value, enabled: enabledBox.checked,
                resolved: resolvedBox.checked, insecure: insecureBox.checked
            })
        }
    }
}
