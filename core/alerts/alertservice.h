#pragma once

#include "alerts/alert.h"
#include "services/service.h"
#include "snapshot.h"

#include <QJsonObject>
#include <memory>

class AlertEngine;
class AlertLog;
class MetricsService;
class Settings;

// Runs the alert engine on every Snapshot and keeps the persistent log. Every event goes out
// through alertChanged(): the server sends it to every browser, the desktop shows it.
class AlertService : public Service
{
    Q_OBJECT

public:
    AlertService(Settings *settings, MetricsService *metrics, const QString &logFile,
                 QObject *parent = nullptr);
    ~AlertService() override;

    AlertEngine *engine() const { return m_engine.get(); }
    QList<Alert> active() const;
    QList<Alert> recent() const;
    // {"active": [...], "log": [...]} as GET /api/v1/alerts answers.
    QJsonObject toJson() const;
    bool acknowledge(const QString &id);

signals:
    void alertChanged(const Alert &alert);
    // A Snapshot was evaluated: its alert events, if any, went out before this.
    void evaluated(const Snapshot &snapshot);

protected:
    bool doInitialize() override;
    void doShutdown() override;

private:
    void evaluate(const Snapshot &snapshot);
    void record(const Alert &alert);

    MetricsService *m_metrics;
    std::unique_ptr<AlertEngine> m_engine;
    std::unique_ptr<AlertLog> m_log;
};
