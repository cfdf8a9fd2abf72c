import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Desktop

// The alerts firing now, most severe first, each with an Acknowledge button until someone (here
// or a web admin) has marked it as seen; below, the recent alert events, newest first.
ViewPage {
    id: view
    title: qsTr("Alerts")
    hasCharts: false
    scrolls: false // the log fills the height and scrolls by itself

    // The active alerts and their log; the backend's unless a test hands others.
    property var alerts: Backend.alerts
    readonly property real now: Backend.live.timestamp > 0 ? Backend.live.timestamp : Date.now()

    function severityName(severity) {
        return severity === "critical" ? qsTr("Critical") : qsTr("Warning")
    }

    // "14:03:27" for an event of today, "2024-03-01 14:03" for an older one.
    function timeOf(ms) {
        const date = new Date(ms)
        const today = new Date(view.now).toDateString() === date.toDateString()
        return today ? Qt.formatTime(date, "hh:mm:ss") : Qt.formatDateTime(date, "yyyy-MM-dd hh:mm")
    }

    Card {
        title: qsTr("Active alerts")
        note: view.alerts.count > 0 ? qsTr("%1 firing").arg(view.alerts.count) : ""
        Layout.fillWidth: true

        Label {
            objectName: "noAlerts"
            visible: view.alerts.count === 0
            text: qsTr("No active alerts")
            color: Theme.mutedText
            Layout.fillWidth: true
        }

        Repeater {
            model: view.alerts
            delegate: RowLayout {
                id: row
                required property int index
                required property string severity
                required property string message
                required property real since
                required property bool acknowledged
                Layout.fillWidth: true
                spacing: Theme.padding

                Rectangle {
                    color: Theme.severityColor(row.severity)
                    radius: width / 2
                    Layout.preferredWidth: Theme.line * 0.3
                    Layout.fillHeight: true
                }
                Label {
                    objectName: "alert" + row.index + "Severity"
                    text: view.severityName(row.severity)
                    color: Theme.severityColor(row.severity)
                    font.bold: true
                    Layout.preferredWidth: Theme.line * 4.5
                }
                Label {
                    objectName: "alert" + row.index + "Message"
                    text: row.message
                    color: Theme.text
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                Label {
                    objectName: "alert" + row.index + "Since"
                    text: qsTr("for %1").arg(Format.duration(Math.max(0, view.now - row.since) / 1000))
                    color: Theme.mutedText
                    Layout.preferredWidth: Theme.line * 6
                }
                Item {
                    implicitWidth: Math.max(acknowledge.implicitWidth, seen.implicitWidth)
                    implicitHeight: Math.max(acknowledge.implicitHeight, seen.implicitHeight)
                    Button {
                        id: acknowledge
                        objectName: "alert" + row.index + "Acknowledge"
                        anchors.right: parent.right
                        visible: !row.acknowledged
                        enabled: view.alerts.canAcknowledge
                        text: qsTr("Acknowledge")
                        onClicked: view.alerts.acknowledge(view.alerts.get(row.index).id)
                        Accessible.name: qsTr("Acknowledge: %1").arg(row.message)
                        // Disabled only for a remote host: say what it takes.
                        ToolTip.visible: !enabled && ackHover.hovered
                        ToolTip.text: Backend.sourceState === "up"
                                      ? qsTr("%1 holds no admin token from here: set fleet/host/%1/token")
                                        .arg(Backend.hostName)
                                      : qsTr("%1 is %2").arg(Backend.hostName).arg(Backend.sourceState)
                        HoverHandler { id: ackHover }
                    }
                    Label {
                        id: seen
                        objectName: "alert" + row.index + "Acknowledged"
                        anchors.right: parent.right
                        anchors.verticalCenter: parent.verticalCenter
                        visible: row.acknowledged
                        text: qsTr("✓ acknowledged")
                        color: Theme.mutedText
                    }
                }
            }
        }
    }

    Card {
        title: qsTr("Recent events")
        note: qsTr("newest first")
        Layout.fillWidth: true
        Layout.fillHeight: true

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.padding
            Repeater {
                // The widths match the rows below, in lines of text.
                model: [[qsTr("Time"), 8], [qsTr("Alert"), 10], [qsTr("Severity"), 4.5],
                        [qsTr("State"), 10], [qsTr("Message"), 0]]
                delegate: Label {
                    required property var modelData
                    text: modelData[0]
                    color: Theme.mutedText
                    font.pointSize: Theme.smallSize
                    font.bold: true
                    elide: Text.ElideRight
                    Layout.preferredWidth: Theme.line * modelData[1]
                    Layout.fillWidth: modelData[1] === 0
                }
            }
        }

        Label {
            objectName: "noEvents"
            visible: view.alerts.log.count === 0
            text: qsTr("No alert events yet")
            color: Theme.mutedText
            Layout.fillWidth: true
        }

        ListView {
            id: log
            objectName: "alertLog"
            model: view.alerts.log
            clip: true
            spacing: Theme.spacing / 4
            boundsBehavior: Flickable.StopAtBounds
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: Theme.line * 4
            ScrollBar.vertical: ScrollBar {}
            // An event that recorded what was running when it fired opens to show it.
            delegate: ColumnLayout {
                id: entry
                required property int index
                required property string rule
                required property string instance
                required property string severity
                required property string state
                required property real ts
                required property bool acknowledged
                required property string message
                required property var topProcesses
                readonly property bool hasTop: (topProcesses.cpu ?? []).length > 0
                                               || (topProcesses.rss ?? []).length > 0
                property bool expanded: false
                width: log.width - Theme.spacing
                spacing: Theme.spacing / 2

                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.padding

                    Label {
                        objectName: "event" + entry.index + "Time"
                        text: view.timeOf(entry.ts)
                        color: Theme.mutedText
                        Layout.preferredWidth: Theme.line * 8
                    }
                    Label {
                        objectName: "event" + entry.index + "Alert"
                        text: entry.instance.length > 0 ? entry.rule + " " + entry.instance : entry.rule
                        color: Theme.text
                        elide: Text.ElideRight
                        Layout.preferredWidth: Theme.line * 10
                    }
                    Label {
                        objectName: "event" + entry.index + "Severity"
                        text: view.severityName(entry.severity)
                        color: Theme.severityColor(entry.severity)
                        Layout.preferredWidth: Theme.line * 4.5
                    }
                    Label {
                        objectName: "event" + entry.index + "State"
                        text: entry.state === "resolved" ? qsTr("resolved")
                              : entry.acknowledged ? qsTr("firing, acknowledged") : qsTr("firing")
                        color: entry.state === "resolved" ? Theme.mutedText : Theme.text
                        elide: Text.ElideRight
                        Layout.preferredWidth: Theme.line * 10
                    }
                    Label {
                        objectName: "event" + entry.index + "Message"
                        text: entry.message
                        color: Theme.text
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                    Button {
                        objectName: "event" + entry.index + "Processes"
                        visible: entry.hasTop
                        text: entry.expanded ? qsTr("▾ processes") : qsTr("▸ processes")
                        flat: true
                        padding: 2
                        font.pointSize: Theme.smallSize
                        onClicked: entry.expanded = !entry.expanded
                        Accessible.name: qsTr("What was running when it fired")
                    }
                }
                ProcessTopColumns {
                    objectName: "event" + entry.index + "Top"
                    visible: entry.expanded && entry.hasTop
                    processes: entry.topProcesses
                    Layout.leftMargin: Theme.line * 8 + Theme.padding
                    Layout.bottomMargin: Theme.spacing
                }
            }
        }
    }
    DeliveryLog { Layout.fillWidth: true }
}
