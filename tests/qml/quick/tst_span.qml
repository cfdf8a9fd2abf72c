import QtQuick
import QtTest
import Vantage.Desktop
import VantageTest

// Zoom and pan on the desktop against the real core of the fixture machine: a drag across one
// chart zooms every chart of the view into the span dragged over, the arrow keys move it, and
// "Live" returns to the newest tick. Backend.span is the window's one span; each test starts
// and ends live on 5 minutes.
// TestCase itself is invisible: the items under test live in this visible root.
Rectangle {
    id: root
    width: 1280
    height: 800
    color: "white"

    TestCase {
        id: test
        name: "Span"
        when: windowShown

        Component { id: overview; OverviewView { anchors.fill: parent } }
        Component { id: spanChoice; SpanChoice {} }

        function init() {
            failOnWarning(/.*/)
            Backend.span.goLive()
            Backend.span.choose(300000)
            tryVerify(() => Backend.live.seq >= 2, 5000, "the fixture core ticks")
        }

        function cleanup() {
            Backend.span.goLive()
            Backend.span.choose(300000)
        }

        function show(component) {
            const view = createTemporaryObject(component, root)
            verify(view)
            waitForRendering(view)
            return view
        }

        function test_dragZoomsEveryChart() {
            const view = show(overview)
            const cpu = findChild(view, "cpuChart")
            const memory = findChild(view, "memoryChart")
            const plot = findChild(cpu, "chartPlot")
            verify(plot.width > 100, "the plot has a width: " + plot.width)
            const before = cpu.chart.timeMaximum.getTime()
            compare(cpu.chart.timeMaximum.getTime() - cpu.chart.timeMinimum.getTime(), 300000)
            // From the middle of the plot to three quarters of it: a quarter of 5 minutes,
            // 75000 ms, to within the ms that whole pixels round to.
            const from = Math.round(plot.width / 2)
            const to = Math.round(plot.width * 3 / 4)
            mouseDrag(plot, from, plot.height / 2, to - from, 0)
            verify(!Backend.span.live)
            const expected = (to - from) / plot.width * 300000
            verify(Math.abs(Backend.span.windowMs - expected) <= 1,
                   Backend.span.windowMs + " ms, " + expected + " expected")
            // Both charts draw the same span, which stays put while ticks arrive.
            tryVerify(() => Math.abs(cpu.chart.timeMaximum.getTime() - Backend.span.endMs) <= 1,
                      5000, "the cpu chart shows the span")
            tryVerify(() => memory.chart.timeMinimum.getTime() === cpu.chart.timeMinimum.getTime()
                      && memory.chart.timeMaximum.getTime() === cpu.chart.timeMaximum.getTime(),
                      5000, "the memory chart follows")
            verify(cpu.chart.timeMaximum.getTime() < before)
            const seq = Backend.live.seq
            tryVerify(() => Backend.live.seq >= seq + 2, 5000)
            compare(cpu.chart.timeMaximum.getTime(), Backend.span.endMs)

            // "Live" on any chart returns every chart to the newest tick and to following it.
            const live = findChild(memory, "memoryChartLive")
            verify(live.visible)
            mouseClick(live)
            verify(Backend.span.live)
            tryVerify(() => cpu.chart.timeMaximum.getTime() > before, 5000, "live again")
            tryVerify(() => !live.visible, 5000)
        }

        function test_tinyDragIsNoZoom() {
            const view = show(overview)
            const plot = findChild(findChild(view, "cpuChart"), "chartPlot")
            mouseDrag(plot, 100, plot.height / 2, 2, 0)
            verify(Backend.span.live)
        }

        function test_arrowKeysPan() {
            const view = show(overview)
            const cpu = findChild(view, "cpuChart")
            view.forceActiveFocus()
            const newest = cpu.chart.timeMaximum.getTime()
            keyClick(Qt.Key_Left)
            // A tenth of 5 minutes into the past: the span ends 30 s before the newest tick then.
            verify(!Backend.span.live)
            verify(Math.abs(Backend.span.endMs - (newest - 30000)) <= 1000,
                   (newest - Backend.span.endMs) + " ms back")
            const end = Backend.span.endMs
            keyClick(Qt.Key_Left)
            compare(Backend.span.endMs, end - 30000)
            keyClick(Qt.Key_Right)
            compare(Backend.span.endMs, end)
        }

        // Shift+wheel up looks a tenth of the span into the past; a plain wheel leaves the span
        // (it scrolls the view).
        function test_shiftWheelPans() {
            const view = show(overview)
            const cpu = findChild(view, "cpuChart")
            const plot = findChild(cpu, "chartPlot")
            mouseWheel(plot, 100, plot.height / 2, 0, 120)
            verify(Backend.span.live)
            const newest = cpu.chart.timeMaximum.getTime()
            mouseWheel(plot, 100, plot.height / 2, 0, 120, Qt.NoButton, Qt.ShiftModifier)
            verify(!Backend.span.live)
            verify(Math.abs(Backend.span.endMs - (newest - 30000)) <= 1000,
                   (newest - Backend.span.endMs) + " ms back")
        }

        // The window choice for long spans of the store, and Live while the span is fixed.
        function test_spanChoiceOffersStoredSpans() {
            const choice = createTemporaryObject(spanChoice, root)
            for (const seconds of [60, 300, 900, 3600, 21600, 86400, 604800, 2592000])
                verify(findChild(choice, "window" + seconds), "a button for " + seconds + " s")
            verify(findChild(choice, "window300").checked)
            mouseClick(findChild(choice, "window86400"))
            compare(Backend.span.windowMs, 86400000)
            verify(findChild(choice, "window86400").checked)
            verify(!findChild(choice, "spanLive").visible)
            Backend.span.pan(-0.5, Date.now())
            verify(!findChild(choice, "window86400").checked)
            verify(findChild(choice, "spanLive").visible)
            mouseClick(findChild(choice, "spanLive"))
            verify(Backend.span.live)
        }
    }
}
