import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Charts
import Vantage.Desktop

// The machine at a glance: the alerts firing now (when there are any), gauges, host facts, and
// the CPU, memory, network and disk charts with their warning and critical levels.
ViewPage {
    id: view
    title: qsTr("Overview")
    // Left and right move every chart's span by a tenth, into the past and back, as on the web.
    Keys.onLeftPressed: Backend.panSpan(-0.1)
    Keys.onRightPressed: Backend.panSpan(0.1)

    // The user clicked the alert strip: show the Alerts view.
    signal alertsRequested()

    readonly property var live: Backend.live
    readonly property var levels: Backend.levels

    function level(rule, which) {
        return levels["thresholds/" + rule + "/" + which]
    }

    // One resource's PSI for the host card, "some 3.0 / 1.5 / 0.0 %  full 2.5 / 0.5 / 0.0 %": the
    // 10 s and 60 s averages and the stall rate of the last tick of each kind the kernel writes,
    // from the history's pressure series (docs/metrics.md "Pressure"); "" where it has none.
    // seq only makes a binding read the series again every tick.
    function pressureText(resource, seq) {
        const last = (kind, field) => {
            const values = Backend.recent("pressure." + resource + "." + kind + "." + field, 0)
            return values.length > 0 ? values[values.length - 1] : undefined
        }
        const number = v => isNaN(v) ? "—" : v.toFixed(v < 10 ? 1 : 0)
        const parts = []
        for (const kind of ["some", "full"]) {
            const avg10 = last(kind, "avg10")
            if (avg10 !== undefined)
                parts.push(qsTr("%1 %2 / %3 / %4 %").arg(kind).arg(number(avg10))
                           .arg(number(last(kind, "avg60"))).arg(number(last(kind, "rate"))))
        }
        return parts.join("  ")
    }

    AlertStrip {
        objectName: "alertStrip"
        Layout.fillWidth: true
        onActivated: view.alertsRequested()
    }

    RowLayout {
        Layout.fillWidth: true
        Layout.fillHeight: false // the charts below take the height
        spacing: Theme.padding

        Card {
            Layout.fillWidth: true
            Layout.fillHeight: true
            RowLayout {
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignHCenter
                spacing: Theme.padding * 2
                GaugeTile {
                    objectName: "cpuGauge"
                    caption: qsTr("CPU")
                    value: view.live.cpuTotal
                    text: Format.percent(view.live.cpuTotal)
                    detail: qsTr("%1 cores").arg(view.live.cpuCount)
                    warning: view.level("cpu", "warning")
                    critical: view.level("cpu", "critical")
                }
                GaugeTile {
                    objectName: "memoryGauge"
                    caption: qsTr("Memory")
                    value: view.live.memPercent
                    text: Format.percent(view.live.memPercent)
                    detail: qsTr("%1 of %2").arg(Format.bytes(view.live.memUsed))
                                            .arg(Format.bytes(view.live.memTotal))
                    warning: view.level("memory", "warning")
                    critical: view.level("memory", "critical")
                }
                GaugeTile {
                    objectName: "swapGauge"
                    caption: qsTr("Swap")
                    value: view.live.swapPercent
                    text: view.live.swapTotal > 0 ? Format.percent(view.live.swapPercent)
                                                  : qsTr("none")
                    detail: qsTr("%1 of %2").arg(Format.bytes(view.live.swapUsed))
                                            .arg(Format.bytes(view.live.swapTotal))
                    warning: view.level("swap", "warning")
                    critical: view.level("swap", "critical")
                }
                GaugeTile {
                    objectName: "diskGauge"
                    caption: qsTr("Disk %1").arg(view.live.mainMount)
                    value: isNaN(view.live.mainMountPercent) ? 0 : view.live.mainMountPercent
                    text: Format.percent(view.live.mainMountPercent)
                    detail: qsTr("%1 of %2").arg(Format.bytes(view.live.mainMountUsed))
                                            .arg(Format.bytes(view.live.mainMountTotal))
                    warning: view.level("disk", "warning")
                    critical: view.level("disk", "critical")
                }
                // The first GPU's load and temperature, only on a machine with a GPU; asleep, it
                // is not read (that would wake it) and says so rather than showing 0 %.
                Repeater {
                    model: Backend.gpus
                    delegate: GaugeTile {
                        required property int index
                        required property string state
                        required property real load
                        required property real temp
                        readonly property bool asleep: state === "suspended"
                        objectName: index === 0 ? "gpuGauge" : ""
                        visible: index === 0
                        caption: qsTr("GPU")
                        value: isNaN(load) ? 0 : load
                        text: asleep ? qsTr("asleep") : Format.percent(load)
                        detail: asleep ? qsTr("not read") : Format.celsius(temp)
                    }
                }
            }
        }

        Card {
            title: view.live.hostname
            Layout.preferredWidth: Theme.line * 20
            Layout.fillHeight: true
            GridLayout {
                columns: 2
                columnSpacing: Theme.padding
                rowSpacing: Theme.spacing / 2
                Layout.fillWidth: true
                ValueLabel { objectName: "hostOs"; caption: qsTr("System"); value: view.live.os; Layout.columnSpan: 2; Layout.fillWidth: true }
                ValueLabel { objectName: "hostKernel"; caption: qsTr("Kernel"); value: view.live.kernel; Layout.fillWidth: true }
                ValueLabel { objectName: "hostUptime"; caption: qsTr("Uptime"); value: Format.duration(view.live.uptime); Layout.fillWidth: true }
                ValueLabel {
                    objectName: "hostCpu"
                    caption: qsTr("Processor")
                    value: qsTr("%1 × %2").arg(view.live.cpuCount).arg(view.live.cpuModel)
                    Layout.columnSpan: 2
                    Layout.fillWidth: true
                }
                ValueLabel {
                    objectName: "hostLoad"
                    caption: qsTr("Load 1 / 5 / 15 min")
                    value: view.live.load.map(v => v.toFixed(2)).join("  ")
                    Layout.fillWidth: true
                }
                ValueLabel {
                    objectName: "hostProcesses"
                    caption: qsTr("Processes")
                    value: qsTr("%1 (%2 running)").arg(Format.count(view.live.processCount))
                                                   .arg(view.live.processRunning)
                    Layout.fillWidth: true
                }
                // Absent, not zero, where the kernel has no PSI (and no full part before 5.13).
                Repeater {
                    model: [{ key: "cpu", label: qsTr("CPU") }, { key: "memory", label: qsTr("Memory") },
                            { key: "io", label: qsTr("I/O") }]
                    ValueLabel {
                        required property var modelData
                        objectName: "hostPressure_" + modelData.key
                        caption: qsTr("%1 pressure: 10 s / 60 s / now").arg(modelData.label)
                        value: view.pressureText(modelData.key, view.live.seq)
                        visible: value.length > 0
                        Layout.columnSpan: 2
                        Layout.fillWidth: true
                    }
                }
            }
            Item { Layout.fillHeight: true } // the facts stay under the title
        }
    }

    GridLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        columns: 2
        columnSpacing: Theme.padding
        rowSpacing: Theme.padding

        MetricChart {
            objectName: "cpuChart"
            title: qsTr("CPU")
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: Theme.line * 13
            seriesNames: ["cpu.total", "cpu.user", "cpu.system"]
            seriesLabels: [qsTr("total"), qsTr("user"), qsTr("system")]
            unit: HistoryFeed.Percent
            warning: view.level("cpu", "warning")
            critical: view.level("cpu", "critical")
            windowSeconds: view.windowSeconds
        }
        MetricChart {
            objectName: "memoryChart"
            title: qsTr("Memory")
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: Theme.line * 13
            seriesNames: ["mem.percent", "swap.percent"]
            seriesLabels: [qsTr("memory"), qsTr("swap")]
            unit: HistoryFeed.Percent
            warning: view.level("memory", "warning")
            critical: view.level("memory", "critical")
            windowSeconds: view.windowSeconds
        }
        MetricChart {
            objectName: "networkChart"
            title: view.live.mainInterface.length > 0
                   ? qsTr("Network %1").arg(view.live.mainInterface) : qsTr("Network")
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: Theme.line * 13
            seriesNames: view.live.mainInterface.length > 0
                         ? ["net[" + view.live.mainInterface + "].rxBps",
                            "net[" + view.live.mainInterface + "].txBps"] : []
            seriesLabels: [qsTr("received"), qsTr("sent")]
            unit: HistoryFeed.BytesPerSecond
            windowSeconds: view.windowSeconds
        }
        MetricChart {
            objectName: "diskChart"
            title: view.live.mainMount.length > 0
                   ? qsTr("Disk I/O %1").arg(view.live.mainMount) : qsTr("Disk I/O")
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: Theme.line * 13
            seriesNames: view.live.mainMount.length > 0
                         ? ["disks[" + view.live.mainMount + "].readBps",
                            "disks[" + view.live.mainMount + "].writeBps"] : []
            seriesLabels: [qsTr("read"), qsTr("written")]
            unit: HistoryFeed.BytesPerSecond
            windowSeconds: view.windowSeconds
        }
    }
}
