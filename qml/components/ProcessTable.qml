import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Desktop

// The process table: a header that sorts by the clicked column (an arrow shows the order) over a
// TableView, which creates delegates only for the cells in sight, so 5,000 rows cost what 40
// do. In tree mode the name is indented by depth, with an arrow that collapses the children.
ColumnLayout {
    id: table

    // The ProcessFilterModel shown.
    required property var processes
    // The selected row was asked to show its details (Enter, a double click).
    signal openRequested()
    // The row's context menu was asked for (a right click).
    signal actionsRequested()
    // Delete was pressed on the selected row.
    signal terminateRequested()

    spacing: 0

    // Widths in lines of text, by ProcessModel column; the command line takes what is left.
    readonly property var widths: [5, 7, 12, 4, 5.5, 6.5, 5.5, 5.5, 6.5, 5, 4, 5, 6.5, 6.5, 10, 0]
    // Columns of numbers, aligned to the right.
    readonly property var numeric: [true, false, false, false, true, true, true, true, true, true,
                                    true, true, true, true, false, false]
    // The GPU columns (GPU %, GPU mem) only once some process has used a GPU (ProcessModel).
    readonly property bool gpuShown: processes.processModel.usesGpu
    onGpuShownChanged: grid.forceLayout()

    function forceActiveFocus() { grid.forceActiveFocus() }

    // The width of a column in pixels: the command line takes what the others leave.
    function columnWidth(column) {
        if (isGpuColumn(column) && !gpuShown)
            return 0 // hidden
        const width = widths[column]
        if (width > 0)
            return Theme.line * width
        let used = 0
        for (let each = 0; each < widths.length; ++each) {
            if (gpuShown || !isGpuColumn(each))
                used += Theme.line * widths[each]
        }
        return Math.max(Theme.line * 20, grid.width - used)
    }

    function isGpuColumn(column) {
        return column === ProcessModel.GpuColumn || column === ProcessModel.GpuMemoryColumn
    }

    // A row of its own, not a HorizontalHeaderView: Qt 6.4's header proxy model crashed when a
    // view was made while the rows of the one before were being dropped. It scrolls with the
    // table and takes the column titles from the model.
    Item {
        id: header
        objectName: "processHeader"
        Layout.fillWidth: true
        Layout.preferredHeight: Theme.line * 1.8
        clip: true

        Row {
            x: -grid.contentX
            height: parent.height
            Repeater {
                model: table.widths.length
                delegate: Rectangle {
                    id: headerCell
                    required property int index
                    readonly property string display: table.processes.headerData(index, Qt.Horizontal)
                    readonly property bool sorted: table.processes.sortColumn === index
                    objectName: "processHeader" + index
                    visible: width > 0
                    width: {
                        grid.width // the command line's width follows the table's
                        table.gpuShown
                        return table.columnWidth(index)
                    }
                    height: parent.height
                    color: headerTap.pressed ? Theme.selection : Theme.card
                    border.color: Theme.border

                    Label {
                        id: headerLabel
                        anchors.fill: parent
                        anchors.leftMargin: Theme.spacing
                        anchors.rightMargin: Theme.spacing
                        verticalAlignment: Text.AlignVCenter
                        horizontalAlignment: table.numeric[headerCell.index] ? Text.AlignRight : Text.AlignLeft
                        text: headerCell.display + (!headerCell.sorted ? ""
                              : table.processes.sortOrder === Qt.AscendingOrder ? " ▲" : " ▼")
                        font.bold: true
                        color: Theme.text
                        elide: Text.ElideRight
                    }
                    TapHandler {
                        id: headerTap
                        onTapped: table.processes.sortBy(headerCell.index)
                    }
                    Accessible.role: Accessible.ColumnHeader
                    Accessible.name: qsTr("Sort by %1").arg(display)
                }
            }
        }
    }

    TableView {
        id: grid
        objectName: "processTable"
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        focus: true
        model: table.processes
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}
        ScrollBar.horizontal: ScrollBar {}
        activeFocusOnTab: true

        columnWidthProvider: column => table.columnWidth(column)
        onWidthChanged: forceLayout()

        Keys.onUpPressed: table.processes.moveSelection(-1)
        Keys.onDownPressed: table.processes.moveSelection(1)
        Keys.onReturnPressed: table.openRequested()
        Keys.onEnterPressed: table.openRequested()
        Keys.onDeletePressed: {
            if (table.processes.selectedRow >= 0)
                table.terminateRequested()
        }

        Connections {
            target: table.processes
            function onSelectedRowChanged() {
                if (table.processes.selectedRow >= 0)
                    grid.positionViewAtRow(table.processes.selectedRow, TableView.Contain)
            }
        }

        delegate: Rectangle {
            id: cell
            required property int row
            required property int column
            required property string display
            required property int pid
            required property int depth
            required property bool hasChildren
            required property bool expanded
            readonly property bool selected: pid === table.processes.selectedPid
            readonly property bool treeName: column === 2 && table.processes.treeMode
            objectName: "processCell_" + row + "_" + column
            implicitHeight: Theme.line * 1.6
            // Qt 6.4 leaves a pooled delegate visible where its row was: after a filter took
            // rows away, their old cells stayed on screen.
            TableView.onPooled: visible = false
            TableView.onReused: visible = true
            color: selected ? Theme.selection : (row % 2 ? Theme.grid : "transparent")

            Label {
                id: arrow
                visible: cell.treeName && cell.hasChildren
                x: Theme.spacing + cell.depth * Theme.line
                anchors.verticalCenter: parent.verticalCenter
                text: cell.expanded ? "▾" : "▸"
                color: Theme.mutedText
                TapHandler {
                    onTapped: table.processes.toggleExpanded(cell.pid)
                }
                Accessible.role: Accessible.Button
                Accessible.name: cell.expanded ? qsTr("Collapse") : qsTr("Expand")
            }
            Label {
                anchors.fill: parent
                anchors.leftMargin: Theme.spacing + (cell.treeName ? (cell.depth + 1) * Theme.line : 0)
                anchors.rightMargin: Theme.spacing
                verticalAlignment: Text.AlignVCenter
                horizontalAlignment: table.numeric[cell.column] ? Text.AlignRight : Text.AlignLeft
                text: cell.display
                color: Theme.text
                font.bold: cell.selected
                elide: Text.ElideRight
            }
            TapHandler {
                acceptedButtons: Qt.LeftButton | Qt.RightButton
                onTapped: (point, button) => {
                    table.processes.selectRow(cell.row)
                    grid.forceActiveFocus()
                    if (button === Qt.RightButton)
                        table.actionsRequested()
                    else
                        table.openRequested()
                }
            }
        }
    }
}
