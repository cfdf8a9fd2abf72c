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

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.padding

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
        Button {
            objectName: "processActionsButton"
            text: qsTr("Actions…")
            enabled: view.processes.selectedRow >= 0
            onClicked: actionMenu.popup()
            Accessible.name: qsTr("Actions for the selected process")

            Menu {
                id: actionMenu
                objectName: "processActionMenu"
                Repeater {
                    model: [
                        { label: qsTr("Terminate"), signal: "TERM" },
                        { label: qsTr("Interrupt"), signal: "INT" },
                        { label: qsTr("Hang up"), signal: "HUP" },
                        { label: qsTr("Kill"), signal: "KILL" },
                        { label: qsTr("Stop"), signal: "STOP" },
                        { label: qsTr("Continue"), signal: "CONT" },
                        { label: qsTr("Renice…"), signal: "" }
                    ]
                    delegate: MenuItem {
                        required property var modelData
                        objectName: "processAction_" + (modelData.signal || "renice")
                        text: modelData.label
                        onTriggered: confirm.ask(modelData.signal)
                    }
                }
            }
        }
    }

    // Names the process and the action; the start time is taken as it opens, so a PID reused
    // before the click on Confirm is not touched. The result shows here, in place.
    Dialog {
        id: confirm
        objectName: "processActionDialog"
        property int pid: 0
        property string name: ""
        property string signalName: ""
        property double startTime: -1
        property string outcome: ""
        anchors.centerIn: parent
        modal: true
        title: signalName ? qsTr("Send %1").arg(signalName) : qsTr("Change the nice value")

        function ask(chosen) {
            const row = view.processes.selectedRow
            pid = view.processes.selectedPid
            name = view.processes.data(view.processes.index(row, 1))
            signalName = chosen
            startTime = view.processes.sourceModel.startTime(pid)
            outcome = startTime < 0 ? qsTr("Process %1 is gone.").arg(pid) : ""
            open()
        }

        ColumnLayout {
            spacing: Theme.padding
            Label {
                text: confirm.signalName
                      ? qsTr("Send %1 to %2 (pid %3)?").arg(confirm.signalName).arg(confirm.name).arg(confirm.pid)
                      : qsTr("New nice value of %1 (pid %2), -20 to 19:").arg(confirm.name).arg(confirm.pid)
            }
            SpinBox {
                id: nice
                objectName: "processNice"
                visible: !confirm.signalName
                from: -20
                to: 19
                value: 10
                editable: true
            }
            Label {
                objectName: "processActionResult"
                text: confirm.outcome
                color: Theme.mutedText
                Layout.maximumWidth: Theme.line * 30
                wrapMode: Text.Wrap
            }
        }

        footer: DialogButtonBox {
            Button {
                objectName: "processActionConfirm"
                text: qsTr("Confirm")
                enabled: confirm.startTime >= 0 && confirm.outcome === ""
                DialogButtonBox.buttonRole: DialogButtonBox.ApplyRole
            }
            Button {
                text: qsTr("Close")
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            }
            onApplied: {
                const model = view.processes.sourceModel
                const error = confirm.signalName
                      ? model.signalProcess(confirm.pid, confirm.signalName, confirm.startTime)
                      : model.renice(confirm.pid, nice.value, confirm.startTime)
                confirm.outcome = error || qsTr("Done.")
            }
        }
    }
}
