#include "servicesmodel.h"

#include "format.h"

#include <QSet>

#include <cmath>

namespace {

// The headers, short as the web table's (resources/web/assets/servicesview.js).
const char *const Headers[ServicesModel::ColumnCount] = {"Name",   "Kind",    "CPU", "Memory",
                                                         "Read/s", "Write/s", "Pids"};

// A kind sorts by the section the web view puts it in: services, slices, sessions and scopes,
// containers.
int kindOrder(const QString &kind)
{
    static const QHash<QString, int> order = {{QStringLiteral("service"), 0},
                                              {QStringLiteral("slice"), 1},
                                              {QStringLiteral("session"), 2},
                                              {QStringLiteral("scope"), 2},
                                              {QStringLiteral("container"), 3}};
    return order.value(kind, 2);
}

QString kindText(const CgroupUsage &group)
{
    QString text = group.kind;
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return group.runtime.isEmpty() ? text : QStringLiteral("%1 (%2)").arg(text, group.runtime);
}

template<typename T>
double valueOr(const std::optional<T> &value, double unknown)
{
    return value ? double(*value) : unknown;
}

QSet<QString> pathsOf(const QList<CgroupUsage> &groups)
{
    QSet<QString> paths;
    for (const CgroupUsage &group : groups)
        paths.insert(group.path);
    return paths;
}

} // namespace

ServicesModel::ServicesModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ServicesModel::update(const std::optional<QList<CgroupUsage>> &cgroups)
{
    if (m_available != cgroups.has_value()) {
        m_available = cgroups.has_value();
        emit availableChanged();
    }
    const QList<CgroupUsage> fresh = cgroups.value_or(QList<CgroupUsage>());
    const int before = rowCount();
    removeVanished(fresh);
    refreshKept(fresh);
    appendNew(fresh);
    if (rowCount() != before)
        emit countChanged();
}

// From the end, so that the rows still to visit keep their numbers.
void ServicesModel::removeVanished(const QList<CgroupUsage> &fresh)
{
    const QSet<QString> paths = pathsOf(fresh);
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (paths.contains(m_rows[row].path))
            continue;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    }
}

void ServicesModel::refreshKept(const QList<CgroupUsage> &fresh)
{
    if (m_rows.isEmpty())
        return;
    QHash<QString, const CgroupUsage *> byPath;
    for (const CgroupUsage &group : fresh)
        byPath.insert(group.path, &group);
    for (CgroupUsage &row : m_rows)
        row = *byPath.value(row.path);
    emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

void ServicesModel::appendNew(const QList<CgroupUsage> &fresh)
{
    const QSet<QString> known = pathsOf(m_rows);
    QList<CgroupUsage> added;
    for (const CgroupUsage &group : fresh) {
        if (!known.contains(group.path))
            added.append(group);
    }
    if (added.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size()) - 1);
    m_rows.append(added);
    endInsertRows();
}

int ServicesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ServicesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ServicesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const CgroupUsage &group = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return display(group, index.column());
    case SortRole:
        return raw(group, index.column());
    case FilterRole:
        return QStringList{group.name, group.path, group.runtime}.join(u'\n');
    case PathRole:
        return group.path;
    case NameRole:
        return group.name;
    }
    return {};
}

QVariant ServicesModel::display(const CgroupUsage &group, int column) const
{
    switch (column) {
    case NameColumn:
        return group.name;
    case KindColumn:
        return kindText(group);
    case CpuColumn:
        return Format::percent(valueOr(group.cpu, std::nan("")));
    case MemoryColumn:
        return Format::bytes(valueOr(group.memory, std::nan("")));
    case ReadColumn:
        return Format::rate(valueOr(group.readBps, std::nan("")));
    case WriteColumn:
        return Format::rate(valueOr(group.writeBps, std::nan("")));
    case PidsColumn:
        return group.pids ? Format::count(double(*group.pids)) : Format::unknown();
    }
    return {};
}

// Numbers the kernel does not report sort as -1, below every real value.
QVariant ServicesModel::raw(const CgroupUsage &group, int column) const
{
    switch (column) {
    case NameColumn:
        return group.name;
    case KindColumn:
        return kindOrder(group.kind);
    case CpuColumn:
        return valueOr(group.cpu, -1);
    case MemoryColumn:
        return valueOr(group.memory, -1);
    case ReadColumn:
        return valueOr(group.readBps, -1);
    case WriteColumn:
        return valueOr(group.writeBps, -1);
    case PidsColumn:
        return valueOr(group.pids, -1);
    }
    return {};
}

QVariant ServicesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
        section >= ColumnCount)
        return {};
    return tr(Headers[section]);
}

QHash<int, QByteArray> ServicesModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{SortRole, "sortValue"}, {PathRole, "path"}, {NameRole, "name"}});
    return names;
}
