import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Desktop

// One setting as a text field. What is typed is checked by the core (Settings::validate) on
// every keystroke and the reason shown in place; a valid value is applied (and saved, and sent
// to every browser) when editing finishes, and "Saved" says so for a few seconds. A refusal of
// the whole change (levels that cannot work together) shows in place the same way. A change
// from elsewhere, such as a web admin, shows at once.
ColumnLayout {
    id: setting

    // The settings key, e.g. "thresholds/cpu/warning".
    required property string key
    property string label
    property string unit
    // No label column (the thresholds table has its own headers).
    property bool compact: false
    property int echoMode: TextInput.Normal
    property real fieldWidth: Theme.line * 8
    // Why the typed value is refused; empty while it is fine.
    property string message
    // True for a few seconds after the typed value was applied and saved.
    property bool saved: false
    // Whether the field shows its refusal and "Saved" itself; false where a container shows
    // them for several fields at once (the thresholds table, one line per rule).
    property bool showsStatus: true
    readonly property alias field: input
    readonly property string baseName: "setting_" + key.replace(/\//g, "_")

    spacing: Theme.spacing / 3

    // Applies the typed value unless it is unchanged or refused.
    function commit() {
        if (input.text === Backend.settings.text(key)) {
            message = ""
            return
        }
        message = Backend.settings.validate(key, input.text)
        if (message.length === 0)
            message = Backend.settings.apply(key, input.text)
        saved = message.length === 0
        if (saved)
            savedTimer.restart()
    }

    // Puts a value in the field and applies it (Generate token).
    function set(text) {
        input.text = text
        commit()
    }

    RowLayout {
        spacing: Theme.spacing
        Layout.fillWidth: true
        Label {
            visible: !setting.compact
            text: setting.label
            color: Theme.text
            elide: Text.ElideRight
            Layout.preferredWidth: Theme.line * 11
        }
        TextField {
            id: input
            objectName: setting.baseName
            text: Backend.settings.text(setting.key)
            echoMode: setting.echoMode
            selectByMouse: true
            Layout.preferredWidth: setting.fieldWidth
            Layout.fillWidth: setting.fieldWidth <= 0
            color: setting.message.length > 0 ? Theme.critical : palette.text
            onTextEdited: {
                setting.saved = false
                setting.message = Backend.settings.validate(setting.key, text)
            }
            onEditingFinished: setting.commit()
            ToolTip.visible: hovered && !setting.compact
            ToolTip.delay: 600
            ToolTip.text: Backend.settings.describe(setting.key)
            Accessible.name: setting.label
            Accessible.description: Backend.settings.describe(setting.key)
        }
        Label {
            visible: setting.unit.length > 0
            text: setting.unit
            color: Theme.mutedText
        }
        Label {
            objectName: setting.baseName + "_saved"
            visible: setting.showsStatus && setting.saved
            text: qsTr("✓ Saved")
            color: Theme.ok
        }
    }
    Label {
        objectName: setting.baseName + "_message"
        visible: setting.showsStatus && setting.message.length > 0
        text: setting.message
        color: Theme.critical
        wrapMode: Text.Wrap
        font.pointSize: Theme.smallSize
        Layout.fillWidth: true
        Layout.maximumWidth: setting.compact ? setting.fieldWidth + Theme.line * 4 : Theme.line * 40
        Layout.leftMargin: setting.compact ? 0 : Theme.line * 11 + Theme.spacing
    }

    Timer {
        id: savedTimer
        // As long as the web dialog shows its "Saved".
        interval: 3000
        onTriggered: setting.saved = false
    }

    Connections {
        target: Backend.settings
        function onSettingsChanged(keys) {
            if (keys.indexOf(setting.key) < 0)
                return
            input.text = Backend.settings.text(setting.key)
            setting.message = ""
        }
    }
}
