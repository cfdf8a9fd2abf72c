#pragma once

#include "alerts/alert.h"

#include <QAbstractListModel>
#include <QList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

// A list of alerts as the views show them, one row per Alert with its fields as roles. The
// desktop's active alerts (AlertsModel) and its recent log both are one.
class AlertListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("AlertListModel belongs to the Backend")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged) // alerts listed

public:
    enum Role {
        IdRole = Qt::UserRole + 1, // "rule" or "rule:instance" (Alert::id())
        RuleRole,                  // "cpu", "memory", "disk", ...
        InstanceRole,              // the mount or sensor; empty for machine-wide rules
        SeverityRole,              // "warning" or "critical"
        StateRole,                 // "firing" or "resolved"
        ValueRole,                 // at the event (AlertsModel: now), in the rule's unit
        ThresholdRole,             // the level of the severity, in the rule's unit
        TsRole,                    // ms since the epoch, when the event happened
        SinceRole,                 // ms since the epoch, when the alert fired
        AcknowledgedRole,          // true once someone marked it as seen
        MessageRole,               // "Memory at 91% (warning at 80%)"
        // What was running when it fired: {cpu: [{pid, name, cpu, rss}…], rss: […]}, the top
        // five by CPU and by memory; empty for events without (older log lines, resolutions).
        TopRole,
    };
    Q_ENUM(Role)

    explicit AlertListModel(QObject *parent = nullptr);

    // Replaces every row.
    void setAlerts(const QList<Alert> &alerts);
    // Puts an alert on top and drops the oldest rows beyond limit.
    void prepend(const Alert &alert, int limit);
    // The row of an alert by Alert::id(), -1 if it is not listed.
    int indexOf(const QString &id) const;
    // The roles of one row by name (as ListModel.get() does); empty for a row that does not exist.
    Q_INVOKABLE QVariantMap get(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void countChanged();

protected:
    void insertAt(int row, const Alert &alert);
    void removeAt(int row);
    void replaceAt(int row, const Alert &alert);
    void moveTo(int from, int to);
    const Alert &at(int row) const { return m_alerts[row]; }

private:
    QList<Alert> m_alerts;
};
