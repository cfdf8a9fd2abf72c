#include "fleetfiltermodel.h"

#include <cmath>

FleetFilterModel::FleetFilterModel(FleetModel *source, QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSourceModel(source);
    setDynamicSortFilter(true);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(this, signal, this, &FleetFilterModel::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &FleetFilterModel::countChanged);
    sort(0);
}

void FleetFilterModel::setSortKey(const QString &key)
{
    if (key == m_sortKey)
        return;
    m_sortKey = key;
    invalidate();
    emit sortKeyChanged();
}

void FleetFilterModel::setFilterText(const QString &text)
{
    if (text == m_filterText)
        return;
    m_filterText = text;
    invalidateFilter();
    emit filterTextChanged();
    emit countChanged();
}

namespace {

// Larger first, an unknown (NaN) value last; 0 when both are equal or unknown.
int compareLargerFirst(double left, double right)
{
    if (std::isnan(left) || std::isnan(right))
        return std::isnan(left) == std::isnan(right) ? 0 : (std::isnan(left) ? 1 : -1);
    return left > right ? -1 : left < right ? 1 : 0;
}

} // namespace

bool FleetFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const auto number = [](const QModelIndex &index, int role) {
        return index.data(role).toDouble();
    };
    int order = 0;
    if (m_sortKey == u"severity") {
        const auto down = [](const QModelIndex &index) {
            return index.data(FleetModel::StateRole).toString() == u"down" ? 1.0 : 0.0;
        };
        order = compareLargerFirst(number(left, FleetModel::WorstSeverityRole),
                                   number(right, FleetModel::WorstSeverityRole));
        if (order == 0)
            order = compareLargerFirst(down(left), down(right));
    } else if (m_sortKey == u"cpu" || m_sortKey == u"memory") {
        const int role = m_sortKey == u"cpu" ? FleetModel::CpuRole : FleetModel::MemRole;
        order = compareLargerFirst(number(left, role), number(right, role));
    }
    if (order != 0)
        return order < 0;
    return left.data(FleetModel::NameRole).toString() < right.data(FleetModel::NameRole).toString();
}

bool FleetFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_filterText.trimmed().isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const QString needle = m_filterText.trimmed();
    for (int role : {FleetModel::NameRole, FleetModel::UrlRole, FleetModel::StateRole}) {
        if (index.data(role).toString().contains(needle, Qt::CaseInsensitive))
            return true;
    }
    return false;
}
