#pragma once

#include "snapshot.h"
#include "ticklistmodel.h"

#include <QtQml/qqmlregistration.h>

class History;

// The network interfaces of the latest tick, one row per interface, with the last minute of each
// direction for a sparkline. The recent values are read from the History only when a delegate
// asks for them, so a hidden view costs nothing. Updated in place while the set of interfaces
// stays the same.
class NetworkModel : public TickListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("NetworkModel belongs to the Backend")

public:
    static constexpr int RecentSeconds = 60;

    enum Role {
        InterfaceRole = Qt::UserRole + 1, // "eth0"
        RxBpsRole,                        // bytes per second received
        TxBpsRole,                        // bytes per second sent
        RxTotalRole,                      // bytes received since boot
        TxTotalRole,                      // bytes sent since boot
        RxRecentRole,                     // list of bytes/s, last RecentSeconds, oldest first
        TxRecentRole,                     // list of bytes/s, last RecentSeconds, oldest first
        RxSeriesRole,                     // History series name of RxBps
        TxSeriesRole,                     // History series name of TxBps
    };
    Q_ENUM(Role)

    explicit NetworkModel(const History *history, QObject *parent = nullptr);

    // The history the recent rates come from (another source's).
    void setHistory(const History *history) { m_history = history; }
    // Takes the interfaces of a new tick.
    void update(const QList<NetUsage> &net);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QList<double> recent(const QString &series) const;
    static QString seriesName(const QString &iface, const char *direction);

    const History *m_history;
    QList<NetUsage> m_net;
};
