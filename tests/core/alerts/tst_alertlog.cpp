#include "alerts/alertlog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {
Alert sampleAlert(int n)
{
    Alert a;
    a.rule = "cpu";
    a.severity = n % 2 ? AlertSeverity::Critical : AlertSeverity::Warning;
    a.state = Alert::State::Firing;
    a.value = 80 + n;
    a.threshold = 75;
    a.ts = 1000 + n;
    a.since = 1000;
    a.message = QStringLiteral("event %1").arg(n);
    return a;
}
} // namespace

class TestAlertLog : public QObject
{
    Q_OBJECT

private slots:
    void survivesRestart();
    void rotatesAtItsBound();
    void truncatedLastLineIsSkipped();
    void unwritableLogKeepsMemory();
    void activeAlertsSurviveRestart();
    void unreadableActiveListRestoresNothing();
    void topProcessesSurviveRestart();
    void lineWithoutTopProcessesLoads();
};

void TestAlertLog::survivesRestart()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("sub/alerts.jsonl");
    {
        AlertLog log(path);
        log.load();
        for (int i = 0; i < 3; ++i)
            QVERIFY(log.append(sampleAlert(i)));
    }
    AlertLog reopened(path);
    reopened.load();
    const QList<Alert> recent = reopened.recent();
    QCOMPARE(recent.size(), 3);
    QCOMPARE(recent[2].message, QString("event 2"));
    QCOMPARE(recent[2].severity, AlertSeverity::Warning);
    QCOMPARE(recent[1].severity, AlertSeverity::Critical);
    QCOMPARE(recent[1].value, 81.0);
}

void TestAlertLog::rotatesAtItsBound()
{
    // Events 10..19, all warnings, serialize to lines of one length:
    // {"acknowledged":false,"id":"cpu","instance":"","message":"event 10","rule":"cpu",
    //  "severity":"warning","since":1000,"state":"firing","threshold":75,"ts":1010,"value":90}
    // is 1 + 20 + 10 + 13 + 20 + 12 + 20 + 12 + 16 + 14 + 9 + 10 (fields) + 10 (commas) + 1 + 1
    // (newline) = 169 bytes. A bound of 4 lines (676 bytes) rotates after every fourth event:
    // 10..13 go to .1, 14..17 replace them there, 18 and 19 stay in the current file.
    constexpr qint64 lineBytes = 169;
    QTemporaryDir dir;
    const QString path = dir.filePath("alerts.jsonl");
    AlertLog log(path, 4 * lineBytes);
    for (int i = 10; i < 20; ++i) {
        Alert alert = sampleAlert(i);
        alert.severity = AlertSeverity::Warning;
        QVERIFY(log.append(alert));
    }
    log.close();
    QVERIFY(QFile::exists(path));
    QVERIFY(QFile::exists(path + ".1"));
    QCOMPARE(QFileInfo(path + ".1").size(), 4 * lineBytes);
    QCOMPARE(QFileInfo(path).size(), 2 * lineBytes);

    // Fewer than RecentCount entries in the current file: load() puts the rotated ones first.
    AlertLog reopened(path, 4 * lineBytes);
    reopened.load();
    QStringList messages;
    for (const Alert &alert : reopened.recent())
        messages.append(alert.message);
    QCOMPARE(messages,
             QStringList({"event 14", "event 15", "event 16", "event 17", "event 18", "event 19"}));
    QCOMPARE(reopened.recent().first().value, 94.0);     // 80 + 14
    QCOMPARE(reopened.recent().last().ts, qint64(1019)); // 1000 + 19
}

void TestAlertLog::truncatedLastLineIsSkipped()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("alerts.jsonl");
    {
        AlertLog log(path);
        log.append(sampleAlert(1));
    }
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::Append));
        file.write(R"({"rule":"cpu","severity":"warn)"); // a crash mid-write
    }
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("skipping unreadable line 2"));
    AlertLog log(path);
    log.load();
    QCOMPARE(log.recent().size(), 1);
    // The next entry starts on a line of its own and reads back.
    QVERIFY(log.append(sampleAlert(2)));
    log.close();
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("skipping unreadable line 2"));
    AlertLog again(path);
    again.load();
    QCOMPARE(again.recent().size(), 2);
    QCOMPARE(again.recent().last().message, QString("event 2"));
}

void TestAlertLog::unwritableLogKeepsMemory()
{
    QTemporaryDir dir;
    QFile blocker(dir.filePath("file"));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("cannot write the alert log"));
    AlertLog log(dir.filePath("file/alerts.jsonl")); // a file where the folder should be
    QVERIFY(!log.append(sampleAlert(1)));
    QCOMPARE(log.recent().size(), 1);
}

// What a restart restores: every field the views show, from a file of its own next to the log,
// replaced whole at each save (the second save below leaves only what it lists).
void TestAlertLog::activeAlertsSurviveRestart()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("sub/alerts.jsonl");
    Alert disk = sampleAlert(1);
    disk.rule = "disk";
    disk.instance = "/mnt/usb";
    disk.since = 4000;
    disk.ts = 4500;
    disk.acknowledged = true;
    {
        AlertLog log(path);
        QVERIFY(log.saveActive({sampleAlert(0), disk}));
        QVERIFY(log.saveActive({disk}));
    }
    QCOMPARE(QDir(dir.filePath("sub")).entryList(QDir::Files), QStringList{"alerts.active.json"});
    AlertLog reopened(path);
    QCOMPARE(reopened.activeFilePath(), dir.filePath("sub/alerts.active.json"));
    const QList<Alert> active = reopened.loadActive();
    QCOMPARE(active.size(), 1);
    QCOMPARE(active[0].id(), QString("disk:/mnt/usb"));
    QCOMPARE(active[0].severity, AlertSeverity::Critical); // sampleAlert(1): odd is critical
    QCOMPARE(active[0].state, Alert::State::Firing);
    QCOMPARE(active[0].value, 81.0); // 80 + 1
    QCOMPARE(active[0].threshold, 75.0);
    QCOMPARE(active[0].since, 4000);
    QCOMPARE(active[0].ts, 4500);
    QVERIFY(active[0].acknowledged);
    QCOMPARE(active[0].message, QString("event 1"));
    // Nothing firing any more: nothing to restore.
    QVERIFY(reopened.saveActive({}));
    QVERIFY(AlertLog(path).loadActive().isEmpty());
}

void TestAlertLog::unreadableActiveListRestoresNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("alerts.jsonl");
    QFile file(dir.filePath("alerts.active.json"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"([{"rule":"cpu","severity":"warning","state":"fir)");
    file.close();
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("unreadable active alerts"));
    QVERIFY(AlertLog(path).loadActive().isEmpty());
}

void TestAlertLog::topProcessesSurviveRestart()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("alerts.jsonl");
    Alert fired = sampleAlert(0);
    fired.top.cpu = {{4242, QStringLiteral("stress-ng"), 198.5, 12 << 20},
                     {17, QStringLiteral("postgres"), 40, 300 << 20}};
    fired.top.rss = {{17, QStringLiteral("postgres"), 40, 300 << 20}};
    {
        AlertLog log(path);
        QVERIFY(log.append(fired));
        QVERIFY(log.saveActive({fired}));
    }
    AlertLog reopened(path);
    reopened.load();
    for (const Alert &alert : {reopened.recent().value(0), reopened.loadActive().value(0)}) {
        QCOMPARE(alert.top.cpu.size(), 2);
        QCOMPARE(alert.top.cpu[0].pid, 4242);
        QCOMPARE(alert.top.cpu[0].name, QString("stress-ng"));
        QCOMPARE(alert.top.cpu[0].cpu, 198.5);
        QCOMPARE(alert.top.cpu[0].rss, quint64(12582912)); // 12 * 1048576
        QCOMPARE(alert.top.cpu[1].name, QString("postgres"));
        QCOMPARE(alert.top.rss.size(), 1);
        QCOMPARE(alert.top.rss[0].rss, quint64(314572800)); // 300 * 1048576
    }
}

// A log written before alerts recorded their top processes still loads, with an empty top.
void TestAlertLog::lineWithoutTopProcessesLoads()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("alerts.jsonl");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"acknowledged":false,"id":"cpu","instance":"","message":"old","rule":"cpu",)"
               R"("severity":"warning","since":1000,"state":"firing","threshold":75,"ts":1000,)"
               R"("value":90})"
               "\n");
    file.close();
    AlertLog log(path);
    log.load();
    QCOMPARE(log.recent().size(), 1);
    QCOMPARE(log.recent()[0].message, QString("old"));
    QVERIFY(log.recent()[0].top.isEmpty());
    QVERIFY(!log.recent()[0].toJson().contains("top"));
}

QTEST_GUILESS_MAIN(TestAlertLog)
#include "tst_alertlog.moc"
