import QtQuick
import QtTest
import Vantage.Desktop
import VantageTest

// The settings panel applies through the core: a valid edit reaches Settings, the file on disk
// and a connected WebSocket client and says "Saved"; an invalid one is refused in place with the
// core's own message, levels that cannot work together in the rule's own words; every rule has
// the four settings of the web dialog; the cards fit a small window (one column) and use a
// large one (two); a change made by a web admin shows at once; a new bind restarts the server
// and the panel says where it listens now.
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
        Component { id: sizedSettings; SettingsView {} }

        function init() {
            failOnWarning(/.*/)
            tryVerify(() => Harness.clientReady, 5000, "the harness client is connected")
        }

        // Each test starts from the defaults of docs/settings.md.
        function cleanup() {
            const defaults = {
                "thresholds/cpu/warning": 75, "thresholds/memory/critical": 95,
                "thresholds/swap/warning": 50, "thresholds/disk/warning": 90, "server/token": "",
                "thresholds/cpu/hysteresis": 5, "thresholds/memory/warning": 80,
                "server/maxConnections": 100
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

        // The thresholds table says a rule's refusal and "Saved" on one line under its row.
        function ruleMessage(view, rule) {
            return findChild(view, "rule_" + rule + "_message")
        }

        function ruleSaved(view, rule) {
            return findChild(view, "rule_" + rule + "_saved")
        }

        function test_validEditReachesCoreFileAndBrowsers() {
            const view = show()
            const field = findChild(view, "setting_thresholds_cpu_warning")
            const before = Harness.settingsMessages
            type(field, "70")
            keyClick(Qt.Key_Return)
            compare(Backend.settings.values["thresholds/cpu/warning"], 70)
            // Settings writes one INI section per rule (an earlier test may have put another key
            // of the rule there first).
            verify(/\[thresholds\/cpu\]\n(\w+=[^\n]*\n)*warning=70\n/.test(Harness.settingsFileText()),
                   Harness.settingsFileText())
            tryVerify(() => Harness.settingsMessages > before, 5000, "a settings message")
            compare(Harness.lastBroadcastSettings()["thresholds/cpu/warning"], 70)
            verify(!ruleMessage(view, "cpu").visible)
            verify(ruleSaved(view, "cpu").visible)
            // The confirmation goes after a few seconds.
            tryVerify(() => !ruleSaved(view, "cpu").visible, 10000, "Saved goes away")
        }

        function test_savedShowsBesideAServerField() {
            const view = show()
            const saved = findChild(view, "setting_server_maxConnections_saved")
            verify(!saved.visible)
            type(findChild(view, "setting_server_maxConnections"), "50")
            keyClick(Qt.Key_Return)
            compare(Backend.settings.values["server/maxConnections"], 50)
            verify(saved.visible)
            compare(saved.text, "✓ Saved")
            // Typing again takes the confirmation back until the new value is applied.
            type(findChild(view, "setting_server_maxConnections"), "5")
            verify(!saved.visible)
        }

        // Memory's hysteresis is 5 by default: a warning level of 2 would clear only below
        // 2 - 5 = -3 %, which memory use never reaches.
        function test_neverClearingIsRefusedInTheRulesWords() {
            const view = show()
            const file = Harness.settingsFileText()
            type(findChild(view, "setting_thresholds_memory_warning"), "2")
            verify(!ruleMessage(view, "memory").visible) // the value alone is fine
            keyClick(Qt.Key_Return)
            verify(ruleMessage(view, "memory").visible)
            compare(ruleMessage(view, "memory").text, "Memory warning 2 % with hysteresis 5 % could "
                    + "never clear: lower the hysteresis or raise the level")
            verify(!ruleSaved(view, "memory").visible)
            compare(Backend.settings.values["thresholds/memory/warning"], 80)
            compare(Harness.settingsFileText(), file)
        }

        // The web dialog's four columns, with the defaults of docs/settings.md.
        function test_everyRuleHasTheFourSettings() {
            const view = show()
            compare(findChild(view, "setting_thresholds_disk_warning").text, "90")
            compare(findChild(view, "setting_thresholds_disk_critical").text, "95")
            compare(findChild(view, "setting_thresholds_disk_for").text, "60")
            compare(findChild(view, "setting_thresholds_disk_hysteresis").text, "2")
            compare(findChild(view, "setting_thresholds_tick_hysteresis").text, "10")
            type(findChild(view, "setting_thresholds_cpu_hysteresis"), "4")
            keyClick(Qt.Key_Return)
            compare(Backend.settings.values["thresholds/cpu/hysteresis"], 4)
            verify(ruleSaved(view, "cpu").visible)
        }

        // The view beside the sidebar of a 1024 x 640 window (one column: every card within the
        // width, the page scrolls) and of a 1600 x 1000 one (two columns side by side).
        function test_layoutFitsSmallAndLargeWindows_data() {
            const sidebar = Math.round(Theme.line * 11)
            return [
                { tag: "1024x640", width: 1024 - sidebar, height: 640, columns: 1 },
                { tag: "1280x800", width: 1280 - sidebar, height: 800, columns: 0 },
                { tag: "1600x1000", width: 1600 - sidebar, height: 1000, columns: 2 }
            ]
        }

        function test_layoutFitsSmallAndLargeWindows(data) {
            const view = createTemporaryObject(sizedSettings, root,
                                               { width: data.width, height: data.height })
            verify(view)
            waitForRendering(view)
            // The cards, and the widest row of each side, end within the view.
            const names = ["thresholdsCard", "serverCard", "samplingCard", "generateToken",
                           "setting_server_allowedOrigins", "setting_thresholds_tick_hysteresis"]
            for (const name of names) {
                const item = findChild(view, name)
                const left = item.mapToItem(view, 0, 0).x
                verify(left >= 0 && left + item.width <= view.width,
                       name + " at " + left + " + " + item.width + " in " + view.width)
            }
            const thresholds = findChild(view, "thresholdsCard").mapToItem(view, 0, 0)
            const server = findChild(view, "serverCard").mapToItem(view, 0, 0)
            if (data.columns === 0)
                return // either, depending on the font
            if (data.columns === 1) {
                verify(server.y > thresholds.y, "the server card below the thresholds")
                compare(server.x, thresholds.x)
            } else {
                verify(server.x > thresholds.x, "the server card beside the thresholds")
            }
        }

        function test_invalidInputIsRefusedInPlace() {
            const view = show()
            const key = "thresholds/memory/critical"
            const field = findChild(view, "setting_thresholds_memory_critical")
            const was = Backend.settings.values[key]
            const file = Harness.settingsFileText()
            type(field, "150")
            // The core's own words, naming the setting as the table does: the rule's levels are
            // percentages from 0 to 100.
            verify(ruleMessage(view, "memory").visible)
            compare(ruleMessage(view, "memory").text,
                    "Memory critical: expected a percentage from 0 to 100, got \"150\"")
            keyClick(Qt.Key_Return)
            compare(Backend.settings.values[key], was)
            compare(Harness.settingsFileText(), file)
            verify(ruleMessage(view, "memory").visible)
            verify(!ruleSaved(view, "memory").visible)
            type(field, String(was))
            verify(!ruleMessage(view, "memory").visible)
        }

        function test_crossRuleIsRefusedInPlace() {
            const view = show()
            const key = "thresholds/swap/warning"
            const field = findChild(view, "setting_thresholds_swap_warning")
            type(field, "85") // above swap's critical level, 80
            verify(!ruleMessage(view, "swap").visible) // the value alone is fine
            keyClick(Qt.Key_Return)
            verify(ruleMessage(view, "swap").visible)
            compare(ruleMessage(view, "swap").text, "Swap critical 80 % is below its warning 85 %: "
                                                    + "raise the critical level or lower the warning")
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
