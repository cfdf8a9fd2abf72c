import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Charts
import Vantage.Desktop

// Memory and swap as free shows them (used = total - available), their history, and the
// processes holding the most resident memory.
ViewPage {
    id: view
    title: qsTr("Memory")
    // Left and right move every chart's span by a tenth, into the past and back, as on the web.
    Keys.onLeftPressed: Backend.panSpan(-0.1)
    Keys.onRightPressed: Backend.panSpan(0.1)

    readonly property var live: Backend.live
    readonly property var levels: Backend.levels

    RowLayout {
        Layout.fillWidth: true
        Layout.fillHeight: false // the chart below takes the height
        spacing: Theme.padding

        Card {
            title: qsTr("Memory")
            note: Format.percent(view.live.memPercent)
            Layout.fillWidth: true
            Layout.fillHeight: true
            UsageBar {
                Layout.fillWidth: true
                percent: view.live.memPercent
                warning: view.levels["thresholds/memory/warning"]
                critical: view.levels["thresholds/memory/critical"]
            }
            GridLayout {
                columns: 5
                columnSpacing: Theme.padding * 1.5
                Layout.fillWidth: true
                ValueLabel { objectName: "memTotal"; caption: qsTr("Total"); value: Format.bytes(view.live.memTotal) }
                ValueLabel { objectName: "memUsed"; caption: qsTr("Used"); value: Format.bytes(view.live.memUsed) }
                ValueLabel { objectName: "memAvailable"; caption: qsTr("Available"); value: Format.bytes(view.live.memAvailable) }
                ValueLabel { objectName: "memCached"; caption: qsTr("Cached"); value: Format.bytes(view.live.memCached) }
                ValueLabel { objectName: "memBuffers"; caption: qsTr("Buffers"); value: Format.bytes(view.live.memBuffers) }
            }
        }
        Card {
            title: qsTr("Swap")
            note: view.live.swapTotal > 0 ? Format.percent(view.live.swapPercent) : qsTr("none")
            Layout.preferredWidth: Theme.line * 16
            Layout.fillHeight: true
            UsageBar {
                Layout.fillWidth: true
                percent: view.live.swapPercent
                warning: view.levels["thresholds/swap/warning"]
                critical: view.levels["thresholds/swap/critical"]
            }
            GridLayout {
                columns: 2
                columnSpacing: Theme.padding * 1.5
                Layout.fillWidth: true
                ValueLabel { objectName: "swapTotal"; caption: qsTr("Total"); value: Format.bytes(view.live.swapTotal) }
                ValueLabel { objectName: "swapUsed"; caption: qsTr("Used"); value: Format.bytes(view.live.swapUsed) }
            }
        }
    }

    RowLayout {
        id: lower
        Layout.fillWidth: true
        Layout.fillHeight: true
        spacing: Theme.padding

        MetricChart {
            objectName: "memoryBytesChart"
            title: qsTr("Memory in use")
            // Both cards fill the row; the extra width goes 3 : 2, as their preferred widths.
            Layout.fillWidth: true
            Layout.preferredWidth: 3
            Layout.fillHeight: true
            Layout.minimumHeight: Theme.line * 14
            // The axis ends at the memory's total, so the lines show how full it is.
            axisTop: view.live.memTotal
            note: qsTr("axis up to %1, the total").arg(Format.bytes(view.live.memTotal))
            seriesNames: ["mem.used", "mem.cached", "swap.used"]
            seriesLabels: [qsTr("used"), qsTr("cached"), qsTr("swap used")]
            unit: HistoryFeed.Bytes
            windowSeconds: view.windowSeconds
        }

        // As tall as its list, at the top of the row: a card stretched to the chart's height
        // was mostly empty on a large window.
        Card {
            title: qsTr("Top consumers")
            note: qsTr("resident memory")
            Layout.fillWidth: true
            Layout.preferredWidth: 2
            Layout.alignment: Qt.AlignTop

            ListView {
                objectName: "consumerList"
                Layout.fillWidth: true
                Layout.preferredHeight: contentHeight
                interactive: false
                clip: true
                model: Backend.memoryConsumers
                delegate: RowLayout {
                    required property int index
                    required property string name
                    required property real rss
                    width: ListView.view.width
                    Label {
                        objectName: "consumer" + index + "Name"
                        text: name
                        color: Theme.text
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    Label {
                        objectName: "consumer" + index + "Rss"
                        text: Format.bytes(rss)
                        color: Theme.mutedText
                    }
                }
            }
        }
    }
}
