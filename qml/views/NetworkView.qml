import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Charts
import Vantage.Widgets
import Vantage.Desktop

// Every network interface: its rates with a one-minute sparkline each way and the totals since
// boot; the chosen interface (click one) is charted over the window.
ViewPage {
    id: view
    title: qsTr("Network")
    // Left and right move every chart's span by a tenth, into the past and back, as on the web.
    Keys.onLeftPressed: Backend.panSpan(-0.1)
    Keys.onRightPressed: Backend.panSpan(0.1)

    property string chosen: Backend.live.mainInterface
    readonly property string chartInterface: chosen.length > 0 ? chosen : Backend.live.mainInterface
    // Interfaces that never moved a byte since boot (nothing received or sent) are left out of
    // the list until asked for: a row of zeros each says nothing, and there can be many.
    property bool showIdle: false
    // Received and sent in the colours of their series in the table, as the charts draw them.
    readonly property var rateColors: Theme.seriesColors(["net[].rxBps", "net[].txBps"])
    property int idleCount: 0

    function countIdle() {
        let count = 0
        for (let i = 0; i < interfaces.count; ++i)
            count += interfaces.itemAt(i)?.idle ? 1 : 0
        idleCount = count
    }

    Card {
        title: qsTr("Interfaces")
        note: qsTr("%1 found").arg(Backend.network.count)
        Layout.fillWidth: true

        Label {
            visible: Backend.network.count === 0
            text: qsTr("No network interfaces found.")
            color: Theme.mutedText
        }

        Repeater {
            id: interfaces
            model: Backend.network
            delegate: ItemDelegate {
                id: row
                required property int index
                required property string iface
                required property real rxBps
                required property real txBps
                required property real rxTotal
                required property real txTotal
                required property var rxRecent
                required property var txRecent
                readonly property bool idle: rxTotal === 0 && txTotal === 0
                visible: !idle || view.showIdle
                onIdleChanged: Qt.callLater(view.countIdle)
                Component.onCompleted: Qt.callLater(view.countIdle)
                Component.onDestruction: Qt.callLater(view.countIdle)
                Layout.fillWidth: true
                onClicked: view.chosen = iface
                // A quiet mark for the charted interface: the rates keep their series colours.
                background: Rectangle {
                    color: row.iface === view.chartInterface ? Theme.selection
                           : row.hovered ? Theme.grid : "transparent"
                    radius: Theme.radius
                }
                Accessible.name: qsTr("%1: received %2, sent %3").arg(iface)
                                 .arg(Format.rate(rxBps)).arg(Format.rate(txBps))

                contentItem: RowLayout {
                    spacing: Theme.padding
                    Label {
                        id: nameLabel
                        objectName: "net" + row.index + "Name"
                        text: row.iface
                        font.bold: true
                        color: Theme.text
                        elide: Text.ElideRight
                        Layout.preferredWidth: Theme.line * 7
                        HoverHandler { id: nameHover }
                        ToolTip.visible: nameHover.hovered && nameLabel.truncated
                        ToolTip.text: row.iface
                    }
                    ColumnLayout {
                        spacing: 0
                        Layout.preferredWidth: Theme.line * 9
                        Label {
                            objectName: "net" + row.index + "Rx"
                            text: qsTr("↓ %1").arg(Format.rate(row.rxBps))
                            color: view.rateColors[0]
                        }
                        Label {
                            objectName: "net" + row.index + "RxTotal"
                            text: qsTr("%1 received").arg(Format.bytes(row.rxTotal))
                            color: Theme.mutedText
                            font.pointSize: Theme.smallSize
                        }
                    }
                    Sparkline {
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.line * 2
                        values: row.rxRecent
                        color: view.rateColors[0]
                        fillOpacity: 0.25
                        lineWidth: Math.max(1, Theme.line / 12)
                    }
                    ColumnLayout {
                        spacing: 0
                        Layout.preferredWidth: Theme.line * 9
                        Label {
                            objectName: "net" + row.index + "Tx"
                            text: qsTr("↑ %1").arg(Format.rate(row.txBps))
                            color: view.rateColors[1]
                        }
                        Label {
                            objectName: "net" + row.index + "TxTotal"
                            text: qsTr("%1 sent").arg(Format.bytes(row.txTotal))
                            color: Theme.mutedText
                            font.pointSize: Theme.smallSize
                        }
                    }
                    Sparkline {
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.line * 2
                        values: row.txRecent
                        color: view.rateColors[1]
                        fillOpacity: 0.25
                        lineWidth: Math.max(1, Theme.line / 12)
                    }
                }
            }
        }

        Button {
            objectName: "idleInterfacesToggle"
            visible: view.idleCount > 0
            flat: true
            text: view.showIdle ? qsTr("Hide idle (%1)").arg(view.idleCount)
                                : qsTr("Show idle (%1)").arg(view.idleCount)
            onClicked: view.showIdle = !view.showIdle
        }
    }

    MetricChart {
        objectName: "interfaceChart"
        title: qsTr("Traffic of %1").arg(view.chartInterface)
        visible: view.chartInterface.length > 0
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.minimumHeight: Theme.line * 14
        seriesNames: ["net[" + view.chartInterface + "].rxBps",
                      "net[" + view.chartInterface + "].txBps"]
        seriesLabels: [qsTr("received"), qsTr("sent")]
        unit: HistoryFeed.BytesPerSecond
        windowSeconds: view.windowSeconds
    }
}
