import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Widgets
import Vantage.Desktop

// The hosts this hub follows (docs/fleet.md), a tile each: its state, CPU, memory, load, busiest
// disk and interface with a chart of the chosen window (at most the hour the hub keeps), its
// border in the colour of its worst alert. Sorted and filtered above the tiles; every host's
// alerts below them, each with Acknowledge where the hub holds that host's admin token. A tile
// (clicked, or Return on it) shows that host in every other view of the window, over its own
// stream (hostOpened); an instance only Prometheus knows has no stream, and opens its address in
// the browser instead. The window lists this view only on a hub.
ViewPage {
    id: view
    objectName: "fleetView"
    title: qsTr("Fleet")

    readonly property var fleet: Backend.fleet
    readonly property var hosts: Backend.fleetHosts
    // "host/alertId" → the hub's words on an acknowledgement that failed.
    property var ackErrors: ({})
    readonly property var colors: Theme.seriesColors(["cpu.total", "mem.percent", "load.1",
                                                       "disks[].readBps", "net[].rxBps"])
    readonly property var sortKeys: [
        { key: "name", label: qsTr("Name") },
        { key: "severity", label: qsTr("Alerts") },
        { key: "cpu", label: qsTr("CPU") },
        { key: "memory", label: qsTr("Memory") }
    ]
    readonly property real tileWidth: Theme.line * 21

    // A tile was opened: the window's views now show that host.
    signal hostOpened(string name)

    function open(name, dashboardUrl) {
        if (Backend.openHost(name))
            hostOpened(name)
        else
            Qt.openUrlExternally(dashboardUrl)
    }

    Component.onCompleted: fleet.watch(view, true)
    Binding {
        target: view.fleet
        property: "seriesSeconds"
        value: Math.min(view.windowSeconds, 3600)
    }

    Connections {
        target: view.fleet
        function onAcknowledgeEnded(host, alertId, error) {
            const errors = Object.assign({}, view.ackErrors)
            errors[host + "/" + alertId] = error
            view.ackErrors = errors
        }
    }

    function stateColor(state) {
        return state === "up" ? Theme.ok : state === "down" ? Theme.critical : Theme.mutedText
    }
    function stateText(state) {
        return { up: qsTr("up"), connecting: qsTr("connecting"), down: qsTr("down") }[state] ?? state
    }
    function loadText(load) {
        return load.length === 3 ? load.map(value => value.toFixed(2)).join("  ") : Format.percent(NaN)
    }

    RowLayout {
        spacing: Theme.spacing
        Layout.fillWidth: true
        TextField {
            objectName: "fleetFilter"
            placeholderText: qsTr("Filter by name, address or state")
            text: view.hosts.filterText
            onTextEdited: view.hosts.filterText = text
            Layout.preferredWidth: Theme.line * 18
            Accessible.name: qsTr("Filter the hosts")
        }
        Label {
            text: qsTr("Sort by")
            color: Theme.mutedText
        }
        ComboBox {
            objectName: "fleetSort"
            model: view.sortKeys.map(entry => entry.label)
            currentIndex: view.sortKeys.findIndex(entry => entry.key === view.hosts.sortKey)
            onActivated: index => view.hosts.sortKey = view.sortKeys[index].key
            Accessible.name: qsTr("Sort the hosts by")
        }
        Item { Layout.fillWidth: true }
        Label {
            text: view.hosts.count !== view.fleet.count
                  ? qsTr("%1 of %2 hosts").arg(view.hosts.count).arg(view.fleet.count)
                  : view.fleet.count === 1 ? qsTr("1 host") : qsTr("%1 hosts").arg(view.fleet.count)
            color: Theme.mutedText
        }
    }

    Label {
        objectName: "fleetEmpty"
        visible: view.hosts.count === 0
        text: view.fleet.count === 0 ? qsTr("No host in the fleet list yet: add one in Settings.")
                                     : qsTr("No host matches the filter.")
        color: Theme.mutedText
    }

    GridLayout {
        columns: Math.max(1, Math.floor((view.width - 2 * Theme.padding + columnSpacing)
                                        / (view.tileWidth + columnSpacing)))
        columnSpacing: Theme.padding
        rowSpacing: Theme.padding
        Layout.fillWidth: true

        Repeater {
            model: view.hosts
            delegate: Rectangle {
                id: tile
                required property string name
                required property string dashboardUrl
                required property string state
                required property string reason
                required property real cpu
                required property real mem
                required property var load
                required property string diskName
                required property real diskBps
                required property string netName
                required property real netBps
                required property var alerts
                required property int worstSeverity
                required property var cpuSeries
                required property var memSeries
                required property var loadSeries
                required property var diskSeries
                required property var netSeries
                readonly property color level: worstSeverity === 2 ? Theme.critical
                                               : worstSeverity === 1 ? Theme.warning : Theme.border
                objectName: "fleetTile_" + name
                color: worstSeverity > 0 ? Qt.tint(Theme.card, Theme.tint(level, 0.12)) : Theme.card
                border.color: activeFocus ? Theme.accent : level
                border.width: worstSeverity > 0 || activeFocus ? 2 : 1
                radius: Theme.radius
                implicitHeight: tileColumn.implicitHeight + 2 * Theme.padding
                // As wide as the columns share, never much wider (two hosts on a wide window).
                Layout.fillWidth: true
                Layout.preferredWidth: view.tileWidth
                Layout.maximumWidth: view.tileWidth * 1.4
                Layout.alignment: Qt.AlignTop
                Accessible.role: Accessible.Button
                Accessible.name: qsTr("%1, %2: show it in every view").arg(name).arg(view.stateText(state))

                activeFocusOnTab: true
                Keys.onReturnPressed: view.open(name, dashboardUrl)
                Keys.onSpacePressed: view.open(name, dashboardUrl)
                HoverHandler { id: tileHover; cursorShape: Qt.PointingHandCursor }
                TapHandler { onTapped: view.open(tile.name, tile.dashboardUrl) }
                ToolTip.visible: tileHover.hovered
                ToolTip.delay: 600
                ToolTip.text: qsTr("Show %1 in every view").arg(tile.name)

                ColumnLayout {
                    id: tileColumn
                    anchors.fill: parent
                    anchors.margins: Theme.padding
                    spacing: Theme.spacing / 2

                    RowLayout {
                        Layout.fillWidth: true
                        Label {
                            text: tile.name
                            font.bold: true
                            color: Theme.text
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                        }
                        Label {
                            objectName: "fleetTile_" + tile.name + "_state"
                            text: view.stateText(tile.state)
                            color: view.stateColor(tile.state)
                            font.bold: true
                        }
                    }
                    Label {
                        visible: tile.reason.length > 0
                        text: tile.reason
                        color: Theme.critical
                        font.pointSize: Theme.smallSize
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    TileRow {
                        host: tile.name
                        key: "cpu"
                        label: qsTr("CPU")
                        value: Format.percent(tile.cpu)
                        series: tile.cpuSeries
                        chartTop: 100
                        color: view.colors[0]
                    }
                    TileRow {
                        host: tile.name
                        key: "mem"
                        label: qsTr("Memory")
                        value: Format.percent(tile.mem)
                        series: tile.memSeries
                        chartTop: 100
                        color: view.colors[1]
                    }
                    TileRow {
                        host: tile.name
                        key: "load"
                        label: qsTr("Load")
                        value: view.loadText(tile.load)
                        series: tile.loadSeries
                        color: view.colors[2]
                    }
                    TileRow {
                        host: tile.name
                        key: "disk"
                        label: tile.diskName.length > 0 ? tile.diskName : qsTr("Disk")
                        value: Format.rate(tile.diskBps)
                        series: tile.diskSeries
                        color: view.colors[3]
                    }
                    TileRow {
                        host: tile.name
                        key: "net"
                        label: tile.netName.length > 0 ? tile.netName : qsTr("Network")
                        value: Format.rate(tile.netBps)
                        series: tile.netSeries
                        color: view.colors[4]
                    }
                    Label {
                        text: tile.alerts.length === 0 ? qsTr("No alert")
                              : tile.alerts.length === 1 ? qsTr("1 alert")
                              : qsTr("%1 alerts").arg(tile.alerts.length)
                        color: tile.worstSeverity > 0 ? tile.level : Theme.mutedText
                        font.pointSize: Theme.smallSize
                    }
                }
            }
        }
    }

    Card {
        objectName: "fleetAlerts"
        title: qsTr("Fleet alerts")
        note: view.fleet.alerts.length > 0 ? qsTr("%1 firing").arg(view.fleet.alerts.length) : ""
        Layout.fillWidth: true

        Label {
            visible: view.fleet.alerts.length === 0
            text: qsTr("No host has an alert firing.")
            color: Theme.mutedText
        }
        Repeater {
            model: view.fleet.alerts
            delegate: RowLayout {
                id: alertRow
                required property var modelData
                readonly property string error: view.ackErrors[modelData.host + "/" + modelData.id] ?? ""
                objectName: "fleetAlert_" + modelData.host + "_" + modelData.id
                spacing: Theme.spacing
                Layout.fillWidth: true

                Rectangle {
                    implicitWidth: Theme.spacing
                    implicitHeight: Theme.spacing
                    radius: width / 2
                    color: Theme.severityColor(alertRow.modelData.severity)
                }
                Label {
                    text: alertRow.modelData.host
                    font.bold: true
                    color: Theme.text
                    Layout.preferredWidth: Theme.line * 7
                    elide: Text.ElideRight
                }
                Label {
                    text: alertRow.modelData.message
                    color: Theme.text
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                Label {
                    objectName: alertRow.objectName + "_error"
                    visible: alertRow.error.length > 0
                    text: alertRow.error
                    color: Theme.critical
                    font.pointSize: Theme.smallSize
                    elide: Text.ElideRight
                    Layout.maximumWidth: Theme.line * 14
                }
                Label {
                    visible: alertRow.modelData.acknowledged === true
                    text: qsTr("acknowledged")
                    color: Theme.mutedText
                    font.pointSize: Theme.smallSize
                }
                // A disabled button takes no hover: the item around it shows why.
                Item {
                    visible: alertRow.modelData.acknowledged !== true
                    implicitWidth: ackButton.implicitWidth
                    implicitHeight: ackButton.implicitHeight
                    HoverHandler { id: ackHover }
                    ToolTip.visible: ackHover.hovered && !ackButton.enabled
                    ToolTip.text: qsTr("This hub holds no admin token for %1: set its token in Settings.")
                                  .arg(alertRow.modelData.host)
                    Button {
                        id: ackButton
                        objectName: alertRow.objectName + "_acknowledge"
                        anchors.fill: parent
                        text: qsTr("Acknowledge")
                        enabled: alertRow.modelData.admin === true
                        // The window's palette draws a disabled button much as an enabled one.
                        opacity: enabled ? 1 : 0.5
                        onClicked: view.fleet.acknowledge(alertRow.modelData.host, alertRow.modelData.id)
                        Accessible.name: qsTr("Acknowledge %1 on %2").arg(alertRow.modelData.message)
                                                                       .arg(alertRow.modelData.host)
                    }
                }
            }
        }
    }

    Item {
        Layout.fillHeight: true
    }

    // One value of a tile with its chart.
    component TileRow: RowLayout {
        id: tileRow
        property string host
        property string key
        property string label
        property string value
        property var series: []
        property real chartTop: 0
        property color color
        spacing: Theme.spacing
        Layout.fillWidth: true
        Label {
            text: tileRow.label
            color: Theme.mutedText
            elide: Text.ElideMiddle
            Layout.preferredWidth: Theme.line * 4.5
        }
        Label {
            objectName: "fleetTile_" + tileRow.host + "_" + tileRow.key
            text: tileRow.value
            color: Theme.text
            font.bold: true
            horizontalAlignment: Text.AlignRight
            Layout.preferredWidth: Theme.line * 6
        }
        Sparkline {
            values: tileRow.series
            maximum: tileRow.chartTop
            color: tileRow.color
            fillOpacity: 0.25
            lineWidth: Math.max(1, Theme.line / 12)
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.line * 1.4
        }
    }
}
