#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

class ClientConnection;
class ClientManager;

// The browsers connected to the embedded server: address, role, when they connected, messages
// sent and what waits in their queue. Rows follow the ClientManager's clientAdded and
// clientRemoved; the counters are refreshed once per tick.
class ClientsModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ClientsModel belongs to the Backend")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged) // clients connected

public:
    enum Role {
        IdRole = Qt::UserRole + 1, // the server's client id
        AddressRole,               // remote IP address
        RoleRole,                  // "viewer" or "admin"
        SinceRole,                 // ms since the epoch when it connected
        MessagesSentRole,          // WebSocket messages sent to it
        QueuedBytesRole,           // bytes written but not yet sent: its queue depth
        BehindRole,                // true while it has a sample waiting
    };
    Q_ENUM(Role)

    // manager may be null (no server): the list then stays empty.
    explicit ClientsModel(ClientManager *manager, QObject *parent = nullptr);

    // Re-reads the counters of every client; the backend calls it once per tick.
    void refresh();
    // Closes a client's connection (a normal WebSocket close, "closed from the desktop").
    Q_INVOKABLE void disconnectClient(quint64 id);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void countChanged();

private:
    void add(ClientConnection *client);
    void remove(quint64 id);

    QPointer<ClientManager> m_manager;
    QList<quint64> m_ids; // rows, oldest connection first
};
