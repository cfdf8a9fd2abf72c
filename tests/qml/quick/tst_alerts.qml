import QtQuick
import QtTest
import Vantage.Desktop
import VantageTest

// Alerts on the desktop against the real alert engine of the fixture machine: its memory is
// 50% used (meminfo: (16384000 - 8192000) / 16384000), so a memory warning level of 40 with
// `for` 0 fires at the next tick. The Alerts view shows it; acknowledging it there reaches the
// model and a real WebSocket client; a web admin's acknowledgement reaches the model; raising
// the level resolves it and the Overview's strip goes away.
// TestCase itself is invisible: the items under test live in this visible root.
Rectangle {
    id: root
    width: 1280
    height: 800
    color: "white"

    TestCase {
        id: test
        name: "Alerts"
        when: windowShown

        // 16 to 256 printable characters: a token the schema accepts.
        readonly property string token: "alerts-test-token-0123456789"

        Component { id: alertsView; AlertsView { anchors.fill: parent } }
        Component { id: overview; OverviewView { anchors.fill: parent } }
        Component { id: spy; SignalSpy {} }

        function init() {
            failOnWarning(/.*/)
            tryVerify(() => Harness.clientReady, 5000, "the harness client is connected")
            // Only the memory rule may fire: the tick and disk rules (the fixture mounts the
            // real /) are put out of reach, so what the tests see is theirs alone.
            compare(Harness.applySettings({
                "thresholds/tick/warning": 1000, "thresholds/tick/critical": 1000,
                "thresholds/disk/warning": 100, "thresholds/disk/critical": 100
            }), "")
            tryCompare(Backend.alerts, "count", 0, 5000)
        }

        // Back to the defaults of docs/alerts.md; every alert resolves.
        function cleanup() {
            compare(Harness.applySettings({
                "thresholds/memory/warning": 80, "thresholds/memory/critical": 95,
                "thresholds/memory/for": 10, "thresholds/tick/warning": 50,
                "thresholds/tick/critical": 100, "thresholds/disk/warning": 90,
                "thresholds/disk/critical": 95
            }), "")
            tryVerify(() => rowOf("memory") < 0, 5000, "the memory alert resolves")
            if (Backend.settings.values["server/token"] !== "") {
                const connections = Harness.connections
                compare(Backend.settings.apply("server/token", ""), "")
                // A new token restarts the server: the harness client follows it.
                tryVerify(() => Harness.connections > connections && Harness.clientReady, 5000)
            }
        }

        function rowOf(id) {
            for (let row = 0; row < Backend.alerts.count; ++row) {
                if (Backend.alerts.get(row).id === id)
                    return row
            }
            return -1
        }

        function fireMemoryWarning() {
            compare(Harness.applySettings({
                "thresholds/memory/warning": 40, "thresholds/memory/for": 0
            }), "")
            tryVerify(() => rowOf("memory") >= 0, 5000, "the memory alert fires")
            return rowOf("memory")
        }

        function show(component) {
            const view = createTemporaryObject(component, root)
            verify(view)
            waitForRendering(view)
            return view
        }

        function textOf(view, name) {
            const item = findChild(view, name)
            verify(item, "no item named " + name)
            return item.text
        }

        function test_quietMachineSaysSo() {
            const view = show(alertsView)
            compare(Backend.alerts.worst, 0)
            verify(findChild(view, "noAlerts").visible)
            compare(textOf(view, "noAlerts"), "No active alerts")
            const strip = findChild(show(overview), "alertStrip")
            verify(!strip.visible)
        }

        function test_logStartsFromThePersistentLog() {
            // fixtures/alerts.jsonl: disk:/ fired at 1700000000000 and resolved 600 s later.
            // Newest first, so the file's first line is the last row.
            const log = Backend.alerts.log
            verify(log.count >= 2)
            const fired = log.get(log.count - 1)
            const resolved = log.get(log.count - 2)
            compare(fired.id, "disk:/")
            compare(fired.state, "firing")
            compare(fired.ts, 1700000000000)
            // The log keeps what each event said when it was written, in that day's format.
            compare(fired.message, "Disk / at 91.2% (warning at 90%)")
            compare(resolved.state, "resolved")
            compare(resolved.ts, 1700000600000)
            compare(resolved.value, 86.5)
            compare(log.get(log.count).id, undefined) // past the end: nothing
        }

        function test_firingAlertShowsWithTheFixtureValue() {
            const view = show(alertsView)
            const row = fireMemoryWarning()
            const alert = Backend.alerts.get(row)
            compare(alert.rule, "memory")
            compare(alert.instance, "")
            compare(alert.severity, "warning")
            compare(alert.state, "firing")
            compare(alert.value, 50)
            compare(alert.threshold, 40)
            compare(alert.acknowledged, false)
            compare(Backend.alerts.worst, 1)
            verify(!findChild(view, "noAlerts").visible)
            tryCompare(findChild(view, "alert" + row + "Message"), "text",
                       "Memory at 50 % (warning at 40 %)")
            compare(textOf(view, "alert" + row + "Severity"), "Warning")
            verify(/^for \d+ s$/.test(textOf(view, "alert" + row + "Since")),
                   textOf(view, "alert" + row + "Since"))
            verify(findChild(view, "alert" + row + "Acknowledge").visible)
            verify(!findChild(view, "alert" + row + "Acknowledged").visible)
            // The newest event on top of the log.
            compare(Backend.alerts.log.get(0).id, "memory")
            // The log's delegates are made when the view next lays out: wait for the row.
            tryVerify(() => findChild(view, "event0Message") !== null, 5000, "the log shows the event")
            compare(textOf(view, "event0Message"), "Memory at 50 % (warning at 40 %)")
            compare(textOf(view, "event0State"), "firing")
        }

        // The firing event keeps what was running then: the fixture's five processes, by resident
        // memory firefox (250000 pages = 1024000000 B at 4 KiB), Zeta (16000), worker thread
        // (8000), init (2000), alpha (500). Closed at first, opened by its button.
        function test_firingEventOpensToItsProcesses() {
            const view = show(alertsView)
            fireMemoryWarning()
            const top = Backend.alerts.log.get(0).topProcesses
            compare(top.rss.length, 5)
            compare(top.cpu.length, 5)
            compare(top.rss.map(p => p.name), ["firefox", "Zeta", "worker thread", "init", "alpha"])
            compare(top.rss[0].pid, 1234)
            compare(top.rss[0].rss, 1024000000)
            tryVerify(() => findChild(view, "event0Processes") !== null, 5000, "the log shows the event")
            const button = findChild(view, "event0Processes")
            verify(button.visible)
            verify(!findChild(view, "event0Top").visible)
            mouseClick(button)
            tryVerify(() => findChild(view, "event0Top").visible, 5000, "the processes open")
            const shown = findChild(view, "event0Top")
            verify(textOf(shown, "byMemory0").startsWith("firefox (1234)"), textOf(shown, "byMemory0"))
            verify(textOf(shown, "byMemory4").startsWith("alpha (7)"), textOf(shown, "byMemory4"))
            mouseClick(button)
            tryVerify(() => !findChild(view, "event0Top").visible, 5000, "the processes close")
        }

        function test_escalationMovesTheWorst() {
            fireMemoryWarning()
            // 50% is past a critical level of 45 too.
            compare(Harness.applySettings({ "thresholds/memory/critical": 45 }), "")
            tryCompare(Backend.alerts, "worst", 2, 5000)
            const alert = Backend.alerts.get(rowOf("memory"))
            compare(alert.severity, "critical")
            compare(alert.threshold, 45)
            compare(Backend.alerts.count, 1) // updated in place, not listed twice
        }

        // A remote host's alerts are acknowledged there, as its admin: with its token.
        function holdRemoteToken() {
            verify(!Backend.alerts.canAcknowledge, "no token, no admin")
            const connections = Harness.connections
            compare(Backend.settings.apply("server/token", test.token), "")
            tryVerify(() => Harness.connections > connections && Harness.clientReady, 5000)
            tryVerify(() => Backend.alerts.canAcknowledge, 5000, "the remote source is admin there")
        }

        function test_acknowledgeFromTheViewReachesModelAndBrowsers() {
            if (Harness.remote)
                holdRemoteToken()
            const view = show(alertsView)
            const row = fireMemoryWarning()
            tryVerify(() => Harness.lastAlert("memory").state === "firing", 5000,
                      "the browser got the firing alert")
            compare(Harness.lastAlert("memory").acknowledged, false)
            const button = findChild(view, "alert" + row + "Acknowledge")
            waitForRendering(view)
            mouseClick(button)
            tryVerify(() => Backend.alerts.get(rowOf("memory")).acknowledged, 5000,
                      "the model has it acknowledged")
            tryVerify(() => Harness.lastAlert("memory").acknowledged === true, 5000,
                      "the browser got the acknowledged alert")
            compare(Harness.lastAlert("memory").state, "firing")
            verify(!findChild(view, "alert" + row + "Acknowledge").visible)
            verify(findChild(view, "alert" + row + "Acknowledged").visible)
            tryVerify(() => findChild(view, "event0State")?.text === "firing, acknowledged", 5000,
                      "the log shows the acknowledgement on top")
            // A second acknowledgement changes nothing: the engine says yes, emits nothing.
            const events = Backend.alerts.log.count
            verify(Backend.alerts.acknowledge("memory"))
            compare(Backend.alerts.log.count, events)
            verify(!Backend.alerts.acknowledge("no-such-alert"))
        }

        function test_acknowledgeFromAWebAdminReachesTheModel() {
            const connections = Harness.connections
            compare(Backend.settings.apply("server/token", test.token), "")
            tryVerify(() => Harness.connections > connections && Harness.clientReady, 5000,
                      "the harness client follows the restarted server")
            const view = show(alertsView)
            const row = fireMemoryWarning()
            Harness.acknowledgeAsAdmin(test.token, "memory")
            tryVerify(() => Harness.adminReply.type === "result", 5000, "the admin's result")
            tryVerify(() => Backend.alerts.get(rowOf("memory")).acknowledged, 5000,
                      "the desktop model has it acknowledged")
            tryVerify(() => findChild(view, "alert" + row + "Acknowledged").visible, 5000)
        }

        function test_webAdminCannotAcknowledgeWhatDoesNotFire() {
            const connections = Harness.connections
            compare(Backend.settings.apply("server/token", test.token), "")
            tryVerify(() => Harness.connections > connections && Harness.clientReady, 5000)
            Harness.acknowledgeAsAdmin(test.token, "memory")
            tryVerify(() => Harness.adminReply.type === "error", 5000, "the admin's error")
            compare(Harness.adminReply.code, "bad_request")
        }

        function test_stripShowsWhileFiringAndHidesOnResolve() {
            const view = show(overview)
            const strip = findChild(view, "alertStrip")
            verify(!strip.visible)
            fireMemoryWarning()
            tryVerify(() => strip.visible, 5000, "the strip shows")
            tryCompare(findChild(view, "stripAlert0"), "text", "Memory at 50 % (warning at 40 %)")
            verify(!findChild(view, "stripMore").visible)
            const clicked = createTemporaryObject(spy, test, { target: view,
                                                               signalName: "alertsRequested" })
            waitForRendering(view)
            mouseClick(strip)
            compare(clicked.count, 1)
            // Raised above 50 + the hysteresis of 5: the alert resolves, the strip goes.
            compare(Harness.applySettings({ "thresholds/memory/warning": 80 }), "")
            tryVerify(() => rowOf("memory") < 0, 5000, "the memory alert resolves")
            compare(Backend.alerts.worst, 0)
            verify(!strip.visible)
            compare(Backend.alerts.log.get(0).state, "resolved")
            compare(Backend.alerts.log.get(0).message, "Memory at 50 %: back to normal")
        }
    }
}
