#include "httpprobe.h"
#include "store/storereader.h"
#include "vantageprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <limits>
#include <signal.h>
#include <sqlite3.h>

// A real vantage killed with SIGKILL while it writes, a few times over: the file stays sound and
// keeps every tick that was committed before each kill; the next start fills the charts with
// them and marks the stop as a gap. bench/store/killcycles.sh runs the same 100 times.
class TestStoreKill : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QString dataDir() const { return m_home.filePath(QStringLiteral("data")); }
    QString file() const { return dataDir() + QStringLiteral("/history.db"); }

    QList<qint64> storedTicks() const
    {
        StoreReader reader(file(), [] { return 0; });
        return reader.ticks(0, std::numeric_limits<qint64>::max()).ts;
    }

    void start(QProcess &process, quint16 *port = nullptr)
    {
        process.setProcessEnvironment(VantageProcess::isolatedEnvironment(m_home.path()));
        process.start(QStringLiteral(VANTAGE_BINARY),
                      {QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                       QStringLiteral("--interval"), QStringLiteral("0.1"),
                       QStringLiteral("--config"), m_home.filePath(QStringLiteral("v.conf")),
                       QStringLiteral("--data-dir"), dataDir()});
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 20000);
        const QByteArray line = process.readLine().trimmed();
        if (port)
            *port = quint16(line.split(':').last().chopped(1).toUInt());
    }

private slots:
    void killNineLosesAtMostTheLastFlush()
    {
        QVERIFY(m_home.isValid());
        QFile config(m_home.filePath(QStringLiteral("v.conf")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("[history]\nflushSeconds=1\n");
        config.close();

        QSet<qint64> committed;
        for (int cycle = 0; cycle < 3; ++cycle) {
            QProcess process;
            start(process);
            // A flush of this run, read back; then one more, so that the kill lands while the
            // writer goes on.
            const qsizetype before = storedTicks().size();
            QTRY_VERIFY_WITH_TIMEOUT(storedTicks().size() > before, 20000);
            const QList<qint64> seen = storedTicks();
            for (qint64 ts : seen)
                committed.insert(ts);
            QTRY_VERIFY_WITH_TIMEOUT(storedTicks().size() > seen.size(), 20000);
            ::kill(pid_t(process.processId()), SIGKILL);
            QVERIFY(process.waitForFinished());
        }

        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(QFile::encodeName(file()).constData(), &db), SQLITE_OK);
        QByteArray check;
        sqlite3_exec(
            db, "PRAGMA integrity_check",
            [](void *out, int, char **values, char **) {
                *static_cast<QByteArray *>(out) += values[0];
                return 0;
            },
            &check, nullptr);
        sqlite3_close(db);
        QCOMPARE(check, QByteArray("ok"));
        const QList<qint64> stored = storedTicks();
        const QSet<qint64> after(stored.cbegin(), stored.cend());
        for (qint64 ts : std::as_const(committed))
            QVERIFY2(after.contains(ts), qPrintable(QString::number(ts)));

        // The next start shows the stored past before its own ticks, with a gap (null) between.
        QProcess process;
        quint16 port = 0;
        start(process, &port);
        QVERIFY(port != 0);
        const qint64 oldest = *std::min_element(committed.cbegin(), committed.cend());
        const HttpProbe reply =
            HttpProbe::get(port, "/api/v1/history?series=cpu.total&seconds=3600");
        QCOMPARE(reply.status, 200);
        const QJsonObject answer = QJsonDocument::fromJson(reply.body).object();
        const QJsonArray ts = answer.value(QStringLiteral("ts")).toArray();
        QVERIFY(!ts.isEmpty());
        QCOMPARE(qint64(ts.first().toDouble()), oldest);
        const QJsonArray values = answer.value(QStringLiteral("series"))
                                      .toObject()
                                      .value(QStringLiteral("cpu.total"))
                                      .toArray();
        QVERIFY(values.contains(QJsonValue(QJsonValue::Null)));
        ::kill(pid_t(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished());
    }

    // A data folder that cannot be created (its parent is a plain file, which stops root too):
    // vantage runs on with memory-only history, counts the failures and fires the history rule.
    void unusableFolderIsNotFatal()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QFile blocker(home.filePath(QStringLiteral("blocker")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        QFile config(home.filePath(QStringLiteral("v.conf")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("[history]\nflushSeconds=1\n");
        config.close();
        QProcess process;
        process.setProcessEnvironment(VantageProcess::isolatedEnvironment(home.path()));
        process.start(QStringLiteral(VANTAGE_BINARY),
                      {QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                       QStringLiteral("--interval"), QStringLiteral("0.2"),
                       QStringLiteral("--config"), config.fileName(), QStringLiteral("--data-dir"),
                       blocker.fileName() + QStringLiteral("/data")});
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 20000);
        const quint16 port =
            quint16(process.readLine().trimmed().split(':').last().chopped(1).toUInt());
        QVERIFY(port != 0);
        const auto historyAlert = [port] {
            const QJsonArray active =
                QJsonDocument::fromJson(HttpProbe::get(port, "/api/v1/alerts").body)
                    .object()
                    .value(QStringLiteral("active"))
                    .toArray();
            for (const QJsonValue &alert : active) {
                if (alert.toObject().value(QStringLiteral("rule")).toString() == u"history")
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(historyAlert(), 20000);
        const QJsonObject self =
            QJsonDocument::fromJson(HttpProbe::get(port, "/api/v1/snapshot").body)
                .object()
                .value(QStringLiteral("self"))
                .toObject();
        QVERIFY(self.value(QStringLiteral("historyErrors")).toInteger() >= 1);
        QVERIFY(
            HttpProbe::get(port, "/metrics").body.contains("vantage_self_history_errors_total "));
        QVERIFY(process.readAllStandardError().contains("cannot open"));
        ::kill(pid_t(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished());
        QCOMPARE(process.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestStoreKill)
#include "tst_storekill.moc"
