import QtQuick
import QtTest
import Vantage.Desktop
import VantageTest

// The notification channels in the desktop settings panel and the delivery log in the Alerts
// view, against the real core: a channel added through the panel's controller, Send test to a
// port nothing listens on shows the core's reason in the row and in the log, the desktop may set
// a command channel (the web may not), a refusal comes in the core's words, Remove takes it out.
Rectangle {
    id: root
    width: 1280
    height: 800
    color: "white"

    TestCase {
        name: "NotifyChannels"
        when: windowShown

        Component { id: settingsView; SettingsView { anchors.fill: parent } }
        Component { id: deliveryLog; DeliveryLog { width: 800 } }

        function init() {
            failOnWarning(/.*/)
        }

        function cleanup() {
            for (const channel of Backend.settings.channels)
                compare(Backend.settings.removeChannel(channel.name), "")
        }

        function names() {
            return Backend.settings.channels.map(channel => channel.name)
        }

        function test_sendTestShowsTheResultInTheRowAndTheLog() {
            // Port 1 (tcpmux) is not served on a test machine: the connection is refused.
            compare(Backend.settings.applyChannel("hook", { type: "webhook", url: "http://127.0.0.1:1/hook" }), "")
            compare(names(), ["hook"])
            const view = createTemporaryObject(settingsView, root)
            waitForRendering(view)
            const button = findChild(view, "channel_hook_sendTest")
            verify(button)
            button.clicked()
            tryVerify(() => findChild(view, "channel_hook_test").text === "failed: connection refused", 20000)
            tryVerify(() => findChild(view, "channel_hook_last").text.endsWith(" failed: connection refused (test)"), 5000)
            const log = createTemporaryObject(deliveryLog, root)
            compare(log.deliveries[0].channel, "hook")
            compare(log.deliveries[0].what, "test event")
            compare(log.deliveries[0].error, "connection refused")
        }

        function test_theDesktopSetsCommandChannelsAndGetsTheCoresRefusals() {
            compare(Backend.settings.applyChannel("run", { type: "command", url: "/bin/true" }), "")
            compare(Backend.settings.applyChannel("bad", { type: "ntfy", url: "not an address" }),
                    "Notification channel \"bad\": url must be an http or https address such as https://ntfy.sh/my-alerts")
            compare(names(), ["run"])
        }

        function test_removeTakesTheChannelOut() {
            compare(Backend.settings.applyChannel("gone", { type: "webhook", url: "https://hooks.example.org/x" }), "")
            const view = createTemporaryObject(settingsView, root)
            waitForRendering(view)
            findChild(view, "channel_gone_remove").clicked()
            tryCompare(Backend.settings.channels, "length", 0)
            verify(!("notify/gone/url" in Backend.settings.values))
        }
    }
}
