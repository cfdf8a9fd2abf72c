#include "alerts/alertlog.h"

#include <QFile>
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
    QTemporaryDir dir;
    const QString path = dir.filePath("alerts.jsonl");
    AlertLog log(path, 1000);
    for (int i = 0; i < 30; ++i)
        log.append(sampleAlert(i));
    log.close();
    QVERIFY(QFile::exists(path + ".1"));
    // Neither file grows past the bound by more than one line.
    QVERIFY(QFileInfo(path).size() < 1000);
    QVERIFY(QFileInfo(path + ".1").size() < 1300);
    AlertLog reopened(path, 1000);
    reopened.load();
    QCOMPARE(reopened.recent().last().message, QString("event 29"));
    QVERIFY(reopened.recent().size() > 3); // the current file and its predecessor
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
