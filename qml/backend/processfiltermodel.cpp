#include "processfiltermodel.h"

#include "processmodel.h"

#include <algorithm>

namespace {

// Deeper than any real process tree: a guard against a ppid loop in a torn read.
constexpr int MaxDepth = 256;

bool startsLargest(int column)
{
    switch (column) {
    case ProcessModel::CpuColumn:
    case ProcessModel::RssColumn:
    case ProcessModel::MemoryColumn:
    case ProcessModel::ThreadsColumn:
    case ProcessModel::ReadColumn:
    case ProcessModel::WriteColumn:
    case ProcessModel::GpuColumn:
    case ProcessModel::GpuMemoryColumn:
        return true;
    }
    return false;
}

} // namespace

ProcessFilterModel::ProcessFilterModel(ProcessModel *source, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_source(source)
{
    setSourceModel(source);
    setSortRole(ProcessModel::SortRole);
    setDynamicSortFilter(true);
    QSortFilterProxyModel::sort(ProcessModel::CpuColumn, Qt::DescendingOrder);
    connect(source, &ProcessModel::updated, this, &ProcessFilterModel::onSourceUpdated);
    // Any change of rows may move the selected process to another row.
    connect(this, &QAbstractItemModel::layoutChanged, this, &ProcessFilterModel::findSelectedRow);
    connect(this, &QAbstractItemModel::modelReset, this, &ProcessFilterModel::findSelectedRow);
    connect(this, &QAbstractItemModel::rowsInserted, this, &ProcessFilterModel::findSelectedRow);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &ProcessFilterModel::findSelectedRow);
    connect(this, &QAbstractItemModel::rowsInserted, this, &ProcessFilterModel::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &ProcessFilterModel::countChanged);
    connect(this, &QAbstractItemModel::layoutChanged, this, &ProcessFilterModel::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &ProcessFilterModel::countChanged);
}

void ProcessFilterModel::setFilterText(const QString &text)
{
    if (text == m_filterText)
        return;
    m_filterText = text;
    refilter();
    emit filterTextChanged();
}

void ProcessFilterModel::setFilterUser(const QString &user)
{
    if (user == m_filterUser)
        return;
    m_filterUser = user;
    refilter();
    emit filterUserChanged();
}

void ProcessFilterModel::setFilterState(const QString &state)
{
    if (state == m_filterState)
        return;
    m_filterState = state;
    refilter();
    emit filterStateChanged();
}

void ProcessFilterModel::setTreeMode(bool tree)
{
    if (tree == m_treeMode)
        return;
    m_treeMode = tree;
    m_keptValid = false;
    invalidate();
    emit treeModeChanged();
}

void ProcessFilterModel::refilter()
{
    m_keptValid = false;
    invalidateRowsFilter();
}

// The tree is sorted and filtered again as a whole: a process whose parent moved or whose
// descendant now matches changed nothing of its own. The offered users and states follow the
// list.
void ProcessFilterModel::onSourceUpdated()
{
    if (m_treeMode) {
        m_keptValid = false;
        invalidate();
    }
    QSet<QString> users;
    QSet<QString> states;
    for (int row = 0; row < m_source->rowCount(); ++row) {
        const QVariant user =
            m_source->index(row, ProcessModel::UserColumn).data(ProcessModel::SortRole);
        const QVariant state =
            m_source->index(row, ProcessModel::StateColumn).data(ProcessModel::SortRole);
        if (user.typeId() == QMetaType::QString)
            users.insert(user.toString());
        if (state.typeId() == QMetaType::QString)
            states.insert(state.toString());
    }
    QStringList userList(users.begin(), users.end());
    QStringList stateList(states.begin(), states.end());
    userList.sort();
    stateList.sort();
    if (userList == m_users && stateList == m_states)
        return;
    m_users = userList;
    m_states = stateList;
    emit choicesChanged();
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
    Qt::SortOrder order = startsLargest(column) ? Qt::DescendingOrder : Qt::AscendingOrder;
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

void ProcessFilterModel::toggleExpanded(int pid)
{
    if (!m_collapsed.remove(pid))
        m_collapsed.insert(pid);
    invalidateRowsFilter();
    const int sourceRow = m_source->rowOf(pid);
    const QModelIndex shown = mapFromSource(m_source->index(sourceRow, 0));
    if (shown.isValid())
        emit dataChanged(shown, index(shown.row(), columnCount() - 1), {ExpandedRole});
}

QVariant ProcessFilterModel::data(const QModelIndex &index, int role) const
{
    if (role < DepthRole || role > ExpandedRole)
        return QSortFilterProxyModel::data(index, role);
    const int pid = QSortFilterProxyModel::data(index, ProcessModel::PidRole).toInt();
    switch (role) {
    case DepthRole:
        return m_treeMode ? int(path(pid).size()) - 1 : 0;
    case HasChildrenRole:
        return m_treeMode && m_source->hasChildren(pid);
    case ExpandedRole:
        return !m_collapsed.contains(pid);
    }
    return {};
}

QHash<int, QByteArray> ProcessFilterModel::roleNames() const
{
    QHash<int, QByteArray> names = QSortFilterProxyModel::roleNames();
    names.insert(DepthRole, "depth");
    names.insert(HasChildrenRole, "hasChildren");
    names.insert(ExpandedRole, "expanded");
    return names;
}

bool ProcessFilterModel::matches(int sourceRow) const
{
    const auto field = [this, sourceRow](int column) {
        return m_source->index(sourceRow, column).data(ProcessModel::SortRole).toString();
    };
    if (!m_filterUser.isEmpty() && field(ProcessModel::UserColumn) != m_filterUser)
        return false;
    if (!m_filterState.isEmpty() && field(ProcessModel::StateColumn) != m_filterState)
        return false;
    if (m_filterText.isEmpty() || field(ProcessModel::PidColumn) == m_filterText)
        return true;
    for (const int column : {ProcessModel::NameColumn, ProcessModel::CommandColumn,
                             ProcessModel::UserColumn, ProcessModel::UnitColumn}) {
        if (field(column).contains(m_filterText, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

bool ProcessFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    if (!m_treeMode)
        return matches(sourceRow);
    const int pid = m_source->index(sourceRow, 0).data(ProcessModel::PidRole).toInt();
    if (collapsedAbove(pid))
        return false;
    return matches(sourceRow) || keptAncestors().contains(pid);
}

// In tree mode rows compare by their paths from the root: an ancestor comes first, and where
// the paths part, the two siblings compare by the sort column. A descending sort calls this
// with the operands swapped, so the ancestor rule is swapped too.
bool ProcessFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_treeMode)
        return flatLessThan(left.row(), right.row(), left.column());
    const QList<int> a = path(left.data(ProcessModel::PidRole).toInt());
    const QList<int> b = path(right.data(ProcessModel::PidRole).toInt());
    qsizetype at = 0;
    while (at < a.size() && at < b.size() && a[at] == b[at])
        ++at;
    if (at == a.size() || at == b.size()) {
        const bool leftIsAncestor = at == a.size();
        return leftIsAncestor == (sortOrder() == Qt::AscendingOrder);
    }
    return flatLessThan(m_source->rowOf(a[at]), m_source->rowOf(b[at]), left.column());
}

// Unknown values first, names without case, numbers as numbers; ties go by pid so equal rows
// do not swap places from one tick to the next.
bool ProcessFilterModel::flatLessThan(int leftRow, int rightRow, int column) const
{
    const QVariant a = m_source->index(leftRow, column).data(ProcessModel::SortRole);
    const QVariant b = m_source->index(rightRow, column).data(ProcessModel::SortRole);
    if (a.isNull() != b.isNull())
        return a.isNull();
    if (a.typeId() == QMetaType::QString) {
        const int order = a.toString().compare(b.toString(), Qt::CaseInsensitive);
        if (order != 0)
            return order < 0;
    } else if (a.toDouble() != b.toDouble()) {
        return a.toDouble() < b.toDouble();
    }
    return m_source->index(leftRow, 0).data(ProcessModel::PidRole).toInt() <
           m_source->index(rightRow, 0).data(ProcessModel::PidRole).toInt();
}

// The listed ancestors of a process and the process itself, the root first.
QList<int> ProcessFilterModel::path(int pid) const
{
    QList<int> chain{pid};
    int parent = m_source->parentOf(pid);
    while (parent > 0 && m_source->rowOf(parent) >= 0 && !chain.contains(parent) &&
           chain.size() < MaxDepth) {
        chain.prepend(parent);
        parent = m_source->parentOf(parent);
    }
    return chain;
}

bool ProcessFilterModel::collapsedAbove(int pid) const
{
    if (m_collapsed.isEmpty())
        return false;
    const QList<int> chain = path(pid);
    return std::any_of(chain.begin(), chain.end() - 1,
                       [this](int ancestor) { return m_collapsed.contains(ancestor); });
}

const QSet<int> &ProcessFilterModel::keptAncestors() const
{
    if (m_keptValid && m_keptRevision == m_source->revision())
        return m_kept;
    m_kept.clear();
    for (int row = 0; row < m_source->rowCount(); ++row) {
        if (!matches(row))
            continue;
        const QList<int> chain = path(m_source->index(row, 0).data(ProcessModel::PidRole).toInt());
        for (qsizetype at = 0; at + 1 < chain.size(); ++at)
            m_kept.insert(chain[at]);
    }
    m_keptValid = true;
    m_keptRevision = m_source->revision();
    return m_kept;
}

// The source knows the row of a pid; the proxy maps it in constant time, so a tick that moves
// many rows does not search the table for the selection each time.
void ProcessFilterModel::findSelectedRow()
{
    const int sourceRow = m_selectedPid == 0 ? -1 : m_source->rowOf(m_selectedPid);
    const int row = sourceRow < 0 ? -1 : mapFromSource(m_source->index(sourceRow, 0)).row();
    if (row == m_selectedRow)
        return;
    m_selectedRow = row;
    emit selectedRowChanged();
}
