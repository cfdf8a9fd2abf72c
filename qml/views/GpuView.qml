import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Charts
import Vantage.Desktop

// The GPUs of the machine, one card each: its values (a dash for one not read this tick) and
// charts of load, VRAM, temperature and power from the History. A runtime-suspended GPU is not
// read, since reading would wake it: it says so in words instead of charting a line that would
// look like an idle GPU. The window lists this view only where a GPU exists; shown anyway (a
// GPU gone, or the state restored before the first tick) it says there is none.
ViewPage {
    id: view
    title: qsTr("GPU")
    Keys.onLeftPressed: Backend.panSpan(-0.1)
    Keys.onRightPressed: Backend.panSpan(0.1)

    // The GPUs shown; the backend's unless a test hands another model.
    property var gpus: Backend.gpus
    hasCharts: gpus.count > 0

    // The web's rule for a clock: MHz below 1 GHz, else GHz with two decimals.
    function clockText(mhz) {
        if (!isFinite(mhz))
            return Format.percent(NaN) // the dash of an unknown value
        return mhz < 1000 ? Math.round(mhz) + " MHz" : (mhz / 1000).toFixed(2) + " GHz"
    }

    // The server names vendors in lower case ("amd"); people read them as the vendors write them.
    function vendorName(vendor) {
        return { amd: "AMD", intel: "Intel", nvidia: "NVIDIA" }[vendor] ?? vendor
    }

    // "used of total", or the one that is known.
    function ofTotal(used, total, format) {
        return isFinite(total) ? qsTr("%1 of %2").arg(format(used)).arg(format(total)) : format(used)
    }

    Card {
        Layout.fillWidth: true
        visible: view.gpus.count === 0
        Label {
            objectName: "noGpu"
            text: qsTr("This machine has no GPU Vantage can read.")
            color: Theme.mutedText
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
    }

    Repeater {
        model: view.gpus
        delegate: Card {
            id: card
            required property int index
            required property string gpuId
            required property string name
            required property string vendor
            required property string driver
            required property string state
            required property real load
            required property real vramUsed
            required property real vramTotal
            required property real gttTotal
            required property real gttUsed
            required property real temp
            required property real tempCritical
            required property real power
            required property real powerLimit
            required property real clock
            required property real fan
            required property string seriesPrefix
            readonly property bool asleep: state === "suspended"
            // The values as rows of text; GTT only where the driver has it (amdgpu).
            readonly property var facts: {
                const rows = [
                    { key: "State", label: qsTr("State"), value: asleep ? qsTr("asleep") : state },
                    { key: "Load", label: qsTr("Load"), value: Format.percent(load) },
                    { key: "Vram", label: qsTr("VRAM"), value: view.ofTotal(vramUsed, vramTotal, Format.bytes) }
                ]
                if (isFinite(gttTotal))
                    rows.push({ key: "Gtt", label: qsTr("GTT"), value: view.ofTotal(gttUsed, gttTotal, Format.bytes) })
                rows.push({ key: "Temp", label: qsTr("Temperature"),
                            value: isFinite(tempCritical)
                                   ? qsTr("%1 (critical %2)").arg(Format.celsius(temp)).arg(Format.celsius(tempCritical))
                                   : Format.celsius(temp) },
                          { key: "Power", label: qsTr("Power"), value: view.ofTotal(power, powerLimit, Format.watts) },
                          { key: "Clock", label: qsTr("Clock"), value: view.clockText(clock) },
                          { key: "Fan", label: qsTr("Fan"), value: Format.percent(fan) })
                return rows
            }
            objectName: "gpu" + index
            title: name.length > 0 ? name : gpuId
            note: [view.vendorName(vendor), driver, gpuId].filter(part => part.length > 0).join("  ·  ")
            Layout.fillWidth: true

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.padding * 2

                ColumnLayout {
                    spacing: Theme.spacing / 2
                    Layout.alignment: Qt.AlignTop
                    // The values keep their width; the charts take the rest.
                    Layout.fillWidth: false
                    Layout.preferredWidth: Theme.line * 20
                    Layout.maximumWidth: Theme.line * 20
                    Repeater {
                        model: card.facts
                        delegate: RowLayout {
                            required property var modelData
                            Layout.fillWidth: true
                            spacing: Theme.padding
                            Label {
                                text: modelData.label
                                color: Theme.mutedText
                                Layout.preferredWidth: Theme.line * 6
                            }
                            Label {
                                objectName: "gpu" + card.index + modelData.key
                                text: modelData.value
                                color: Theme.text
                                font.bold: true
                                horizontalAlignment: Text.AlignRight
                                elide: Text.ElideLeft
                                Layout.fillWidth: true
                            }
                        }
                    }
                }

                Label {
                    objectName: "gpu" + card.index + "Asleep"
                    visible: card.asleep
                    text: qsTr("Asleep (runtime-suspended): values are not read so as not to wake it")
                    color: Theme.mutedText
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignVCenter
                }

                GridLayout {
                    visible: !card.asleep
                    columns: 2
                    columnSpacing: Theme.padding
                    rowSpacing: Theme.padding
                    Layout.fillWidth: true

                    GpuChart {
                        title: qsTr("Load")
                        seriesNames: [card.seriesPrefix + ".load"]
                        unit: HistoryFeed.Percent
                        axisTop: 100
                    }
                    GpuChart {
                        title: qsTr("VRAM")
                        seriesNames: [card.seriesPrefix + ".vramUsed"]
                        unit: HistoryFeed.Bytes
                        axisTop: card.vramTotal
                    }
                    GpuChart {
                        title: qsTr("Temperature")
                        seriesNames: [card.seriesPrefix + ".temp"]
                        unit: HistoryFeed.Celsius
                        critical: card.tempCritical
                    }
                    GpuChart {
                        title: qsTr("Power")
                        seriesNames: [card.seriesPrefix + ".power"]
                        unit: HistoryFeed.Watts
                        axisTop: card.powerLimit
                    }
                }
            }
        }
    }

    // The cards at the top, the space left below them.
    Item {
        Layout.fillHeight: true
    }

    component GpuChart: MetricChart {
        seriesLabels: [title]
        windowSeconds: view.windowSeconds
        implicitHeight: Theme.line * 12
        Layout.fillWidth: true
        Layout.preferredWidth: 1 // the two columns share the width evenly
    }
}
