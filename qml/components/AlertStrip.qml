import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Desktop

// The alerts firing now at a glance, for the top of a view: hidden while nothing fires,
// otherwise the most severe alerts' messages in their colour (the list is sorted most severe
// first; acknowledged ones muted) and how many more there are. A click, Enter or Space asks for
// the Alerts view.
Rectangle {
    id: strip

    // The active alerts; the backend's unless a test hands another list.
    property var alerts: Backend.alerts
    // How many messages are shown before "and N more".
    property int lines: 3
    readonly property color worstColor: alerts.worst === 2 ? Theme.critical : Theme.warning
    // The user asked to see the alerts.
    signal activated()

    visible: alerts.count > 0
    color: Theme.tint(worstColor, 0.12)
    border.color: worstColor
    radius: Theme.radius
    implicitHeight: content.implicitHeight + 2 * Theme.spacing
    activeFocusOnTab: true
    Keys.onReturnPressed: activated()
    Keys.onSpacePressed: activated()
    Accessible.role: Accessible.Button
    Accessible.name: qsTr("%1 active alerts, open the Alerts view").arg(alerts.count)

    MouseArea {
        anchors.fill: parent
        cursorShape: Qt.PointingHandCursor
        onClicked: strip.activated()
    }

    RowLayout {
        id: content
        anchors.fill: parent
        anchors.margins: Theme.spacing
        anchors.leftMargin: Theme.padding
        anchors.rightMargin: Theme.padding
        spacing: Theme.padding

        ColumnLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing / 2

            Repeater {
                model: strip.alerts
                delegate: RowLayout {
                    id: line
                    required property int index
                    required property string severity
                    required property string message
                    required property bool acknowledged
                    visible: index < strip.lines
                    spacing: Theme.spacing
                    Layout.fillWidth: true

                    Rectangle {
                        color: Theme.severityColor(line.severity)
                        implicitWidth: Theme.line * 0.6
                        implicitHeight: implicitWidth
                        radius: implicitWidth / 2
                    }
                    Label {
                        objectName: "stripAlert" + line.index
                        text: line.acknowledged ? qsTr("%1 (acknowledged)").arg(line.message)
                                                : line.message
                        // Seen already: it steps back for the news.
                        color: line.acknowledged ? Theme.mutedText : Theme.text
                        font.bold: line.severity === "critical"
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                }
            }
            Label {
                objectName: "stripMore"
                visible: strip.alerts.count > strip.lines
                text: qsTr("and %1 more").arg(strip.alerts.count - strip.lines)
                color: Theme.mutedText
                Layout.leftMargin: Theme.line * 0.6 + Theme.spacing
            }
        }
        Label {
            text: qsTr("Open alerts ›")
            color: Theme.text
            font.underline: strip.activeFocus
            Layout.alignment: Qt.AlignVCenter
        }
    }
}
