#include "networkmodel.h"

#include "history/history.h"

NetworkModel::NetworkModel(const History *history, QObject *parent)
    : TickListModel(parent)
    , m_history(history)
{}

void NetworkModel::update(const QList<NetUsage> &net)
{
    replaceRows(m_net, net, &NetUsage::iface);
}

int NetworkModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_net.size());
}

QString NetworkModel::seriesName(const QString &iface, const char *direction)
{
    return QStringLiteral("net[") + iface + QStringLiteral("].") + QLatin1StringView(direction);
}

QList<double> NetworkModel::recent(const QString &series) const
{
    QList<double> values;
    const qint64 since = m_history->latestTs() - RecentSeconds * 1000;
    for (const History::Point &point : m_history->points(series, since))
        values.append(point.value);
    return values;
}

QVariant NetworkModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const NetUsage &net = m_net[index.row()];
    switch (role) {
    case InterfaceRole:
        return net.iface;
    case RxBpsRole:
        return net.rxBps;
    case TxBpsRole:
        return net.txBps;
    case RxTotalRole:
        return double(net.rxTotal);
    case TxTotalRole:
        return double(net.txTotal);
    case RxRecentRole:
        return QVariant::fromValue(recent(seriesName(net.iface, "rxBps")));
    case TxRecentRole:
        return QVariant::fromValue(recent(seriesName(net.iface, "txBps")));
    case RxSeriesRole:
        return seriesName(net.iface, "rxBps");
    case TxSeriesRole:
        return seriesName(net.iface, "txBps");
    }
    return {};
}

QHash<int, QByteArray> NetworkModel::roleNames() const
{
    return {{InterfaceRole, "iface"},   {RxBpsRole, "rxBps"},       {TxBpsRole, "txBps"},
            {RxTotalRole, "rxTotal"},   {TxTotalRole, "txTotal"},   {RxRecentRole, "rxRecent"},
            {TxRecentRole, "txRecent"}, {RxSeriesRole, "rxSeries"}, {TxSeriesRole, "txSeries"}};
}
