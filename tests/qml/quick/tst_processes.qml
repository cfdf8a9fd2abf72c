import QtQuick
import QtTest
import Vantage.Desktop
import VantageTest

// The Processes view: the list is watched only while the view exists; the table sorts by the
// column whose header is clicked, filters by name, and keeps the selected process (by pid) when
// a tick adds a process that moves every row; a tree by parent with collapse; the detail panel;
// the keys.
// TestCase itself is invisible: the items under test live in this visible root.
Rectangle {
    id: root
    width: 1280
    height: 800
    color: "white"

    TestCase {
        id: test
        name: "Processes"
        when: windowShown
        // 16 to 256 printable characters: a token the schema accepts.
        readonly property string token: "processes-test-token-0123456789"

        Component { id: processes; ProcessesView { anchors.fill: parent } }

        // The fixture's processes, RSS in 4096-byte pages: 1 init 2000, 7 alpha 500,
        // 42 "worker thread" 8000, 300 Zeta 16000, 1234 firefox 250000.
        function pids() {
            const list = []
            for (let row = 0; row < Backend.processes.rowCount(); ++row)
                list.push(Backend.processes.pidAt(row))
            return list
        }

        // The delegate that shows a cell, null when none does.
        function cell(view, row, column) {
            return findChild(view, "processTable").itemAtCell(Qt.point(column, row))
        }

        // The delegates on screen (TableView keeps unused ones in a pool, hidden).
        function shownCells(view) {
            const items = findChild(view, "processTable").contentItem.children
            const shown = []
            for (let i = 0; i < items.length; ++i) {
                if (items[i].objectName.startsWith("processCell_") && items[i].visible)
                    shown.push(items[i])
            }
            return shown
        }

        function init() {
            failOnWarning(/.*/)
            Backend.processes.filterText = ""
            Backend.processes.filterUser = ""
            Backend.processes.filterState = ""
            Backend.processes.treeMode = false
            Backend.processes.selectedPid = 0
        }

        function show() {
            const view = createTemporaryObject(processes, root)
            verify(view)
            tryVerify(() => Backend.processes.rowCount() === 5, 5000)
            waitForRendering(view)
            return view
        }

        // The core scans every process only while a Processes view exists; without one the
        // list is empty.
        function test_watchedOnlyWhileShown() {
            tryVerify(() => !Backend.processesWatched)
            compare(Backend.processes.rowCount(), 0)
            const view = show()
            verify(Backend.processesWatched)
            view.destroy()
            tryVerify(() => !Backend.processesWatched)
            compare(Backend.processes.rowCount(), 0)
        }

        function test_headerClickSorts() {
            const view = show()
            mouseClick(findChild(view, "processHeader5")) // RSS: largest first
            compare(pids(), [1234, 300, 42, 1, 7])
            tryVerify(() => cell(view, 0, 2)?.display === "firefox")
            verify(findChild(view, "processHeader5").children[0].text.endsWith("▼"))
            mouseClick(findChild(view, "processHeader5")) // again: smallest first
            compare(pids(), [7, 1, 42, 300, 1234])
            mouseClick(findChild(view, "processHeader2")) // names, without case
            compare(pids(), [7, 1234, 1, 42, 300]) // alpha, firefox, init, worker thread, Zeta
            mouseClick(findChild(view, "processHeader0")) // pids, smallest first
            compare(pids(), [1, 7, 42, 300, 1234])
            tryVerify(() => cell(view, 0, 0)?.display === "1")
        }

        function test_filterByName() {
            const view = show()
            const filter = findChild(view, "processFilter")
            filter.forceActiveFocus()
            keyClick(Qt.Key_Z)
            keyClick(Qt.Key_E)
            compare(Backend.processes.filterText, "ze")
            compare(pids(), [300])
            tryVerify(() => cell(view, 0, 2)?.display === "Zeta")
            // The delegates of the rows filtered out are pooled, not left on screen.
            tryVerify(() => shownCells(view).length === 14)
            keyClick(Qt.Key_Backspace)
            keyClick(Qt.Key_Backspace)
            compare(Backend.processes.rowCount(), 5)
        }

        function test_selectionFollowsThePidAcrossRefresh() {
            const view = show()
            mouseClick(findChild(view, "processHeader5")) // RSS, largest first
            if (Backend.processes.sortOrder !== Qt.DescendingOrder)
                mouseClick(findChild(view, "processHeader5"))
            compare(pids(), [1234, 300, 42, 1, 7])
            mouseClick(cell(view, 2, 2)) // worker thread
            compare(Backend.processes.selectedPid, 42)
            compare(Backend.processes.selectedRow, 2)
            verify(cell(view, 2, 2).selected)

            // A new process larger than all: every row moves down by one on the next tick.
            Harness.addProcess(77, "bigger", 500000)
            tryCompare(Backend.processes, "selectedRow", 3, 5000)
            compare(Backend.processes.selectedPid, 42)
            compare(pids(), [77, 1234, 300, 42, 1, 7])
            tryVerify(() => cell(view, 3, 2) && cell(view, 3, 2).display === "worker thread")
            verify(cell(view, 3, 2).selected)
            verify(!cell(view, 2, 2).selected)

            // It exits: the rows move back, the selection stays on 42.
            Harness.removeProcess(77)
            tryCompare(Backend.processes, "selectedRow", 2, 5000)
            compare(Backend.processes.selectedPid, 42)
        }

        function test_keyboardMovesTheSelection() {
            const view = show()
            mouseClick(findChild(view, "processHeader0")) // pids ascending
            if (Backend.processes.sortOrder !== Qt.AscendingOrder)
                mouseClick(findChild(view, "processHeader0"))
            const table = findChild(view, "processTable")
            table.forceActiveFocus()
            keyClick(Qt.Key_Down)
            compare(Backend.processes.selectedPid, 1)
            keyClick(Qt.Key_Down)
            keyClick(Qt.Key_Down)
            compare(Backend.processes.selectedPid, 42)
            keyClick(Qt.Key_Up)
            compare(Backend.processes.selectedPid, 7)
        }

        // A remote host makes an action only for its admin, and only with process control on.
        function allowRemoteActions() {
            compare(Harness.applySettings({ "server/allowProcessControl": true }), "")
            const connections = Harness.connections
            compare(Backend.settings.apply("server/token", test.token), "")
            tryVerify(() => Harness.connections > connections && Harness.clientReady, 5000)
            tryVerify(() => Backend.alerts.canAcknowledge, 5000, "the remote source is admin there")
        }

        function cleanup() {
            if (Backend.settings.values["server/token"] === "")
                return
            compare(Harness.applySettings({ "server/allowProcessControl": false }), "")
            const connections = Harness.connections
            compare(Backend.settings.apply("server/token", ""), "")
            tryVerify(() => Harness.connections > connections && Harness.clientReady, 5000)
        }

        // The action menu's confirmation names the process, and the result shows in the dialog:
        // init (pid 1) is refused before any signal is sent, so the test touches no process.
        function test_actionIsConfirmedAndAnswered() {
            if (Harness.remote)
                allowRemoteActions()
            const view = show()
            const button = findChild(view, "processActionsButton")
            verify(!button.enabled) // nothing selected
            Backend.processes.selectedPid = 1
            tryVerify(() => button.enabled)
            mouseClick(button)
            const menu = findChild(view, "processActionMenu")
            tryVerify(() => menu.opened)
            const stop = findChild(menu.contentItem, "processAction_STOP")
            verify(stop)
            stop.triggered()
            const dialog = findChild(view, "processActionDialog")
            tryVerify(() => dialog.opened)
            compare(dialog.title, "Send STOP")
            verify(findChild(view, "processActionResult").text === "")
            const confirm = findChild(view, "processActionConfirm")
            verify(confirm.enabled)
            // A remote host's actions are made there, as asked by the remote source's address.
            ignoreWarning(Harness.remote ? /process action by 127\.0\.0\.1 : SIGSTOP to 1 : refused/
                                         : /process action by desktop : SIGSTOP to 1 : refused/)
            mouseClick(confirm)
            tryCompare(findChild(view, "processActionResult"), "text",
                       "process 1 is init and is never signalled or reniced")
            verify(!confirm.enabled)
            dialog.close()
        }

        // A click opens the selected process in the panel: its name and pid, every field (the
        // fixture has no command line: the unknown sign), and "ended" once it exits.
        function test_detailPanelFollowsTheSelection() {
            const view = show()
            const panel = findChild(view, "processDetail")
            verify(!panel.visible)
            Harness.addProcess(77, "short lived", 100)
            tryVerify(() => Backend.processes.rowCount() === 6, 5000)
            Backend.processes.filterText = "short"
            tryVerify(() => cell(view, 0, 2)?.display === "short lived")
            mouseClick(cell(view, 0, 2))
            compare(Backend.processes.selectedPid, 77)
            tryVerify(() => panel.visible)
            compare(findChild(view, "processDetailTitle").text, "short lived (pid 77)")
            compare(findChild(view, "processCommandLine").text, "—")
            verify(!findChild(view, "processEnded").visible)
            Harness.removeProcess(77)
            tryVerify(() => findChild(view, "processEnded").visible, 5000)
            compare(findChild(view, "processDetailTitle").text, "short lived (pid 77)")
        }

        // Every fixture process is a child of init (pid 1): in tree mode they sit under it,
        // indented, and collapsing init leaves it alone.
        function test_treeModeNestsAndCollapses() {
            const view = show()
            mouseClick(findChild(view, "processTreeMode"))
            verify(Backend.processes.treeMode)
            mouseClick(findChild(view, "processHeader0")) // pids, smallest first
            if (Backend.processes.sortOrder !== Qt.AscendingOrder)
                mouseClick(findChild(view, "processHeader0"))
            compare(pids(), [1, 7, 42, 300, 1234])
            tryVerify(() => cell(view, 1, 2)?.depth === 1)
            compare(cell(view, 0, 2).depth, 0)
            verify(cell(view, 0, 2).hasChildren)
            Backend.processes.toggleExpanded(1)
            compare(pids(), [1])
            Backend.processes.toggleExpanded(1)
            compare(pids(), [1, 7, 42, 300, 1234])
        }

        // Ctrl+F goes to the filter, Enter opens the panel of the selected row, Delete asks to
        // send TERM to it.
        function test_keys() {
            const view = show()
            mouseClick(findChild(view, "processHeader0"))
            if (Backend.processes.sortOrder !== Qt.AscendingOrder)
                mouseClick(findChild(view, "processHeader0"))
            const table = findChild(view, "processTable")
            table.forceActiveFocus()
            keyClick(Qt.Key_F, Qt.ControlModifier)
            verify(findChild(view, "processFilter").activeFocus)
            table.forceActiveFocus()
            keyClick(Qt.Key_Down)
            compare(Backend.processes.selectedPid, 1)
            const panel = findChild(view, "processDetail")
            verify(!panel.visible)
            keyClick(Qt.Key_Return)
            verify(panel.visible)
            keyClick(Qt.Key_Delete)
            const dialog = findChild(view, "processActionDialog")
            tryVerify(() => dialog.opened)
            compare(dialog.title, "Send TERM")
            dialog.close()
        }
    }
}
