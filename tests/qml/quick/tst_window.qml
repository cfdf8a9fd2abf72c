import QtQuick
import QtTest
import Vantage.Desktop
import VantageTest

// The window: titled Vantage, opens on the Overview, and Ctrl+1...9, Ctrl+0, Ctrl+Tab and
// Ctrl+Shift+Tab move between the views (Services, the eleventh, has no number key; the GPU view,
// the twelfth, is listed and stepped to only on a machine with a GPU, which the fixture is not;
// Fleet, the thirteenth, only on a hub, which it becomes once a fleet host is set); the
// Overview's alert strip opens the Alerts view.
TestCase {
    id: test
    name: "Window"
    when: windowShown

    function init() {
        failOnWarning(/.*/)
    }

    Component { id: main; Main {} }

    function open() {
        const window = createTemporaryObject(main, test)
        verify(window)
        window.show()
        // Shortcuts work in the active window only.
        window.requestActivate()
        tryVerify(() => window.active, 5000, "the window is active")
        return window
    }

    // Key presses go to the Main window itself (TestCase would send them to its own window).
    function press(window, key, modifiers) {
        Harness.keyClick(window, key, modifiers)
    }

    function titleOf(window) {
        return findChild(window.currentItem, "viewTitle").text
    }

    function test_titleAndFirstView() {
        const window = open()
        compare(window.title, "Vantage")
        compare(window.viewCount, 13)
        compare(window.currentView, 0)
        compare(titleOf(window), "Overview")
    }

    function test_shortcutsPickViews_data() {
        return [
            { tag: "Ctrl+1", key: Qt.Key_1, view: 0, title: "Overview" },
            { tag: "Ctrl+3", key: Qt.Key_3, view: 2, title: "Memory" },
            { tag: "Ctrl+7", key: Qt.Key_7, view: 6, title: "Processes" },
            { tag: "Ctrl+9", key: Qt.Key_9, view: 8, title: "Settings" },
            { tag: "Ctrl+0", key: Qt.Key_0, view: 9, title: "Alerts" }
        ]
    }

    function test_shortcutsPickViews(data) {
        const window = open()
        press(window, data.key, Qt.ControlModifier)
        compare(window.currentView, data.view)
        compare(titleOf(window), data.title)
    }

    function test_ctrlTabSteps() {
        const window = open()
        press(window, Qt.Key_0, Qt.ControlModifier)
        press(window, Qt.Key_Tab, Qt.ControlModifier) // the view past Alerts: Services
        compare(window.currentView, 10)
        compare(titleOf(window), "Services")
        press(window, Qt.Key_Tab, Qt.ControlModifier) // past Services and the unlisted GPU view
        compare(window.currentView, 0)
        press(window, Qt.Key_Tab, Qt.ControlModifier)
        compare(window.currentView, 1)
        press(window, Qt.Key_Backtab, Qt.ControlModifier | Qt.ShiftModifier)
        compare(window.currentView, 0)
        press(window, Qt.Key_Backtab, Qt.ControlModifier | Qt.ShiftModifier)
        compare(window.currentView, 10)
    }

    function test_navigationNamesTheKeys() {
        const window = open()
        compare(findChild(window.contentItem, "nav0").Accessible.name, "Overview view (Ctrl+1)")
        compare(findChild(window.contentItem, "nav9").Accessible.name, "Alerts view (Ctrl+0)")
    }

    function test_noGpuNoGpuEntry() {
        const window = open()
        verify(findChild(window.contentItem, "nav10").visible)
        verify(!findChild(window.contentItem, "nav11").visible)
    }

    function test_fleetEntryOnlyOnAHub() {
        const window = open()
        const entry = findChild(window.contentItem, "nav12")
        verify(!entry.visible)
        compare(Harness.applySettings({"fleet/host/x/url": "http://127.0.0.1:9/"}), "")
        tryVerify(() => entry.visible, 5000, "a fleet host makes it a hub")
        compare(Backend.fleet.removeHost("x"), "")
        tryVerify(() => !entry.visible, 5000, "no host left, no hub")
    }

    function test_arrowsInTheListSkipTheUnlistedGpuView() {
        const window = open()
        const list = findChild(window.contentItem, "navigation")
        list.forceActiveFocus()
        press(window, Qt.Key_Up, Qt.NoModifier) // from the Overview, wrapping to the last listed view
        compare(window.currentView, 10)
        compare(titleOf(window), "Services")
        press(window, Qt.Key_Down, Qt.NoModifier) // past the unlisted GPU view, back to the Overview
        compare(window.currentView, 0)
        press(window, Qt.Key_Down, Qt.NoModifier)
        compare(window.currentView, 1)
        compare(list.currentIndex, 1)
    }

    function test_alertStripOpensTheAlertsView() {
        const window = open()
        compare(window.currentView, 0)
        window.currentItem.alertsRequested()
        compare(window.currentView, 9)
        compare(titleOf(window), "Alerts")
    }

    function test_navigationListFollows() {
        const window = open()
        press(window, Qt.Key_5, Qt.ControlModifier)
        compare(findChild(window.contentItem, "navigation").currentIndex, 4)
        compare(titleOf(window), "Network")
    }
}
