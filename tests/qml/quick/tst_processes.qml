import QtQuick
import QtTest
import Vantage.Desktop
import VantageTest

// The Processes table sorts by the column whose header is clicked, filters by name, and keeps
// the selected process (by pid) when a tick adds a process that moves every row.
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

        Component { id: processes; ProcessesView { anchors.fill: parent } }

        // The fixture's processes, RSS in 4096-byte pages: 1 init 2000, 7 alpha 500,
        // 42 "worker thread" 8000, 300 Zeta 16000, 1234 firefox 250000.
        function pids() {
            const list = []
            for (let row = 0; row < Backend.processes.rowCount(); ++row)
                list.push(Backend.processes.pidAt(row))
            return list
        }

        // The shown delegate of a cell (TableView keeps unused delegates in a pool, hidden).
        function cell(view, row, column) {
            const table = findChild(view, "processTable")
            const name = "processCell_" + row + "_" + column
            const items = table.contentItem.children
            for (let i = 0; i < items.length; ++i) {
                if (items[i].objectName === name && items[i].visible)
                    return items[i]
            }
            return null
        }

        function init() {
            failOnWarning(/.*/)
            tryVerify(() => Backend.processes.rowCount() === 5, 5000)
            Backend.processes.filterText = ""
            Backend.processes.selectedPid = 0
        }

        function show() {
            const view = createTemporaryObject(processes, root)
            verify(view)
            waitForRendering(view)
            return view
        }

        function test_headerClickSorts() {
            const view = show()
            mouseClick(findChild(view, "processHeader3")) // RSS: largest first
            compare(pids(), [1234, 300, 42, 1, 7])
            tryVerify(() => cell(view, 0, 1)?.display === "firefox")
            verify(findChild(view, "processHeader3").children[0].text.endsWith("▼"))
            mouseClick(findChild(view, "processHeader3")) // again: smallest first
            compare(pids(), [7, 1, 42, 300, 1234])
            mouseClick(findChild(view, "processHeader1")) // names, without case
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
            keyClick(Qt.Key_Backspace)
            keyClick(Qt.Key_Backspace)
            compare(Backend.processes.rowCount(), 5)
        }

        function test_selectionFollowsThePidAcrossRefresh() {
            const view = show()
            mouseClick(findChild(view, "processHeader3")) // RSS, largest first
            if (Backend.processes.sortOrder !== Qt.DescendingOrder)
                mouseClick(findChild(view, "processHeader3"))
            compare(pids(), [1234, 300, 42, 1, 7])
            mouseClick(cell(view, 2, 1)) // worker thread
            compare(Backend.processes.selectedPid, 42)
            compare(Backend.processes.selectedRow, 2)
            verify(cell(view, 2, 1).selected)

            // A new process larger than all: every row moves down by one on the next tick.
            Harness.addProcess(77, "bigger", 500000)
            tryCompare(Backend.processes, "selectedRow", 3, 5000)
            compare(Backend.processes.selectedPid, 42)
            compare(pids(), [77, 1234, 300, 42, 1, 7])
            tryVerify(() => cell(view, 3, 1) && cell(view, 3, 1).display === "worker thread")
            verify(cell(view, 3, 1).selected)
            verify(!cell(view, 2, 1).selected)

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

        // The action menu's confirmation names the process, and the result shows in the dialog:
        // init (pid 1) is refused before any signal is sent, so the test touches no process.
        function test_actionIsConfirmedAndAnswered() {
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
            ignoreWarning(/process action by desktop : SIGSTOP to 1 : refused/)
            mouseClick(confirm)
            tryCompare(findChild(view, "processActionResult"), "text",
                       "process 1 is init and is never signalled or reniced")
            verify(!confirm.enabled)
            dialog.close()
        }
    }
}
