import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Charts
import Vantage.Desktop

// A card with a History chart, a legend with each line's newest value, and the warning and
// critical levels drawn as dashed lines. Views use this, never Qt Charts directly.
Card {
    id: card

    // History series names, and their labels in the legend.
    property var seriesNames: []
    property var seriesLabels: []
    // One of HistoryFeed.Percent, Bytes, BytesPerSecond, Celsius, Watts, Count.
    property int unit: HistoryFeed.Percent
    property real warning: NaN
    property real critical: NaN
    property int windowSeconds: 300
    // Where the value axis ends, in raw units (NaN: a round top above the data).
    property real axisTop: NaN
    readonly property alias chart: chart
    // Each line's colour: its series' colour in the colour table, as the web dashboard draws it.
    readonly property var seriesColors: Theme.seriesColors(seriesNames)

    function formatValue(value) {
        if (value === undefined || !isFinite(value))
            return Format.percent(NaN) // the dash of an unknown value
        switch (unit) {
        case HistoryFeed.Percent: return Format.percent(value)
        case HistoryFeed.Bytes: return Format.bytes(value)
        case HistoryFeed.BytesPerSecond: return Format.rate(value)
        case HistoryFeed.Celsius: return Format.celsius(value)
        case HistoryFeed.Watts: return Format.watts(value)
        }
        return Number.isInteger(value) ? Format.count(value) : value.toFixed(2)
    }

    note: {
        const parts = []
        if (!isNaN(warning))
            parts.push(qsTr("warning %1").arg(formatValue(warning)))
        if (!isNaN(critical))
            parts.push(qsTr("critical %1").arg(formatValue(critical)))
        return parts.join("  ·  ")
    }
    implicitHeight: Theme.line * 14

    Flow {
        Layout.fillWidth: true
        spacing: Theme.padding
        Repeater {
            model: card.seriesNames.length
            delegate: Row {
                required property int index
                spacing: Theme.spacing / 2
                Rectangle {
                    width: Theme.line * 0.7
                    height: width
                    radius: width / 4
                    anchors.verticalCenter: parent.verticalCenter
                    color: card.seriesColors[index]
                }
                // Never wider than the card: a long label (a mount path) loses its middle and
                // shows whole on hover. As wide as the widest text it has shown, never
                // narrower: the value changes every tick, and a width that follows it would
                // re-lay out the legend and the page around it each time.
                Label {
                    id: legendLabel
                    property real widest: 0
                    objectName: card.objectName.length > 0 ? card.objectName + "Legend" + index : ""
                    text: (card.seriesLabels[index] ?? card.seriesNames[index]) + "  "
                          + card.formatValue(chart.latestValues[index])
                    width: Math.min(widest, card.width - 2 * Theme.padding - Theme.line)
                    onImplicitWidthChanged: widest = Math.max(widest, implicitWidth)
                    Component.onCompleted: widest = implicitWidth
                    elide: Text.ElideMiddle
                    color: Theme.text
                    font.pointSize: Theme.smallSize
                    HoverHandler { id: legendHover }
                    ToolTip.visible: legendHover.hovered && legendLabel.truncated
                    ToolTip.text: text
                }
            }
        }
        Label {
            visible: chart.axisTitle.length > 0
            text: qsTr("axis in %1").arg(chart.axisTitle)
            color: Theme.mutedText
            font.pointSize: Theme.smallSize
        }
    }

    HistoryChart {
        id: chart
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.minimumHeight: Theme.line * 6
        source: Backend.metrics
        seriesNames: card.seriesNames
        seriesLabels: card.seriesLabels
        seriesColors: card.seriesColors
        windowSeconds: card.windowSeconds
        span: Backend.span
        rangeSource: Backend.historySource
        onPanRequested: fraction => Backend.panSpan(fraction)
        unit: card.unit
        warning: card.warning
        critical: card.critical
        axisTop: card.axisTop
        // About a label's width and some air, as the web charts keep (80 CSS pixels).
        timeTickSpacing: Theme.line * 5
        // One label per two and a half lines of height, 3 to 5 of them.
        valueTicks: Math.max(3, Math.min(5, Math.floor(height / (Theme.line * 2.5))))
        textColor: Theme.text
        gridColor: Theme.grid
        warningColor: Theme.warning
        criticalColor: Theme.critical
        labelPointSize: Theme.smallSize

        // After a zoom or a pan: back to the newest tick, for every chart of the window. Over
        // the plot's top right corner rather than in the legend, so the cards keep their layout.
        Button {
            objectName: card.objectName.length > 0 ? card.objectName + "Live" : "liveButton"
            x: chart.plotArea.x + chart.plotArea.width - width
            y: chart.plotArea.y
            z: 5
            visible: !Backend.span.live
            text: qsTr("Live")
            padding: 2
            font.pointSize: Theme.smallSize
            focusPolicy: Qt.TabFocus
            onClicked: Backend.span.goLive()
            Accessible.name: qsTr("Back to live")
        }

        TopProcessesTip {
            processes: chart.processes
            hoverTime: chart.hoverTime
            pointerX: chart.hoverX
        }
    }

    // The window choice sets the span's length; a zoomed span keeps its length when a view
    // opens, and a live one takes the window's.
    onWindowSecondsChanged: Backend.span.choose(windowSeconds * 1000)
    Component.onCompleted: {
        if (Backend.span.live)
            Backend.span.choose(windowSeconds * 1000)
    }
}
