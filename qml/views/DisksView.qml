import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Charts
import Vantage.Desktop

// Every real filesystem as df lists it: a usage bar per mount, and the I/O of the chosen mount
// over time (click a mount to chart it).
ViewPage {
    id: view
    title: qsTr("Disks")
    // Left and right move every chart's span by a tenth, into the past and back, as on the web.
    Keys.onLeftPressed: Backend.panSpan(-0.1)
    Keys.onRightPressed: Backend.panSpan(0.1)

    readonly property var levels: Backend.levels
    property string chosenMount: Backend.live.mainMount
    readonly property string chartMount: chosenMount.length > 0 ? chosenMount
                                                                 : Backend.live.mainMount

    Card {
        title: qsTr("Filesystems")
        note: qsTr("%1 mounted").arg(Backend.disks.count)
        Layout.fillWidth: true

        Label {
            visible: Backend.disks.count === 0
            text: qsTr("No filesystems found.")
            color: Theme.mutedText
        }

        Repeater {
            model: Backend.disks
            delegate: ItemDelegate {
                id: row
                required property int index
                required property string mount
                required property string device
                required property string fs
                required property real total
                required property real used
                required property real percent
                required property real readBps
                required property real writeBps
                Layout.fillWidth: true
                onClicked: view.chosenMount = mount
                // A quiet mark for the charted mount: the row's own colours stay readable.
                background: Rectangle {
                    color: row.mount === view.chartMount ? Theme.selection
                           : row.hovered ? Theme.grid : "transparent"
                    radius: Theme.radius
                }
                Accessible.name: qsTr("%1, %2 used").arg(mount).arg(Format.percent(percent))

                contentItem: GridLayout {
                    columns: 3
                    columnSpacing: Theme.padding
                    rowSpacing: Theme.spacing / 2
                    Label {
                        id: mountLabel
                        objectName: "disk" + row.index + "Mount"
                        text: row.mount
                        font.bold: true
                        color: Theme.text
                        elide: Text.ElideMiddle
                        Layout.preferredWidth: Theme.line * 10
                        HoverHandler { id: mountHover }
                        ToolTip.visible: mountHover.hovered && mountLabel.truncated
                        ToolTip.text: row.mount
                    }
                    UsageBar {
                        Layout.fillWidth: true
                        percent: row.percent
                        warning: view.levels["thresholds/disk/warning"]
                        critical: view.levels["thresholds/disk/critical"]
                    }
                    Label {
                        objectName: "disk" + row.index + "Percent"
                        text: Format.percent(row.percent)
                        color: Theme.text
                        horizontalAlignment: Text.AlignRight
                        Layout.preferredWidth: Theme.line * 4
                    }
                    Label {
                        objectName: "disk" + row.index + "Device"
                        text: row.device + "  ·  " + row.fs
                        color: Theme.mutedText
                        font.pointSize: Theme.smallSize
                        elide: Text.ElideMiddle
                        Layout.preferredWidth: Theme.line * 10
                    }
                    Label {
                        objectName: "disk" + row.index + "Size"
                        text: qsTr("%1 used of %2, %3 free").arg(Format.bytes(row.used))
                              .arg(Format.bytes(row.total)).arg(Format.bytes(row.total - row.used))
                        color: Theme.mutedText
                        font.pointSize: Theme.smallSize
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    Label {
                        objectName: "disk" + row.index + "Io"
                        text: qsTr("↓ %1  ↑ %2").arg(Format.rate(row.readBps)).arg(Format.rate(row.writeBps))
                        color: Theme.mutedText
                        font.pointSize: Theme.smallSize
                        horizontalAlignment: Text.AlignRight
                        Layout.preferredWidth: Theme.line * 11
                    }
                }
            }
        }
    }

    MetricChart {
        objectName: "diskIoChart"
        title: qsTr("I/O of %1").arg(view.chartMount)
        visible: view.chartMount.length > 0
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.minimumHeight: Theme.line * 12
        seriesNames: ["disks[" + view.chartMount + "].readBps",
                      "disks[" + view.chartMount + "].writeBps"]
        seriesLabels: [qsTr("read"), qsTr("written")]
        unit: HistoryFeed.BytesPerSecond
        windowSeconds: view.windowSeconds
    }

    MetricChart {
        objectName: "diskUsageChart"
        title: qsTr("Space used on %1").arg(view.chartMount)
        visible: view.chartMount.length > 0
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.minimumHeight: Theme.line * 12
        seriesNames: ["disks[" + view.chartMount + "].percent"]
        seriesLabels: [qsTr("used")]
        unit: HistoryFeed.Percent
        warning: view.levels["thresholds/disk/warning"]
        critical: view.levels["thresholds/disk/critical"]
        windowSeconds: view.windowSeconds
    }
}
