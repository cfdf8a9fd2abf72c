import QtQuick
import QtTest
import Vantage.Desktop
import VantageTest

// Levels per unit in the settings panel: Add gives a typed unit its own levels (every field
// showing the shared level), a level typed in its field is applied by the core, a level that
// could never clear is refused in the rule's own words, and Remove makes the unit follow the
// shared levels again. Shared Service memory defaults: 90 / 98 / 60 s / 3.
Rectangle {
    id: root
    width: 1280
    height: 800
    color: "white"

    TestCase {
        id: test
        name: "UnitRules"
        when: windowShown

        Component {
            id: card
            UnitRulesCard {
                width: root.width
                ruleNames: ({ cgroup: "Service CPU", cgroupMemory: "Service memory" })
                ruleUnits: ({ cgroup: "% of a core", cgroupMemory: "%" })
                fieldNames: [
                    { field: "warning", header: "Warning", spoken: "warning" },
                    { field: "critical", header: "Critical", spoken: "critical" },
                    { field: "for", header: "For (s)", spoken: "duration in seconds" },
                    { field: "hysteresis", header: "Hysteresis", spoken: "hysteresis" }
                ]
            }
        }

        readonly property string prefix: "thresholds/cgroupMemory/db@main.service/"

        function init() {
            failOnWarning(/.*/)
            tryVerify(() => Harness.clientReady, 5000, "the harness client is connected")
        }

        function cleanup() {
            Backend.settings.apply(prefix, null)
        }

        function type(field, text) {
            field.forceActiveFocus()
            field.selectAll()
            for (const character of text)
                keyClick(character)
        }

        function test_addEditRefuseRemove() {
            const view = createTemporaryObject(card, root)
            verify(view)
            waitForRendering(view)
            const unit = findChild(view, "unitRuleUnit")
            unit.editText = "db@main.service"
            findChild(view, "unitRuleRule").currentIndex = 1 // Service memory
            mouseClick(findChild(view, "unitRuleAdd"))
            compare(findChild(view, "unitRuleMessage").text, "")
            compare(Backend.settings.values[prefix + "enabled"], true)
            tryVerify(() => findChild(view, "unitRule_cgroupMemory_db@main.service") !== null, 5000,
                      "the unit's row")
            const warning = findChild(view, "setting_" + prefix.replace(/\//g, "_") + "warning")
            compare(warning.text, "90") // the shared level until changed

            type(warning, "70")
            keyClick(Qt.Key_Return)
            compare(Backend.settings.values[prefix + "warning"], 70)
            verify(/\[thresholds\/cgroupMemory\/db@main\.service\]\n(\w+=[^\n]*\n)*warning=70\n/.test(
                       Harness.settingsFileText()), Harness.settingsFileText())

            // 2 with the shared hysteresis 3 could never clear.
            type(warning, "2")
            keyClick(Qt.Key_Return)
            const refusal = findChild(view, "setting_" + prefix.replace(/\//g, "_") + "warning_message")
            compare(refusal.text, "Service memory of db@main.service warning 2 % with hysteresis 3 % "
                                  + "could never clear: lower the hysteresis or raise the level")
            compare(Backend.settings.values[prefix + "warning"], 70)
            type(warning, "70")
            keyClick(Qt.Key_Return)

            mouseClick(findChild(view, "unitRule_cgroupMemory_db@main.service_remove"))
            compare(findChild(view, "unitRuleMessage").text, "")
            verify(!(prefix + "warning" in Backend.settings.values))
            tryVerify(() => findChild(view, "unitRule_cgroupMemory_db@main.service") === null, 5000,
                      "the row goes")
        }
    }
}
