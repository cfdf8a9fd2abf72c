#include "processfiltermodel.h"

#include "processmodel.h"

#include <algorithm>

ProcessFilterModel::ProcessFilterModel(ProcessModel *source, QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSourceModel(source);
    setSortRole(ProcessModel::SortRole);
    setDynamicSortFilter(true);
    QSortFilterProxyModel::sort(ProcessModel::CpuColumn, Qt::DescendingOrder);
    // Any change of rows may move the selected process to another row.
    connect(this, &QAbstractItemModel::layoutChanged, this, &ProcessFilterModel::findSelectedRow);
    connect(this, &QAbstractItemModel::modelReset, this, &ProcessFilterModel::findSelectedRow);
    connect(this, &QAbstractItemModel::rowsInserted, this, &ProcessFilterModel::findSelectedRow);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &ProcessFilterModel::findSelectedRow);
}

void ProcessFilterModel::setFilterText(const QString &text)
{
    if (text == m_filterText)
        return;
    m_filterText = text;
    invalidateRowsFilter();
    emit filterTextChanged();
}

void ProcessFilterModel::setSelectedPid(int pid)
{
    if (pid == m_selectedPid)
        return;
    m_selectedPid = pid;
    emit selectedPidChanged();
    findSelectedRow();
}

void ProcessFilterModel::sortBy(int column)
{
    if (column < 0 || column >= ProcessModel::ColumnCount)
        return;
    const bool numeric = column == ProcessModel::CpuColumn || column == ProcessModel::RssColumn;
    Qt::SortOrder order = numeric ? Qt::DescendingOrder : Qt::AscendingOrder;
    if (column == sortColumn())
        order = sortOrder() == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder;
    sort(column, order);
    emit sortChanged();
}

int ProcessFilterModel::pidAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return 0;
    return data(index(row, 0), ProcessModel::PidRole).toInt();
}

void ProcessFilterModel::selectRow(int row)
{
    setSelectedPid(pidAt(row));
}

void ProcessFilterModel::moveSelection(int delta)
{
    if (rowCount() == 0)
        return;
    const int from = m_selectedRow < 0 ? (delta > 0 ? -1 : rowCount()) : m_selectedRow;
    selectRow(std::clamp(from + delta, 0, rowCount() - 1));
}

bool ProcessFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_filterText.isEmpty())
        return true;
    const QAbstractItemModel *model = sourceModel();
    const QString name =
        model->index(sourceRow, ProcessModel::NameColumn, sourceParent).data().toString();
    const QString pid =
        model->index(sourceRow, ProcessModel::PidColumn, sourceParent).data().toString();
    return name.contains(m_filterText, Qt::CaseInsensitive) || pid.startsWith(m_filterText);
}

// Names compare without case, numbers as numbers; ties go by pid so equal rows do not swap
// places from one tick to the next.
bool ProcessFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(ProcessModel::SortRole);
    const QVariant b = right.data(ProcessModel::SortRole);
    if (left.column() == ProcessModel::NameColumn) {
        const int order = a.toString().compare(b.toString(), Qt::CaseInsensitive);
        if (order != 0)
            return order < 0;
    } else if (a.toDouble() != b.toDouble()) {
        return a.toDouble() < b.toDouble();
    }
    return left.data(ProcessModel::PidRole).toInt() < right.data(ProcessModel::PidRole).toInt();
}

void ProcessFilterModel::findSelectedRow()
{
    int row = -1;
    for (int i = 0; m_selectedPid != 0 && i < rowCount(); ++i) {
        if (pidAt(i) == m_selectedPid) {
            row = i;
            break;
        }
    }
    if (row == m_selectedRow)
        return;
    m_selectedRow = row;
    emit selectedRowChanged();
}
