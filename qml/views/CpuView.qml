import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Charts
import Vantage.Widgets
import Vantage.Desktop

// Every core: a heat strip of the current load, one small chart per core over the last
// minute, and the total split into user, system, I/O wait and steal.
ViewPage {
    id: view
    title: qsTr("CPU")
    // Left and right move every chart's span by a tenth, into the past and back, as on the web.
    Keys.onLeftPressed: Backend.panSpan(-0.1)
    Keys.onRightPressed: Backend.panSpan(0.1)

    readonly property var live: Backend.live
    readonly property var levels: Backend.levels

    Card {
        title: qsTr("%1 × %2").arg(view.live.cpuCount).arg(view.live.cpuModel)
        note: qsTr("load %1").arg(view.live.load.map(v => v.toFixed(2)).join(" / "))
        Layout.fillWidth: true

        HeatStrip {
            id: heat
            objectName: "coreHeatStrip"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.line * (values.length > 16 ? 3 : 1.8)
            values: view.live.cores
            lowColor: Theme.heatLow
            highColor: Theme.heatHigh
            spacing: Math.max(1, Theme.line / 8)

            // Each cell carries its core's number, in the text or window colour, whichever
            // stands out from the cell's own colour.
            Repeater {
                model: heat.values.length
                delegate: Label {
                    required property int index
                    readonly property rect cell: {
                        heat.width; heat.height; heat.spacing // the cells move with these
                        return heat.cellRect(index)
                    }
                    readonly property color fill: {
                        heat.values; heat.lowColor; heat.highColor
                        return heat.colorAt(index)
                    }
                    objectName: "coreLabel" + index
                    visible: cell.width >= implicitWidth && cell.height >= implicitHeight
                    x: cell.x + (cell.width - width) / 2
                    y: cell.y + (cell.height - height) / 2
                    text: index
                    font.pointSize: Theme.smallSize
                    // On a light cell the darker of the two, on a dark cell the lighter.
                    color: (fill.hslLightness > 0.55) === Theme.dark ? Theme.window : Theme.text
                }
            }

            HoverHandler { id: hover }
            ToolTip.visible: hover.hovered && heat.cellAt(hover.point.position.x,
                                                         hover.point.position.y) >= 0
            ToolTip.text: {
                const cell = heat.cellAt(hover.point.position.x, hover.point.position.y)
                return cell < 0 ? "" : qsTr("CPU %1: %2").arg(cell)
                                                         .arg(Format.percent(heat.values[cell]))
            }
        }

        // The scale the cells are coloured on: idle to busy, and the grey of an offline core.
        RowLayout {
            objectName: "heatScale"
            spacing: Theme.spacing
            Label {
                text: Format.percent(0)
                color: Theme.mutedText
                font.pointSize: Theme.smallSize
            }
            Rectangle {
                Layout.preferredWidth: Theme.line * 8
                Layout.preferredHeight: Theme.line * 0.6
                radius: height / 4
                gradient: Gradient {
                    orientation: Gradient.Horizontal
                    GradientStop { position: 0; color: Theme.heatLow }
                    GradientStop { position: 1; color: Theme.heatHigh }
                }
            }
            Label {
                text: Format.percent(100)
                color: Theme.mutedText
                font.pointSize: Theme.smallSize
            }
            Label {
                text: qsTr("per core, now")
                color: Theme.mutedText
                font.pointSize: Theme.smallSize
                Layout.leftMargin: Theme.padding
            }
        }
    }

    Card {
        title: qsTr("Each core, last minute")
        Layout.fillWidth: true

        GridLayout {
            id: cores
            Layout.fillWidth: true
            columns: Math.max(1, Math.floor(width / (Theme.line * 11)))
            columnSpacing: Theme.padding
            rowSpacing: Theme.spacing

            Repeater {
                model: view.live.cores.length
                delegate: ColumnLayout {
                    id: core
                    required property int index
                    readonly property real percent: view.live.cores[index] ?? NaN
                    Layout.fillWidth: true
                    spacing: 0
                    RowLayout {
                        Layout.fillWidth: true
                        Label {
                            text: qsTr("CPU %1").arg(core.index)
                            color: Theme.mutedText
                            font.pointSize: Theme.smallSize
                            Layout.fillWidth: true
                        }
                        Label {
                            objectName: "core" + core.index + "Value"
                            text: isNaN(core.percent) ? qsTr("offline") : Format.percent(core.percent)
                            color: Theme.text
                            font.pointSize: Theme.smallSize
                        }
                    }
                    Sparkline {
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.line * 2.2
                        minimum: 0
                        maximum: 100
                        color: Theme.levelColor(core.percent, view.levels["thresholds/cpu/warning"],
                                                view.levels["thresholds/cpu/critical"])
                        fillOpacity: 0.25
                        lineWidth: Math.max(1, Theme.line / 12)
                        values: {
                            view.live.seq // a new tick: read the history again
                            return Backend.recent("cpu.cores[" + core.index + "]", 60)
                        }
                    }
                }
            }
        }
    }

    MetricChart {
        objectName: "cpuModesChart"
        title: qsTr("CPU time")
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.minimumHeight: Theme.line * 14
        seriesNames: ["cpu.total", "cpu.user", "cpu.system", "cpu.iowait", "cpu.steal"]
        seriesLabels: [qsTr("total"), qsTr("user"), qsTr("system"), qsTr("I/O wait"), qsTr("steal")]
        unit: HistoryFeed.Percent
        warning: view.levels["thresholds/cpu/warning"]
        critical: view.levels["thresholds/cpu/critical"]
        windowSeconds: view.windowSeconds
    }

    MetricChart {
        objectName: "loadChart"
        title: qsTr("Load average")
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.minimumHeight: Theme.line * 12
        seriesNames: ["load.1", "load.5", "load.15"]
        seriesLabels: [qsTr("1 min"), qsTr("5 min"), qsTr("15 min")]
        unit: HistoryFeed.Count
        windowSeconds: view.windowSeconds
    }
}
