import QtQuick
import QtTest
import Vantage.Desktop
import VantageTest

// The settings panel applies through the core: a valid edit reaches Settings, the file on disk
// and a connected WebSocket client; an invalid one is refused in place with the core's own
// message; a change made by a web admin shows at once; a new bind restarts the server and the
// panel says where it listens now.
// TestCase itself is invisible: the items under test live in this visible root.
Rectangle {
    id: root
    width: 1280
    height: 800
    color: "white"

    TestCase {
        id: test
        name: "Settings"
        when: windowShown

        Component { id: settings; SettingsView { anchors.fill: parent } }

        function init() {
            failOnWarning(/.*/)
            tryVerify(() => Harness.clientReady, 5000, "the harness client is connected")
        }

        // Each test starts from the defaults of docs/settings.md.
        function cleanup() {
            const defaults = {
                "thresholds/cpu/warning": 75, "thresholds/memory/critical": 95,
                "thresholds/swap/warning": 50, "thresholds/disk/warning": 90, "server/token": ""
            }
            for (const key in defaults) {
                if (Backend.settings.values[key] !== defaults[key])
                    compare(Backend.settings.apply(key, defaults[key]), "")
            }
        }

        function show() {
            const view = createTemporaryObject(settings, root)
            verify(view)
            waitForRendering(view)
            return view
        }

        function type(field, text) {
            field.forceActiveFocus()
            field.selectAll()
            for (const character of text)
                keyClick(character)
        }

        function message(view, key) {
            return findChild(view, "setting_" + key.replace(/\//g, "_") + "_message")
        }

        function test_validEditReachesCoreFileAndBrowsers() {
            const view = show()
            const field = findChild(view, "setting_thresholds_cpu_warning")
            const before = Harness.settingsMessages
            type(field, "70")
            keyClick(Qt.Key_Return)
            compare(Backend.settings.values["thresholds/cpu/warning"], 70)
            // Settings writes one INI section per rule.
            verify(/\[thresholds\/cpu\]\nwarning=70\n/.test(Harness.settingsFileText()),
                   Harness.settingsFileText())
            tryVerify(() => Harness.settingsMessages > before, 5000, "a settings message")
            compare(Harness.lastBroadcastSettings()["thresholds/cpu/warning"], 70)
            verify(!message(view, "thresholds/cpu/warning").visible)
        }

        function test_invalidInputIsRefusedInPlace() {
            const view = show()
            const key = "thresholds/memory/critical"
            const field = findChild(view, "setting_thresholds_memory_critical")
            const was = Backend.settings.values[key]
            const file = Harness.settingsFileText()
            type(field, "150")
            // The core's own words: the rule's levels are percentages from 0 to 100.
            verify(message(view, key).visible)
            verify(message(view, key).text.indexOf("from 0 to 100") >= 0, message(view, key).text)
            keyClick(Qt.Key_Return)
            compare(Backend.settings.values[key], was)
            compare(Harness.settingsFileText(), file)
            verify(message(view, key).visible)
            type(field, String(was))
            verify(!message(view, key).visible)
        }

        function test_crossRuleIsRefusedInPlace() {
            const view = show()
            const key = "thresholds/swap/warning"
            const field = findChild(view, "setting_thresholds_swap_warning")
            type(field, "85") // above swap's critical level, 80
            verify(!message(view, key).visible) // the value alone is fine
            keyClick(Qt.Key_Return)
            verify(message(view, key).visible)
            compare(message(view, key).text, "Swap critical 80 % is below its warning 85 %: raise "
                                              + "the critical level or lower the warning")
            compare(Backend.settings.values[key], 50)
        }

        function test_webAdminChangeShowsAtOnce() {
            const view = show()
            const token = "fixture-token-0123456789"
            const connections = Harness.connections
            compare(Backend.settings.apply("server/token", token), "")
            // A new token restarts the server, which closes every client; the harness's client
            // connects again once the server listens anew.
            tryVerify(() => Harness.connections > connections && Harness.clientReady, 5000,
                      "the client is back after the restart")
            verify(findChild(view, "browserUrl").text.endsWith("/?token=" + token),
                   findChild(view, "browserUrl").text)
            Harness.setSettingsAsAdmin(token, { "thresholds/disk/warning": 85 })
            tryCompare(findChild(view, "setting_thresholds_disk_warning"), "text", "85", 5000)
        }

        function test_newBindRestartsAndSaysWhere() {
            const view = show()
            const status = findChild(view, "serverStatus")
            verify(status.text.startsWith("Listening at http://127.0.0.1:"), status.text)
            const field = findChild(view, "setting_server_bind")
            type(field, "127.0.0.2")
            keyClick(Qt.Key_Return)
            tryVerify(() => status.text.startsWith("Listening at http://127.0.0.2:"), 5000, status.text)
            type(field, "127.0.0.1")
            keyClick(Qt.Key_Return)
            tryVerify(() => status.text.startsWith("Listening at http://127.0.0.1:"), 5000, status.text)
        }

        function test_tokenShowHideAndGenerate() {
            const view = show()
            const field = findChild(view, "setting_server_token")
            compare(field.echoMode, TextInput.Password)
            // The buttons may lie below the fold of the scrolling panel: press them directly.
            findChild(view, "showToken").clicked()
            compare(field.echoMode, TextInput.Normal)
            findChild(view, "generateToken").clicked()
            compare(field.text.length, 32)
            compare(Backend.settings.values["server/token"], field.text)
        }
    }
}
