import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Desktop

// The top processes by CPU and by memory: sortable by any column (click its header), filtered
// by name, and the selected process stays selected, by pid, when a tick reorders the rows.
ViewPage {
    id: view
    title: qsTr("Processes")
    hasCharts: false
    scrolls: false

    readonly property var processes: Backend.processes
    readonly property var live: Backend.live

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.padding

        TextField {
            id: filter
            objectName: "processFilter"
            placeholderText: qsTr("Filter by name or pid")
            text: view.processes.filterText
            onTextEdited: view.processes.filterText = text
            Layout.preferredWidth: Theme.line * 16
            Accessible.name: qsTr("Filter processes")
            Keys.onDownPressed: table.forceActiveFocus()
        }
        Label {
            objectName: "processSummary"
            text: qsTr("%1 processes, %2 running, %3 threads")
                  .arg(Format.count(view.live.processCount)).arg(view.live.processRunning)
                  .arg(Format.count(view.live.threadCount))
            color: Theme.mutedText
            Layout.fillWidth: true
            elide: Text.ElideRight
        }
    }

    ColumnLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        spacing: 0

        HorizontalHeaderView {
            id: header
            objectName: "processHeader"
            syncView: table
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.line * 1.8
            clip: true
            delegate: Rectangle {
                id: headerCell
                required property int index
                required property string display
                readonly property bool sorted: view.processes.sortColumn === index
                objectName: "processHeader" + index
                implicitHeight: Theme.line * 1.8
                implicitWidth: headerLabel.implicitWidth + 2 * Theme.spacing
                color: headerTap.pressed ? Theme.selection : Theme.card
                border.color: Theme.border

                Label {
                    id: headerLabel
                    anchors.fill: parent
                    anchors.leftMargin: Theme.spacing
                    anchors.rightMargin: Theme.spacing
                    verticalAlignment: Text.AlignVCenter
                    horizontalAlignment: headerCell.index >= 2 ? Text.AlignRight : Text.AlignLeft
                    text: headerCell.display + (!headerCell.sorted ? ""
                          : view.processes.sortOrder === Qt.AscendingOrder ? "  ▲" : "  ▼")
                    font.bold: true
                    color: Theme.text
                    elide: Text.ElideRight
                }
                TapHandler {
                    id: headerTap
                    onTapped: view.processes.sortBy(headerCell.index)
                }
                Accessible.role: Accessible.ColumnHeader
                Accessible.name: qsTr("Sort by %1").arg(display)
            }
        }

        TableView {
            id: table
            objectName: "processTable"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            focus: true
            model: view.processes
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}
            activeFocusOnTab: true

            // PID and the numbers are narrow; the name takes what is left.
            columnWidthProvider: column => {
                const narrow = [Theme.line * 5, 0, Theme.line * 7, Theme.line * 9]
                if (column !== 1)
                    return narrow[column]
                return Math.max(Theme.line * 10, table.width - narrow[0] - narrow[2] - narrow[3])
            }
            onWidthChanged: forceLayout()

            Keys.onUpPressed: view.processes.moveSelection(-1)
            Keys.onDownPressed: view.processes.moveSelection(1)

            Connections {
                target: view.processes
                function onSelectedRowChanged() {
                    if (view.processes.selectedRow >= 0)
                        table.positionViewAtRow(view.processes.selectedRow, TableView.Contain)
                }
            }

            delegate: Rectangle {
                id: cell
                required property int row
                required property int column
                required property string display
                required property int pid
                readonly property bool selected: pid === view.processes.selectedPid
                objectName: "processCell_" + row + "_" + column
                implicitHeight: Theme.line * 1.6
                color: selected ? Theme.selection : (row % 2 ? Theme.grid : "transparent")

                Label {
                    anchors.fill: parent
                    anchors.leftMargin: Theme.spacing
                    anchors.rightMargin: Theme.spacing
                    verticalAlignment: Text.AlignVCenter
                    horizontalAlignment: cell.column >= 2 ? Text.AlignRight : Text.AlignLeft
                    text: cell.display
                    color: Theme.text
                    font.bold: cell.selected
                    elide: Text.ElideRight
                }
                TapHandler {
                    onTapped: {
                        view.processes.selectRow(cell.row)
                        table.forceActiveFocus()
                    }
                }
            }
        }
    }

    Label {
        objectName: "processSelection"
        Layout.fillWidth: true
        text: view.processes.selectedPid === 0
              ? qsTr("Click a process to select it; ↑ and ↓ move the selection.")
              : view.processes.selectedRow >= 0
                ? qsTr("Selected: pid %1").arg(view.processes.selectedPid)
                : qsTr("Selected: pid %1 (not in the list now)").arg(view.processes.selectedPid)
        color: Theme.mutedText
        font.pointSize: Theme.smallSize
        elide: Text.ElideRight
    }
}
