import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Charts
import Vantage.Desktop

// The systemd units, slices, sessions and containers of the machine (its cgroups): sortable by
// any column (click its header; the Kind column groups them), filtered by name, path or
// runtime, and the selected one's CPU and memory history below, kept by cgroup path when a tick
// reorders the rows. A machine without a cgroup fs says so instead.
ViewPage {
    id: view
    title: qsTr("Services")
    scrolls: false

    readonly property var services: Backend.services
    readonly property var serviceList: Backend.serviceList
    // The cgroup path of the selected row; "" when none is.
    property string selectedPath: ""
    property int sortColumn: ServicesModel.CpuColumn
    property int sortOrder: Qt.DescendingOrder

    // The same column again flips the order; a new one starts with the largest numbers, the
    // names from A and the kinds in the web view's order.
    function sortBy(column) {
        if (column === sortColumn)
            sortOrder = sortOrder === Qt.AscendingOrder ? Qt.DescendingOrder : Qt.AscendingOrder
        else
            sortOrder = column >= ServicesModel.CpuColumn ? Qt.DescendingOrder : Qt.AscendingOrder
        sortColumn = column
        services.sort(sortColumn, sortOrder)
    }

    function rowOfSelection() {
        for (let row = 0; row < services.rowCount(); ++row) {
            if (services.data(services.index(row, 0), ServicesModel.PathRole) === selectedPath)
                return row
        }
        return -1
    }

    function moveSelection(delta) {
        const count = services.rowCount()
        if (count === 0)
            return
        const row = Math.max(0, Math.min(count - 1, rowOfSelection() + delta))
        selectedPath = services.data(services.index(row, 0), ServicesModel.PathRole)
        table.positionViewAtRow(row, TableView.Contain)
    }

    // The proxy outlives the view: a view shown again starts from the order and filter it shows.
    Component.onCompleted: {
        services.setFilterFixedString("")
        services.sort(sortColumn, sortOrder)
    }

    Label {
        objectName: "servicesUnavailable"
        visible: !view.serviceList.available
        text: qsTr("This machine reports no cgroups: there are no services or containers to show.")
        color: Theme.mutedText
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    RowLayout {
        visible: view.serviceList.available
        Layout.fillWidth: true
        spacing: Theme.padding

        TextField {
            id: filter
            objectName: "servicesFilter"
            placeholderText: qsTr("Filter by name, path or runtime")
            onTextEdited: view.services.setFilterFixedString(text)
            Layout.preferredWidth: Theme.line * 16
            Accessible.name: qsTr("Filter services")
            Keys.onDownPressed: table.forceActiveFocus()
        }
        Label {
            objectName: "servicesSummary"
            text: {
                Backend.live.seq // a tick that adds, removes or hides rows
                filter.text // a filter that hides some
                return qsTr("%1 of %2").arg(view.services.rowCount()).arg(view.serviceList.count)
            }
            color: Theme.mutedText
            Layout.fillWidth: true
            elide: Text.ElideRight
        }
    }

    ColumnLayout {
        visible: view.serviceList.available
        Layout.fillWidth: true
        Layout.fillHeight: true
        spacing: 0

        HorizontalHeaderView {
            id: header
            objectName: "servicesHeader"
            syncView: table
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.line * 1.8
            clip: true
            delegate: Rectangle {
                id: headerCell
                required property int index
                required property string display
                readonly property bool sorted: view.sortColumn === index
                objectName: "servicesHeader" + index
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
                    horizontalAlignment: headerCell.index >= ServicesModel.CpuColumn ? Text.AlignRight
                                                                                     : Text.AlignLeft
                    text: headerCell.display + (!headerCell.sorted ? ""
                          : view.sortOrder === Qt.AscendingOrder ? "  ▲" : "  ▼")
                    font.bold: true
                    color: Theme.text
                    elide: Text.ElideRight
                }
                TapHandler {
                    id: headerTap
                    onTapped: view.sortBy(headerCell.index)
                }
                Accessible.role: Accessible.ColumnHeader
                Accessible.name: qsTr("Sort by %1").arg(display)
            }
        }

        TableView {
            id: table
            objectName: "servicesTable"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: Theme.line * 8
            clip: true
            focus: true
            model: view.services
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}
            activeFocusOnTab: true

            // The numbers are narrow; the name takes what is left.
            columnWidthProvider: column => {
                const widths = [0, Theme.line * 11, Theme.line * 5, Theme.line * 6, Theme.line * 6,
                                Theme.line * 6, Theme.line * 4]
                if (column !== 0)
                    return widths[column]
                const rest = widths.reduce((sum, width) => sum + width, 0)
                return Math.max(Theme.line * 10, table.width - rest)
            }
            onWidthChanged: forceLayout()

            Keys.onUpPressed: view.moveSelection(-1)
            Keys.onDownPressed: view.moveSelection(1)

            delegate: Rectangle {
                id: cell
                required property int row
                required property int column
                required property string display
                required property string path
                readonly property bool selected: path === view.selectedPath
                objectName: "servicesCell_" + row + "_" + column
                implicitHeight: Theme.line * 1.6
                color: selected ? Theme.selection : (row % 2 ? Theme.grid : "transparent")

                Label {
                    anchors.fill: parent
                    anchors.leftMargin: Theme.spacing
                    anchors.rightMargin: Theme.spacing
                    verticalAlignment: Text.AlignVCenter
                    horizontalAlignment: cell.column >= ServicesModel.CpuColumn ? Text.AlignRight
                                                                                : Text.AlignLeft
                    text: cell.display
                    color: Theme.text
                    font.bold: cell.selected
                    elide: Text.ElideRight
                }
                TapHandler {
                    onTapped: {
                        view.selectedPath = cell.path
                        table.forceActiveFocus()
                    }
                }
            }
        }
    }

    Label {
        objectName: "servicesSelection"
        visible: view.serviceList.available && view.selectedPath.length === 0
        text: qsTr("Click a row to see its CPU and memory over time; ↑ and ↓ move the selection.")
        color: Theme.mutedText
        font.pointSize: Theme.smallSize
        Layout.fillWidth: true
        elide: Text.ElideRight
    }

    // The selected group's series in the history (cgroups[<path>].cpu and .memory).
    RowLayout {
        visible: view.serviceList.available && view.selectedPath.length > 0
        Layout.fillWidth: true
        Layout.preferredHeight: Theme.line * 13
        spacing: Theme.padding

        MetricChart {
            objectName: "serviceCpuChart"
            title: qsTr("CPU of %1").arg(view.selectedPath)
            Layout.fillWidth: true
            Layout.fillHeight: true
            seriesNames: view.selectedPath ? ["cgroups[" + view.selectedPath + "].cpu"] : []
            seriesLabels: [qsTr("CPU")]
            unit: HistoryFeed.Percent
            windowSeconds: view.windowSeconds
        }
        MetricChart {
            objectName: "serviceMemoryChart"
            title: qsTr("Memory of %1").arg(view.selectedPath)
            Layout.fillWidth: true
            Layout.fillHeight: true
            seriesNames: view.selectedPath ? ["cgroups[" + view.selectedPath + "].memory"] : []
            seriesLabels: [qsTr("memory")]
            unit: HistoryFeed.Bytes
            windowSeconds: view.windowSeconds
        }
    }
}
