#pragma once

#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <array>
#include <utility>

class QNetworkReply;
class Settings;

// The fleet as a Prometheus sees it (docs/fleet.md): every instance of the jobs that scrape a
// Vantage's /metrics, read from Prometheus' HTTP API every fleet/prometheusRefresh seconds while
// fleet/prometheusUrl is set. Each refresh sends the same handful of queries, each answering for
// every instance at once, so its cost does not grow with one request per host; their answers
// become rows in the shape of the hub's fleet rows ("source":"prometheus"), with the last hour's
// mini-chart series. Answers are untrusted input: each is bounded in size and time, and parsed
// without assuming its shape. A failed refresh keeps the rows of the last good one.
class PrometheusFleet : public QObject
{
    Q_OBJECT

public:
    // The queries of one refresh: instant ones for the latest values, range ones for the series.
    enum class Query {
        Up,
        Seen,
        Info,
        Cpu,
        Memory,
        Load,
        Disk,
        Network,
        Alerts,
        CpuRange,
        MemoryRange,
        DiskRange,
        NetworkRange,
        LoadRange,
    };
    static constexpr int QueryCount = int(Query::LoadRange) + 1;
    static constexpr qint64 MaxAnswerBytes = 32 * 1024 * 1024;
    static constexpr int TimeoutMs = 10000;
    static constexpr int SeriesSeconds = 3600;
    // Seconds since the epoch a timestamp may hold: far past any real clock, short of overflowing
    // milliseconds in 64 bits.
    static constexpr double MaxTimestampSeconds = 1e11;

    // One series of an answer: its labels, and its points as (ms since the epoch, value), the
    // value NaN where Prometheus gave no finite number ("NaN", "+Inf", text that is no number).
    struct Series
    {
        QHash<QString, QString> labels;
        QList<std::pair<qint64, double>> points;
    };
    // What one refresh got: each query's series, in Query order, and the time it asked for.
    struct Answers
    {
        qint64 nowMs = 0;
        int stepSeconds = 60;
        std::array<QList<Series>, QueryCount> series;
    };

    explicit PrometheusFleet(Settings *settings, QObject *parent = nullptr);
    ~PrometheusFleet() override;

    // Whether fleet/prometheusUrl is set.
    bool isEnabled() const { return m_base.isValid(); }
    // The fleet rows of the last good refresh, by name, each with its "series"; empty while off.
    QJsonArray hosts() const { return m_rows; }
    // Why the last refresh failed, naming the Prometheus; empty after a good one.
    QString errorString() const { return m_error; }
    bool isRefreshing() const { return !m_replies.isEmpty(); }
    // Starts a refresh now unless one is in flight (then that one's answer comes soon enough).
    void refresh();

    // "host:port" of a fleet host's URL (http://db1:8765/, wss://db1:8765/ws), as Prometheus names
    // the target it scrapes there in its instance label; the scheme's port when none is written,
    // an IPv6 host in brackets. Empty for what is no such URL.
    static QString instanceOf(const QString &fleetUrl);
    // The step of the series: a point a minute, or one per refresh when refreshes are rarer.
    static int stepSeconds(int refreshSeconds);
    static QString promql(Query query, int stepSeconds);
    static bool isRange(Query query);
    // The series of an /api/v1/query or /api/v1/query_range answer; false, with *error saying
    // why, for anything but a successful answer of that shape.
    static bool parseAnswer(const QByteArray &body, QList<Series> *series, QString *error);
    // The rows of one refresh. lastSeen holds when each instance was last scraped: a host that is
    // down keeps the last time it was seen, here or in its series.
    static QJsonArray rowsFrom(const Answers &answers, QHash<QString, qint64> *lastSeen);

signals:
    // After each refresh, good or failed (errorString() says which), and when it is turned off.
    void refreshed();

private:
    void readSettings();
    void send(Query query);
    void received(QNetworkReply *reply, Query query);
    void finish();
    void abortAll();
    QString describe(QNetworkReply *reply, const QByteArray &body) const;

    Settings *m_settings;
    QNetworkAccessManager m_network;
    QTimer m_timer;
    QUrl m_base; // invalid while off
    int m_refreshSeconds = 15;
    QList<QNetworkReply *> m_replies; // the refresh in flight
    Answers m_answers;
    QString m_failure; // of the refresh in flight: the first query that failed
    QJsonArray m_rows;
    QString m_error;
    QHash<QString, qint64> m_lastSeen;
};
