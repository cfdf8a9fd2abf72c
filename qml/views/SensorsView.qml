import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Charts
import Vantage.Desktop

// Temperatures from hwmon and thermal zones, against each sensor's own high and critical levels
// (or the temperature rule's). A machine without sensors is told so; nothing is invented.
ViewPage {
    id: view
    title: qsTr("Sensors")
    // Left and right move every chart's span by a tenth, into the past and back, as on the web.
    Keys.onLeftPressed: Backend.panSpan(-0.1)
    Keys.onRightPressed: Backend.panSpan(0.1)
    hasCharts: sensors.count > 0

    // The sensors shown; the backend's unless a test hands another list.
    property var sensors: Backend.sensors
    // Lists of maps (SensorsModel); a test may hand its own.
    property var fans: sensors.fans ?? []
    property var power: sensors.power ?? []
    property var clocks: sensors.clocks ?? []
    readonly property var levels: Backend.levels
    readonly property real ruleWarning: levels["thresholds/temperature/warning"]
    readonly property real ruleCritical: levels["thresholds/temperature/critical"]

    Card {
        Layout.fillWidth: true
        visible: view.sensors.count === 0
        Label {
            objectName: "noSensors"
            text: qsTr("No temperature sensors on this machine.")
            color: Theme.mutedText
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
    }

    Card {
        title: qsTr("Temperatures")
        visible: view.sensors.count > 0
        Layout.fillWidth: true

        Repeater {
            model: view.sensors
            delegate: RowLayout {
                id: row
                required property int index
                required property string label
                required property real celsius
                required property real high
                required property real critical
                readonly property real warnAt: isNaN(high) ? view.ruleWarning : high
                readonly property real critAt: isNaN(critical) ? view.ruleCritical : critical
                Layout.fillWidth: true
                spacing: Theme.padding

                Label {
                    objectName: "sensor" + row.index + "Label"
                    text: row.label
                    color: Theme.text
                    elide: Text.ElideRight
                    Layout.preferredWidth: Theme.line * 14
                }
                UsageBar {
                    Layout.fillWidth: true
                    percent: 100 * row.celsius / Math.max(1, row.critAt)
                    warning: 100 * row.warnAt / Math.max(1, row.critAt)
                    critical: 100
                }
                Label {
                    objectName: "sensor" + row.index + "Value"
                    text: Format.celsius(row.celsius)
                    color: Theme.levelColor(row.celsius, row.warnAt, row.critAt)
                    font.bold: true
                    horizontalAlignment: Text.AlignRight
                    Layout.preferredWidth: Theme.line * 4.5
                }
                Label {
                    objectName: "sensor" + row.index + "Levels"
                    text: qsTr("high %1, critical %2").arg(Format.celsius(row.high))
                                                      .arg(Format.celsius(row.critical))
                    color: Theme.mutedText
                    font.pointSize: Theme.smallSize
                    Layout.preferredWidth: Theme.line * 12
                }
            }
        }
    }

    // Fans, batteries and sources, and CPU clocks: each card only where the machine has them.
    Card {
        title: qsTr("Fans")
        visible: view.fans.length > 0
        Layout.fillWidth: true
        Repeater {
            model: view.fans
            delegate: DeviceRow {
                required property int index
                required property var modelData
                name: modelData.label
                value: Math.round(modelData.rpm) + " " + qsTr("rpm")
                objectName: "fan" + index
            }
        }
    }

    Card {
        title: qsTr("Power supplies")
        visible: view.power.length > 0
        Layout.fillWidth: true
        Repeater {
            model: view.power
            delegate: DeviceRow {
                required property int index
                required property var modelData
                name: modelData.name
                value: modelData.online === 1 ? qsTr("plugged in")
                     : modelData.online === 0 ? qsTr("unplugged")
                     : Format.percent(modelData.capacity)
                detail: view.supplyDetail(modelData)
                objectName: "supply" + index
            }
        }
    }

    Card {
        title: qsTr("CPU clocks")
        visible: view.clocks.length > 0
        Layout.fillWidth: true
        Repeater {
            model: view.clocks
            delegate: DeviceRow {
                required property int index
                required property var modelData
                name: qsTr("CPU %1").arg(modelData.cpu)
                value: view.clockText(modelData.mhz)
                objectName: "clock" + index
            }
        }
    }

    // A battery's status, power and energy, as far as its driver tells them.
    function supplyDetail(supply) {
        const parts = []
        if (supply.status)
            parts.push(supply.status)
        if (isFinite(supply.watts))
            parts.push(Format.watts(supply.watts))
        if (isFinite(supply.energyWh) && isFinite(supply.energyFullWh))
            parts.push(qsTr("%1 of %2").arg(Format.wattNumber(supply.energyWh))
                                       .arg(Format.wattHours(supply.energyFullWh)))
        return parts.join(", ")
    }

    // The web's rule: MHz below 1 GHz, else GHz with two decimals.
    function clockText(mhz) {
        return mhz < 1000 ? Math.round(mhz) + " MHz" : (mhz / 1000).toFixed(2) + " GHz"
    }

    component DeviceRow: RowLayout {
        property string name
        property string value
        property string detail
        Layout.fillWidth: true
        spacing: Theme.padding
        Label {
            text: parent.name
            color: Theme.text
            elide: Text.ElideRight
            Layout.preferredWidth: Theme.line * 14
        }
        Label {
            objectName: parent.objectName + "Value"
            text: parent.value
            color: Theme.text
            font.bold: true
            horizontalAlignment: Text.AlignRight
            Layout.preferredWidth: Theme.line * 6
        }
        Label {
            objectName: parent.objectName + "Detail"
            text: parent.detail
            color: Theme.mutedText
            font.pointSize: Theme.smallSize
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
    }

    MetricChart {
        objectName: "sensorChart"
        title: qsTr("Temperature history")
        visible: view.sensors.count > 0
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.minimumHeight: Theme.line * 14
        seriesNames: {
            const names = []
            for (let i = 0; i < view.sensors.count; ++i)
                names.push("temps[" + view.sensors.data(view.sensors.index(i, 0), SensorsModel.LabelRole) + "].celsius")
            return names
        }
        seriesLabels: {
            const labels = []
            for (let i = 0; i < view.sensors.count; ++i)
                labels.push(view.sensors.data(view.sensors.index(i, 0), SensorsModel.LabelRole))
            return labels
        }
        // No level lines: each sensor has its own levels, shown in its row above.
        unit: HistoryFeed.Celsius
        windowSeconds: view.windowSeconds
    }
}
