import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Desktop

// Every process, while this view is shown and the window is not minimized: the core scans the
// whole list only then (Backend.watchProcesses). A virtualized table sorted by any column (click
// its header), filtered by text, user and state, flat or as a tree by parent; the selected
// process (kept by pid across ticks) in a detail panel at the right, or below on a narrow
// window. Keys: ↑ ↓ move the selection, Enter opens the panel, Delete asks to send TERM, Ctrl+F
// goes to the filter.
ViewPage {
    id: view
    objectName: "processesView"
    title: qsTr("Processes")
    hasCharts: false
    scrolls: false

    readonly property var processes: Backend.processes
    readonly property var live: Backend.live
    readonly property bool watching: visible && Window.window !== null
                                     && Window.window.visibility !== Window.Minimized
                                     && Window.window.visibility !== Window.Hidden
    // The details of the selected process are shown.
    property bool panelOpen: false
    readonly property bool narrow: width < Theme.line * 60

    onWatchingChanged: Backend.watchProcesses(view, watching)
    Component.onCompleted: Backend.watchProcesses(view, watching)
    Component.onDestruction: Backend.watchProcesses(view, false)

    // Shortcut items do not fire in this compiled file (see ViewShortcuts.qml): the keys that
    // reach the view while any of its items has the focus are handled here.
    Keys.onPressed: event => {
        if (event.key === Qt.Key_F && (event.modifiers & Qt.ControlModifier)) {
            filter.forceActiveFocus()
            filter.selectAll()
            event.accepted = true
        }
    }

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.padding

        TextField {
            id: filter
            objectName: "processFilter"
            placeholderText: qsTr("Filter (Ctrl+F)")
            text: view.processes.filterText
            onTextEdited: view.processes.filterText = text
            Layout.preferredWidth: Theme.line * 16
            Accessible.name: qsTr("Filter processes")
            Keys.onDownPressed: table.forceActiveFocus()
        }
        ComboBox {
            id: userChoice
            objectName: "processUserFilter"
            model: [qsTr("All users")].concat(view.processes.users)
            currentIndex: Math.max(0, view.processes.users.indexOf(view.processes.filterUser) + 1)
            onActivated: index => view.processes.filterUser = index === 0 ? "" : view.processes.users[index - 1]
            Layout.preferredWidth: Theme.line * 8
            Accessible.name: qsTr("Only the processes of a user")
        }
        ComboBox {
            id: stateChoice
            objectName: "processStateFilter"
            model: [qsTr("All states")].concat(view.processes.states)
            currentIndex: Math.max(0, view.processes.states.indexOf(view.processes.filterState) + 1)
            onActivated: index => view.processes.filterState = index === 0 ? "" : view.processes.states[index - 1]
            Layout.preferredWidth: Theme.line * 7
            Accessible.name: qsTr("Only the processes in a state")
        }
        Switch {
            objectName: "processTreeMode"
            text: qsTr("Tree")
            checked: view.processes.treeMode
            onToggled: view.processes.treeMode = checked
            Accessible.name: qsTr("Show processes under their parent")
        }
        Label {
            objectName: "processSummary"
            text: qsTr("%1 shown of %2 processes, %3 running, %4 threads")
                  .arg(Format.count(view.processes.count)).arg(Format.count(view.live.processCount))
                  .arg(view.live.processRunning).arg(Format.count(view.live.threadCount))
            color: Theme.mutedText
            Layout.fillWidth: true
            elide: Text.ElideRight
        }
    }

    GridLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        columns: view.narrow ? 1 : 2
        columnSpacing: Theme.padding
        rowSpacing: Theme.padding

        ProcessTable {
            id: table
            processes: view.processes
            Layout.fillWidth: true
            Layout.fillHeight: true
            onOpenRequested: view.panelOpen = true
            onActionsRequested: actionMenu.popup()
            onTerminateRequested: confirm.ask("TERM")
        }

        ProcessDetail {
            id: detail
            objectName: "processDetail"
            processes: view.processes
            visible: view.panelOpen && view.processes.selectedPid !== 0
            // As tall as what it shows, at the top: stretched to the table's height it was
            // mostly empty on a large window.
            Layout.fillWidth: view.narrow
            Layout.fillHeight: true
            Layout.maximumHeight: view.narrow ? Theme.line * 16 : detail.contentHeight
            Layout.alignment: Qt.AlignTop
            Layout.preferredWidth: Theme.line * 22
            onActionsRequested: actionMenu.popup()
            onCloseRequested: view.panelOpen = false
        }
    }

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.padding

        Label {
            objectName: "processSelection"
            Layout.fillWidth: true
            text: view.processes.selectedPid === 0
                  ? qsTr("Click a process to select it; ↑ and ↓ move the selection, Enter shows it, Delete ends it.")
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
        }
    }

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
            pid = view.processes.selectedPid
            if (pid === 0)
                return
            const model = view.processes.processModel
            name = model.valueOf(pid, "name") ?? ""
            signalName = chosen
            startTime = model.startTime(pid)
            outcome = startTime < 0 ? qsTr("Process %1 is gone.").arg(pid) : ""
            open()
        }

        // Every outcome comes this way: at once on this machine, when the host answers for a
        // remote one.
        Connections {
            target: view.processes.processModel
            function onActionAnswered(pid, outcome) {
                if (pid === confirm.pid)
                    confirm.outcome = outcome || qsTr("Done.")
            }
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
                const model = view.processes.processModel
                confirm.outcome = qsTr("Asking…")
                if (confirm.signalName)
                    model.signalProcess(confirm.pid, confirm.signalName, confirm.startTime)
                else
                    model.renice(confirm.pid, nice.value, confirm.startTime)
            }
        }
    }
}
