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
    // Seconds of history shown.
    property int windowSeconds: 300
    // One of HistoryFeed.Percent, Bytes, BytesPerSecond, Celsius, Count.
    property int unit: HistoryFeed.Count
    // Threshold levels in raw units; NaN draws no line.
    property real warning: NaN
    property real critical: NaN
    property color textColor: "black"
    property color gridColor: "#30000000"
    property color warningColor: "orange"
    property color criticalColor: "red"
    // Point size of the axis labels.
    property real labelPointSize: 8
    // Labels on the value axis; fewer on a short chart, or Qt Charts elides them all.
    property int valueTicks: 5
    // The value axis reaches at least this, in raw units (NaN: only the data).
    property real minimumTop: NaN
    // Whether ticks redraw the chart (false for a hidden chart).
    property bool live: visible

    // Newest raw value of each series, and the unit the axis shows.
    readonly property alias latestValues: feed.latestValues
    readonly property alias unitSuffix: feed.unitSuffix
    // The unit of the value axis when its labels cannot show it ("°C"); empty otherwise.
    readonly property alias axisTitle: feed.axisTitle
    readonly property alias pointCount: feed.pointCount
    property var lines: []
    property string builtNames: ""

    // Smooth lines cost more than the rest of the chart in software rendering (measured with
    // bench/desktop: 3.9 % of a core with, 2.3 % without, for the Overview's four charts).
    antialiasing: false
    backgroundColor: "transparent"
    plotAreaColor: "transparent"
    backgroundRoundness: 0
    dropShadowEnabled: false
    legend.visible: false
    margins.top: 0
    margins.bottom: 0
    margins.left: 0
    margins.right: 0

    DateTimeAxis {
        id: timeAxis
        min: feed.timeMinimum
        max: feed.timeMaximum
        tickCount: 5
        format: chart.windowSeconds > 900 ? "hh:mm" : "hh:mm:ss"
        labelsColor: chart.textColor
        labelsFont.pointSize: chart.labelPointSize
        gridLineColor: chart.gridColor
        color: chart.gridColor
    }

    ValueAxis {
        id: valueAxis
        min: 0
        max: feed.valueMaximum
        tickCount: feed.tickCount
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
        unit: chart.unit
        active: chart.live
        warning: chart.warning
        critical: chart.critical
        minimumTop: chart.minimumTop
        tickCount: chart.valueTicks
        // One point per two pixel columns (each run keeps its low and its high): more would hardly
        // show, and every point costs drawing time.
        maxPoints: Math.max(60, Math.round(chart.plotArea.width / 2))
        plotWidth: Math.round(chart.plotArea.width)
        warningLine: warningLine
        criticalLine: criticalLine
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
