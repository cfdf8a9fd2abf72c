#pragma once

#include "collectors/collector.h"
#include "history/historyrange.h"
#include "services/service.h"
#include "store/storetiers.h"

#include <QString>
#include <QThread>

#include <array>
#include <memory>

class MetricsService;
class Settings;
class StoreReader;
class StoreWriter;
struct Snapshot;

// The history on disk (docs/history.md): a SQLite file in WAL mode under the data folder, written
// by StoreWriter on a thread of its own and read by StoreReader on another, so the tick and the
// event loop never wait for the disk. At start it fills the in-memory history with the stored
// past; a bad disk only turns it into memory-only history, counted in self.historyErrors.
class StoreService : public Service, public HistoryRangeSource
{
    Q_OBJECT

public:
    StoreService(Settings *settings, MetricsService *metrics, QObject *parent = nullptr);
    ~StoreService() override;

    // history/dataDir, or the platform's data folder for the application.
    QString dataDir() const;
    QString filePath() const;
    // Failures of the store since start, as self.historyErrors shows them.
    quint64 errors() const;
    // Sets self.historyErrors in each Snapshot.
    Collector *selfCollector() { return &m_self; }

    QFuture<HistoryRange> range(const HistoryRangeRequest &request) const override;
    QFuture<QJsonObject> processesAt(qint64 ms) const override;

    // Writes what the writer holds now, and waits for it (tests, shutdown).
    void flushNow();

protected:
    bool doInitialize() override;
    void doShutdown() override;

private:
    class SelfCollector : public Collector
    {
    public:
        explicit SelfCollector(const StoreService *store)
            : m_store(store)
        {}
        void collect(Snapshot &snapshot, qint64 nowNs) override;

    private:
        const StoreService *m_store;
    };

    bool enabled() const;
    std::array<qint64, StoreTiers::Count> retentionMs() const;
    void fillHistory();
    void applySettings(const QStringList &keys);
    void startWriting();
    void stopWriting();

    Settings *m_settings;
    MetricsService *m_metrics;
    SelfCollector m_self{this};
    QThread m_writerThread;
    QThread m_readerThread;
    StoreWriter *m_writer = nullptr;    // lives on m_writerThread
    QObject *m_readerContext = nullptr; // lives on m_readerThread
    std::shared_ptr<StoreReader> m_reader;
    quint64 m_previousErrors = 0; // errors of writers replaced by a settings change
    QMetaObject::Connection m_ticks;
};
