import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Widgets
import Vantage.Desktop

// The selected process in full: every field, the command line whole (selectable), its cgroup and
// open descriptors (read every 2 s while it is selected) and a CPU and RSS sparkline that starts
// when it is selected and grows with each tick. A process that exits stays shown, marked ended.
Rectangle {
    id: panel

    // The ProcessFilterModel whose selection this panel shows.
    required property var processes
    readonly property int pid: processes.selectedPid
    readonly property var source: processes.processModel
    property var fields: []
    property string commandLine: ""
    property var extra: ({})
    property bool ended: false
    // The shared rules' text for what cannot be read ("—").
    readonly property string unknown: Format.count(NaN)
    // The height that shows everything without scrolling.
    readonly property real contentHeight: content.implicitHeight + 2 * Theme.spacing
    // Ticks kept in the sparklines.
    readonly property int samples: 120

    signal actionsRequested()
    signal closeRequested()

    color: Theme.card
    border.color: Theme.border
    radius: Theme.radius

    function refresh() {
        const now = source.fieldsOf(pid)
        if (now.length === 0) {
            ended = pid !== 0
            return
        }
        ended = false
        fields = now
        commandLine = source.valueOf(pid, "cmdline") || panel.unknown
        const cpu = source.valueOf(pid, "cpu")
        const rss = source.valueOf(pid, "rss")
        cpuLine.append(typeof cpu === "number" ? cpu : NaN, samples)
        rssLine.append(typeof rss === "number" ? rss : NaN, samples)
    }

    function readDetail() {
        const detail = pid === 0 ? {} : Backend.processDetail(pid)
        extra = detail.process ?? {}
        if (pid !== 0 && detail.process === undefined)
            ended = true
    }

    onPidChanged: {
        cpuLine.values = []
        rssLine.values = []
        fields = []
        commandLine = ""
        extra = {}
        ended = false
        refresh()
        readDetail()
    }
    Component.onCompleted: {
        refresh()
        readDetail()
    }

    Connections {
        target: panel.source
        function onUpdated() { panel.refresh() }
    }
    Timer {
        interval: 2000
        repeat: true
        running: panel.visible && panel.pid !== 0 && !panel.ended
        onTriggered: panel.readDetail()
    }

    ScrollView {
        id: scroller
        anchors.fill: parent
        anchors.margins: Theme.spacing
        contentWidth: availableWidth
        clip: true

        ColumnLayout {
            id: content
            width: scroller.availableWidth
            spacing: Theme.spacing

            RowLayout {
                Layout.fillWidth: true
                Label {
                    objectName: "processDetailTitle"
                    Layout.fillWidth: true
                    text: panel.fields.length > 2 ? qsTr("%1 (pid %2)").arg(panel.fields[3].text).arg(panel.pid)
                                                  : qsTr("pid %1").arg(panel.pid)
                    font.bold: true
                    color: Theme.text
                    elide: Text.ElideRight
                }
                Label {
                    objectName: "processEnded"
                    visible: panel.ended
                    text: qsTr("ended")
                    color: Theme.critical
                    font.bold: true
                }
                ToolButton {
                    text: "✕"
                    onClicked: panel.closeRequested()
                    Accessible.name: qsTr("Close the process details")
                }
            }

            GridLayout {
                Layout.fillWidth: true
                columns: 2
                columnSpacing: Theme.padding
                rowSpacing: 2
                Repeater {
                    model: panel.fields
                    delegate: Label {
                        required property var modelData
                        required property int index
                        Layout.column: index % 2
                        Layout.row: Math.floor(index / 2)
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        text: "<font color='" + Theme.mutedText + "'>" + modelData.label + "</font>  "
                              + modelData.text
                        textFormat: Text.StyledText
                        color: Theme.text
                        elide: Text.ElideRight
                    }
                }
            }

            Label {
                text: qsTr("Command line")
                color: Theme.mutedText
                font.pointSize: Theme.smallSize
            }
            TextEdit {
                objectName: "processCommandLine"
                Layout.fillWidth: true
                readOnly: true
                selectByMouse: true
                wrapMode: TextEdit.WrapAnywhere
                text: panel.commandLine
                color: Theme.text
                selectionColor: Theme.selection
                selectedTextColor: Theme.text
                font.family: "monospace"
                Accessible.name: qsTr("Command line")
            }

            Label {
                objectName: "processFds"
                Layout.fillWidth: true
                text: qsTr("Open file descriptors: %1")
                      .arg(typeof panel.extra.fds === "number" ? Format.count(panel.extra.fds) : panel.unknown)
                color: Theme.text
                elide: Text.ElideRight
            }
            Label {
                text: qsTr("Control group")
                color: Theme.mutedText
                font.pointSize: Theme.smallSize
            }
            TextEdit {
                objectName: "processCgroup"
                Layout.fillWidth: true
                readOnly: true
                selectByMouse: true
                wrapMode: TextEdit.WrapAnywhere
                text: (panel.extra.cgroup ?? "").trim() || panel.unknown
                color: Theme.text
                selectionColor: Theme.selection
                selectedTextColor: Theme.text
                font.pointSize: Theme.smallSize
            }

            Label {
                text: qsTr("CPU since selected: %1").arg(panel.fields.length > 5 ? panel.fields[5].text : panel.unknown)
                color: Theme.mutedText
                font.pointSize: Theme.smallSize
            }
            Sparkline {
                id: cpuLine
                objectName: "processCpuSparkline"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.line * 2.2
                color: Theme.accent
                fillOpacity: 0.25
                lineWidth: Math.max(1, Theme.line / 12)
            }
            Label {
                text: qsTr("RSS since selected: %1").arg(panel.fields.length > 6 ? panel.fields[6].text : panel.unknown)
                color: Theme.mutedText
                font.pointSize: Theme.smallSize
            }
            Sparkline {
                id: rssLine
                objectName: "processRssSparkline"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.line * 2.2
                color: Theme.series[1]
                fillOpacity: 0.25
                lineWidth: Math.max(1, Theme.line / 12)
            }

            Button {
                objectName: "processDetailActions"
                text: qsTr("Actions…")
                enabled: !panel.ended && panel.pid !== 0
                onClicked: panel.actionsRequested()
                Accessible.name: qsTr("Actions for this process")
            }
        }
    }
}
