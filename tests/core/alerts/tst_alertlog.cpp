#include "alerts/alertlog.h"

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

QTEST_GUILESS_MAIN(TestAlertLog)
#include "tst_alertlog.moc"
