import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Desktop

// Levels per unit in the settings panel (docs/settings.md "Levels per unit"): the services and
// containers with their own Service CPU or Service memory levels, each level a field as in the
// thresholds table, Watched to leave a unit alone, Remove to make it follow the shared levels
// again, and Add, choosing from the units the machine reports now or typing a name. Every change
// goes through the core's Settings::apply(), as the file and a web admin's do.
Card {
    id: card
    objectName: "unitRulesCard"
    title: qsTr("Levels per unit")

    // From the settings view: rule → name and unit, and the four fields of a rule.
    required property var ruleNames
    required property var ruleUnits
    required property var fieldNames

    readonly property var settings: Backend.settings
    readonly property var unitRules: ["cgroup", "cgroupMemory"]
    // {rule, unit, prefix} of each unit with levels of its own, by unit then rule. Replaced only
    // when the list itself changes, so a level just saved keeps its field and its "Saved".
    property var entries: []
    property string message

    function refresh() {
        const found = []
        for (const key of Object.keys(settings.values)) {
            const match = /^thresholds\/(cgroup|cgroupMemory)\/([^/]+)\/enabled$/.exec(key)
            if (!match)
                continue
            try {
                const unit = decodeURIComponent(match[2])
                found.push({ rule: match[1], unit: unit, prefix: prefixOf(match[1], unit) })
            } catch (error) {
                // not a spelling the core writes
            }
        }
        found.sort((a, b) => a.unit.localeCompare(b.unit) || a.rule.localeCompare(b.rule))
        if (JSON.stringify(found) !== JSON.stringify(entries))
            entries = found
    }
    Component.onCompleted: refresh()
    Connections {
        target: card.settings
        function onValuesChanged() { card.refresh() }
    }

    // The unit as its keys spell it: A-Z a-z 0-9 _ . @ - as they are, other UTF-8 bytes %XX.
    function encodeUnit(unit) {
        return encodeURIComponent(unit)
            .replace(/[!~*'()]/g, c => "%" + c.charCodeAt(0).toString(16).toUpperCase())
            .replace(/%40/g, "@")
    }
    function prefixOf(rule, unit) {
        return "thresholds/" + rule + "/" + encodeUnit(unit) + "/"
    }
    // The units the machine reports now, slices left out as the rules leave them out.
    function knownUnits() {
        const model = Backend.serviceList
        const names = []
        for (let row = 0; row < model.count; ++row) {
            const name = model.data(model.index(row, 0), ServicesModel.NameRole)
            if (name && !name.endsWith(".slice") && names.indexOf(name) < 0)
                names.push(name)
        }
        return names.sort((a, b) => a.localeCompare(b))
    }

    Label {
        text: qsTr("A service or container may have its own Service CPU or Service memory levels; "
                   + "a level left as it is follows the shared one, and Watched off leaves the unit alone.")
        color: Theme.mutedText
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    Label {
        visible: card.entries.length === 0
        text: qsTr("No unit has levels of its own.")
        color: Theme.mutedText
    }

    // The field headers, as the thresholds table has them.
    RowLayout {
        visible: card.entries.length > 0
        spacing: Theme.padding
        Label {
            text: qsTr("Unit")
            color: Theme.mutedText
            font.bold: true
            Layout.preferredWidth: Theme.line * 12
        }
        Repeater {
            model: card.fieldNames
            delegate: Label {
                required property var modelData
                text: modelData.header
                color: Theme.mutedText
                font.bold: true
                elide: Text.ElideRight
                Layout.preferredWidth: Theme.line * 5.5
            }
        }
    }

    Repeater {
        model: card.entries
        delegate: RowLayout {
            id: unitRow
            required property var modelData
            objectName: "unitRule_" + modelData.rule + "_" + modelData.unit
            spacing: Theme.padding
            Layout.fillWidth: true

            ColumnLayout {
                spacing: 0
                Layout.preferredWidth: Theme.line * 12
                Layout.maximumWidth: Theme.line * 12
                Layout.alignment: Qt.AlignTop
                Label {
                    text: unitRow.modelData.unit
                    color: Theme.text
                    font.bold: true
                    elide: Text.ElideMiddle
                    Layout.fillWidth: true
                }
                Label {
                    text: (card.ruleNames[unitRow.modelData.rule] ?? unitRow.modelData.rule) + ", "
                          + (card.ruleUnits[unitRow.modelData.rule] ?? "")
                    color: Theme.mutedText
                    font.pointSize: Theme.smallSize
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
            }
            Repeater {
                model: card.fieldNames
                delegate: SettingField {
                    required property var modelData
                    compact: true
                    key: unitRow.modelData.prefix + modelData.field
                    label: unitRow.modelData.unit + " " + (card.ruleNames[unitRow.modelData.rule] ?? "")
                           + " " + modelData.spoken
                    fieldWidth: Theme.line * 5.5
                    Layout.alignment: Qt.AlignTop
                }
            }
            CheckBox {
                objectName: unitRow.objectName + "_enabled"
                text: qsTr("Watched")
                checked: card.settings.values[unitRow.modelData.prefix + "enabled"] !== false
                Layout.alignment: Qt.AlignTop
                onToggled: {
                    card.message = card.settings.apply(unitRow.modelData.prefix + "enabled", checked)
                    // Back to what the core holds, refused or not.
                    checked = Qt.binding(() => card.settings.values[unitRow.modelData.prefix + "enabled"] !== false)
                }
                Accessible.name: qsTr("Watch %1").arg(unitRow.modelData.unit)
            }
            Button {
                objectName: unitRow.objectName + "_remove"
                text: qsTr("Remove")
                Layout.alignment: Qt.AlignTop
                onClicked: card.message = card.settings.apply(unitRow.modelData.prefix, null)
                Accessible.name: qsTr("Remove the levels of %1").arg(unitRow.modelData.unit)
            }
            Item { Layout.fillWidth: true }
        }
    }

    RowLayout {
        spacing: Theme.spacing
        Layout.fillWidth: true
        Label {
            text: qsTr("Add levels for")
            color: Theme.text
        }
        ComboBox {
            id: unitChoice
            objectName: "unitRuleUnit"
            editable: true
            model: card.knownUnits()
            Layout.preferredWidth: Theme.line * 16
            onActivated: editText = currentText
            // The list follows the machine each time it opens.
            onPressedChanged: if (pressed) model = card.knownUnits()
            Accessible.name: qsTr("Unit or container")
        }
        ComboBox {
            id: ruleChoice
            objectName: "unitRuleRule"
            model: card.unitRules.map(rule => card.ruleNames[rule] ?? rule)
            Layout.preferredWidth: Theme.line * 10
            Accessible.name: qsTr("Rule")
        }
        Button {
            objectName: "unitRuleAdd"
            text: qsTr("Add")
            enabled: unitChoice.editText.trim().length > 0
            onClicked: {
                const prefix = card.prefixOf(card.unitRules[ruleChoice.currentIndex], unitChoice.editText.trim())
                card.message = card.settings.apply(prefix + "enabled", true)
                if (card.message.length === 0)
                    unitChoice.editText = ""
            }
        }
        Item { Layout.fillWidth: true }
    }

    Label {
        objectName: "unitRuleMessage"
        visible: card.message.length > 0
        text: card.message
        color: Theme.critical
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
}
