import QtQuick
import QtCharts
import Vantage.Charts

// A time chart of History series, with optional warning and critical lines. The only place that
// uses Qt Charts: the views know nothing of ChartView, so moving to another charting module is
// this folder's work. Points come from HistoryFeed (C++), never appended from QML.
ChartView {
    id: chart

    // MetricsService whose history is drawn.
    property QtObject source
    // History series names, their labels and colours, one line each.
    property var seriesNames: []
    property var seriesLabels: []
    property var seriesColors: []
    // Seconds of history shown, ending now, when no span is given.
    property int windowSeconds: 300
    // The span shown (a TimeSpan: Backend.span), followed by every chart of the window. A drag
    // across the plot zooms it into the span dragged over.
    property QtObject span: null
    // What answers spans the in-memory history does not hold (Backend.historySource).
    property QtObject rangeSource: null
    // One of HistoryFeed.Percent, Bytes, BytesPerSecond, Celsius, Watts, Count.
    property int unit: HistoryFeed.Count
    // Threshold levels in raw units; NaN draws no line.
    property real warning: NaN
    property real critical: NaN
    property color textColor: "black"
    // From the colour table (Theme.grid in MetricChart): no colour of its own here.
    required property color gridColor
    property color warningColor: "orange"
    property color criticalColor: "red"
    // Point size of the axis labels.
    property real labelPointSize: 8
    // Labels on the value axis; fewer on a short chart, or Qt Charts elides them all.
    property int valueTicks: 5
    // Where the value axis ends, in raw units (NaN: a round top above the data).
    property real axisTop: NaN
    // Fewest pixels between two time labels.
    property real timeTickSpacing: 100
    // Whether ticks redraw the chart (false for a hidden chart).
    property bool live: visible

    // Newest raw value of each series, and the unit the axis shows.
    readonly property alias latestValues: feed.latestValues
    readonly property alias unitSuffix: feed.unitSuffix
    // The unit of the value axis when its labels cannot show it ("°C"); empty otherwise.
    readonly property alias axisTitle: feed.axisTitle
    readonly property alias pointCount: feed.pointCount
    // Top of the value axis in the shown unit, and the distance between its labels (0: the axis
    // is split into equal steps).
    readonly property alias valueAxisMaximum: feed.valueMaximum
    readonly property alias valueAxisInterval: feed.tickInterval
    // The time (ms) under the pointer while it rests on the plot, NaN otherwise.
    // It follows the span too: a pointer resting on the plot points at another time once the
    // span moves or changes.
    readonly property real hoverTime: {
        if (!hoverArea.containsMouse || hoverArea.pressed || !(hoverArea.width > 0))
            return NaN
        const fraction = Math.max(0, Math.min(1, hoverArea.mouseX / hoverArea.width))
        const from = feed.timeMinimum.getTime()
        return from + fraction * (feed.timeMaximum.getTime() - from)
    }
    readonly property real hoverX: hoverArea.mouseX + hoverArea.x
    // What was running in the minute under the pointer (HistoryFeed.processes).
    readonly property alias processes: feed.processes
    readonly property alias downsampled: feed.downsampled
    // The span drawn, from the left edge of the plot to its right.
    readonly property alias timeMinimum: feed.timeMinimum
    readonly property alias timeMaximum: feed.timeMaximum
    readonly property alias fromStore: feed.fromStore
    property var lines: []
    property string builtNames: ""

    onHoverTimeChanged: {
        if (!isNaN(hoverTime))
            feed.askProcesses(hoverTime)
    }

    // A sideways wheel or shift+wheel asks to move the span by a fraction of its length (the
    // owner knows the newest tick), as the web charts do; a plain wheel still scrolls the view.
    signal panRequested(real fraction)

    // Smooth lines cost more than the rest of the chart in software rendering (measured with
    // bench/desktop: 3.9 % of a core with, 2.3 % without, for the Overview's four charts).
    antialiasing: false
    backgroundColor: "transparent"
    plotAreaColor: "transparent"
    backgroundRoundness: 0
    dropShadowEnabled: false
    legend.visible: false
    margins.top: 0
    // Room under the plot for the time labels drawn below (the time axis draws none itself).
    margins.bottom: timeLabelMetrics.height
    margins.left: 0
    margins.right: 0

    // Qt Charts spreads a DateTimeAxis's ticks evenly from its ends, which are the window's
    // arbitrary edges (14:05:37); the labels and grid lines on round clock times are drawn
    // below instead, from HistoryFeed.timeTicks.
    DateTimeAxis {
        id: timeAxis
        min: feed.timeMinimum
        max: feed.timeMaximum
        labelsVisible: false
        gridVisible: false
        lineVisible: false // its tick marks too; the value axis's 0 line is the bottom edge
    }

    ValueAxis {
        id: valueAxis
        min: 0
        max: feed.valueMaximum
        tickCount: feed.tickCount
        tickType: feed.tickInterval > 0 ? ValueAxis.TicksDynamic : ValueAxis.TicksFixed
        tickInterval: feed.tickInterval > 0 ? feed.tickInterval : 1
        tickAnchor: 0
        labelFormat: feed.labelFormat
        labelsColor: chart.textColor
        labelsFont.pointSize: chart.labelPointSize
        gridLineColor: chart.gridColor
        color: chart.gridColor
    }

    LineSeries {
        id: warningLine
        axisX: timeAxis
        axisY: valueAxis
        color: chart.warningColor
        style: Qt.DashLine
        width: 1.5
        visible: !isNaN(chart.warning)
    }

    LineSeries {
        id: criticalLine
        axisX: timeAxis
        axisY: valueAxis
        color: chart.criticalColor
        style: Qt.DashLine
        width: 1.5
        visible: !isNaN(chart.critical)
    }

    HistoryFeed {
        id: feed
        source: chart.source
        seriesNames: chart.seriesNames
        windowSeconds: chart.windowSeconds
        span: chart.span
        rangeSource: chart.rangeSource
        unit: chart.unit
        active: chart.live
        warning: chart.warning
        critical: chart.critical
        axisTop: chart.axisTop
        timeTickSpacing: Math.round(chart.timeTickSpacing)
        tickCount: chart.valueTicks
        // One point per two pixel columns (each run keeps its low and its high): more would hardly
        // show, and every point costs drawing time.
        maxPoints: Math.max(60, Math.round(chart.plotArea.width / 2))
        plotWidth: Math.round(chart.plotArea.width)
        warningLine: warningLine
        criticalLine: criticalLine
    }

    FontMetrics {
        id: timeLabelMetrics
        font.pointSize: chart.labelPointSize
    }

    // One grid line and one label per round time; a fixed number of delegates, so a tick moves
    // them instead of creating new ones. A label that would run into the value axis's labels,
    // left of the plot, is left out, as the web chart does.
    Repeater {
        model: 16
        delegate: Item {
            id: timeTick
            required property int index
            readonly property var tick: feed.timeTicks[index]
            readonly property real px: chart.plotArea.x + (tick ? tick.position : 0)
                                       * chart.plotArea.width
            visible: tick !== undefined
            z: -1 // behind the lines

            Rectangle {
                x: Math.round(timeTick.px)
                y: chart.plotArea.y
                width: 1
                height: chart.plotArea.height
                color: chart.gridColor
            }
            Text {
                objectName: "timeLabel" + timeTick.index
                x: timeTick.px - width / 2
                y: chart.plotArea.y + chart.plotArea.height + 2
                visible: x >= chart.plotArea.x - 2
                text: timeTick.tick ? timeTick.tick.label : ""
                color: chart.textColor
                font.pointSize: chart.labelPointSize
            }
        }
    }

    // Drag to zoom, pointing to see the past minute: over the plot only, so the labels beside
    // it stay out of the way. Never stolen by the scrolling view around the chart.
    MouseArea {
        id: hoverArea
        objectName: "chartPlot"
        property real startX: NaN
        x: chart.plotArea.x
        y: chart.plotArea.y
        width: chart.plotArea.width
        height: chart.plotArea.height
        hoverEnabled: true
        preventStealing: true
        enabled: chart.span !== null
        onPressed: mouse => startX = mouse.x
        onReleased: mouse => {
            const from = Math.max(0, Math.min(startX, mouse.x))
            const to = Math.min(width, Math.max(startX, mouse.x))
            startX = NaN
            if (to - from >= 3)
                chart.span.zoom(feed.timeAt(from / width), feed.timeAt(to / width))
        }
        onCanceled: startX = NaN
        onWheel: wheel => {
            const sideways = wheel.angleDelta.x !== 0 ? wheel.angleDelta.x
                           : (wheel.modifiers & Qt.ShiftModifier) ? wheel.angleDelta.y : 0
            if (sideways === 0) {
                wheel.accepted = false
                return
            }
            // Wheel up or left looks into the past, a tenth of the span per notch.
            chart.panRequested(sideways > 0 ? -0.1 : 0.1)
        }

        Rectangle {
            objectName: "zoomSelection"
            visible: hoverArea.pressed && !isNaN(hoverArea.startX)
            x: Math.max(0, Math.min(hoverArea.startX, hoverArea.mouseX))
            width: Math.min(hoverArea.width, Math.max(hoverArea.startX, hoverArea.mouseX)) - x
            height: parent.height
            color: chart.gridColor
            opacity: 0.5
        }
    }

    function rebuild() {
        // Bindings hand over a new array on every re-evaluation: rebuild only for new names.
        const names = JSON.stringify(seriesNames)
        if (names === builtNames)
            return
        builtNames = names
        for (const line of lines)
            chart.removeSeries(line)
        const created = []
        for (let i = 0; i < seriesNames.length; ++i) {
            const line = chart.createSeries(ChartView.SeriesTypeLine,
                                            seriesLabels[i] ?? seriesNames[i], timeAxis, valueAxis)
            line.color = seriesColors[i] ?? chart.textColor
            line.width = 2
            created.push(line)
        }
        lines = created
        feed.targets = created
    }

    onSeriesNamesChanged: rebuild()
    onSeriesColorsChanged: {
        for (let i = 0; i < lines.length; ++i)
            lines[i].color = seriesColors[i] ?? chart.textColor
    }
    Component.onCompleted: rebuild()
}
