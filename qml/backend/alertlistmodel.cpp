#include "alertlistmodel.h"

AlertListModel::AlertListModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void AlertListModel::setAlerts(const QList<Alert> &alerts)
{
    beginResetModel();
    m_alerts = alerts;
    endResetModel();
    emit countChanged();
}

void AlertListModel::prepend(const Alert &alert, int limit)
{
    insertAt(0, alert);
    while (rowCount() > limit)
        removeAt(rowCount() - 1);
}

int AlertListModel::indexOf(const QString &id) const
{
    for (int row = 0; row < rowCount(); ++row) {
        if (m_alerts[row].id() == id)
            return row;
    }
    return -1;
}

void AlertListModel::insertAt(int row, const Alert &alert)
{
    beginInsertRows({}, row, row);
    m_alerts.insert(row, alert);
    endInsertRows();
    emit countChanged();
}

void AlertListModel::removeAt(int row)
{
    beginRemoveRows({}, row, row);
    m_alerts.removeAt(row);
    endRemoveRows();
    emit countChanged();
}

void AlertListModel::replaceAt(int row, const Alert &alert)
{
    m_alerts[row] = alert;
    emit dataChanged(index(row), index(row));
}

void AlertListModel::moveTo(int from, int to)
{
    if (from == to)
        return;
    // beginMoveRows counts the destination before the row leaves: one further when moving down.
    beginMoveRows({}, from, from, {}, to > from ? to + 1 : to);
    m_alerts.move(from, to);
    endMoveRows();
}

QVariantMap AlertListModel::get(int row) const
{
    QVariantMap roles;
    if (row < 0 || row >= rowCount())
        return roles;
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        roles.insert(QString::fromLatin1(it.value()), data(index(row), it.key()));
    return roles;
}

int AlertListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_alerts.size());
}

QVariant AlertListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Alert &alert = m_alerts[index.row()];
    switch (role) {
    case IdRole:
        return alert.id();
    case RuleRole:
        return alert.rule;
    case InstanceRole:
        return alert.instance;
    case SeverityRole:
        return Alert::severityName(alert.severity);
    case StateRole:
        return alert.state == Alert::State::Firing ? QStringLiteral("firing")
                                                   : QStringLiteral("resolved");
    case ValueRole:
        return alert.value;
    case ThresholdRole:
        return alert.threshold;
    case TsRole:
        return double(alert.ts);
    case SinceRole:
        return double(alert.since);
    case AcknowledgedRole:
        return alert.acknowledged;
    case MessageRole:
        return alert.message;
    case TopRole:
        return alert.top.isEmpty() ? QVariantMap{} : alert.top.toJson().toVariantMap();
    }
    return {};
}

QHash<int, QByteArray> AlertListModel::roleNames() const
{
    return {{IdRole, "id"},
            {RuleRole, "rule"},
            {InstanceRole, "instance"},
            {SeverityRole, "severity"},
            {StateRole, "state"},
            {ValueRole, "value"},
            {ThresholdRole, "threshold"},
            {TsRole, "ts"},
            {SinceRole, "since"},
            {AcknowledgedRole, "acknowledged"},
            {MessageRole, "message"},
            {TopRole, "topProcesses"}};
}
