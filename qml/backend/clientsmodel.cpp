#include "clientsmodel.h"

#include "server/clientconnection.h"
#include "server/clientmanager.h"

#include <algorithm>

ClientsModel::ClientsModel(ClientManager *manager, QObject *parent)
    : QAbstractListModel(parent)
    , m_manager(manager)
{
    if (!manager)
        return;
    QList<ClientConnection *> clients = manager->clients();
    std::sort(clients.begin(), clients.end(), [](auto *a, auto *b) { return a->id() < b->id(); });
    for (ClientConnection *client : std::as_const(clients))
        m_ids.append(client->id());
    connect(manager, &ClientManager::clientAdded, this, &ClientsModel::add);
    connect(manager, &ClientManager::clientRemoved, this, &ClientsModel::remove);
}

void ClientsModel::add(ClientConnection *client)
{
    beginInsertRows({}, rowCount(), rowCount());
    m_ids.append(client->id());
    endInsertRows();
    emit countChanged();
}

void ClientsModel::remove(quint64 id)
{
    const qsizetype row = m_ids.indexOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, int(row), int(row));
    m_ids.removeAt(row);
    endRemoveRows();
    emit countChanged();
}

void ClientsModel::refresh()
{
    if (!m_ids.isEmpty())
        emit dataChanged(index(0), index(rowCount() - 1));
}

void ClientsModel::disconnectClient(quint64 id)
{
    ClientConnection *client = m_manager ? m_manager->client(id) : nullptr;
    if (client)
        client->close(WebSocketFrame::Normal, QStringLiteral("closed from the desktop"));
}

int ClientsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

QVariant ClientsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || !m_manager)
        return {};
    const ClientConnection *client = m_manager->client(m_ids[index.row()]);
    if (!client)
        return {};
    switch (role) {
    case IdRole:
        return client->id();
    case AddressRole:
        return client->address().toString();
    case RoleRole:
        return client->role() == ClientConnection::Role::Admin ? QStringLiteral("admin")
                                                               : QStringLiteral("viewer");
    case SinceRole:
        return double(client->connectedAtMs());
    case MessagesSentRole:
        return double(client->messagesSent());
    case QueuedBytesRole:
        return double(client->queuedBytes());
    case BehindRole:
        return client->hasPendingSample();
    }
    return {};
}

QHash<int, QByteArray> ClientsModel::roleNames() const
{
    return {
        {IdRole, "clientId"},  {AddressRole, "address"},           {RoleRole, "role"},
        {SinceRole, "since"},  {MessagesSentRole, "messagesSent"}, {QueuedBytesRole, "queuedBytes"},
        {BehindRole, "behind"}};
}
