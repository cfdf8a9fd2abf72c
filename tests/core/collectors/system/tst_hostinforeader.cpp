#include "collectors/system/hostinforeader.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

class TestHostInfoReader : public QObject
{
    Q_OBJECT

private slots:
    void readsFixtureTree();
    void missingFilesGiveEmptyFields();
    void osIsPrettyNameFromOsRelease();
};

void TestHostInfoReader::readsFixtureTree()
{
    SystemPaths paths;
    paths.procRoot = QFINDTESTDATA("fixtures/proc-host");
    QVERIFY(!paths.procRoot.isEmpty());

    const HostInfo info = HostInfoReader::read(paths);
    // The files' text without the trailing newline.
    QCOMPARE(info.hostname, QStringLiteral("vantage-test"));
    QCOMPARE(info.kernel, QStringLiteral("6.1.0-21-amd64"));
    // cpuinfo lists processors 0 to 3, each "model name : Intel(R) Core(TM) i5-9600K ...".
    QCOMPARE(info.cpuModel, QStringLiteral("Intel(R) Core(TM) i5-9600K CPU @ 3.70GHz"));
    QCOMPARE(info.cpuCount, 4);
    // stat has "btime 1718000000" (seconds): 1718000000 * 1000 ms.
    QCOMPARE(info.bootTime, Q_INT64_C(1718000000000));
}

void TestHostInfoReader::missingFilesGiveEmptyFields()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    SystemPaths paths;
    paths.procRoot = root.path();
    // One warning for each of hostname, osrelease, cpuinfo and stat.
    const QRegularExpression warning(QStringLiteral("host info incomplete: cannot read"));
    for (int file = 0; file < 4; ++file)
        QTest::ignoreMessage(QtWarningMsg, warning);

    const HostInfo info = HostInfoReader::read(paths);
    QVERIFY(info.hostname.isEmpty());
    QVERIFY(info.kernel.isEmpty());
    QVERIFY(info.cpuModel.isEmpty());
    QCOMPARE(info.cpuCount, 0);
    QCOMPARE(info.bootTime, 0);
}

// The OS name is not under the proc root: compare with os-release as the test reads it.
void TestHostInfoReader::osIsPrettyNameFromOsRelease()
{
    QFile osRelease(QStringLiteral("/etc/os-release"));
    if (!osRelease.open(QIODevice::ReadOnly)) {
        osRelease.setFileName(QStringLiteral("/usr/lib/os-release"));
        if (!osRelease.open(QIODevice::ReadOnly))
            QSKIP("no os-release on this machine");
    }
    const QRegularExpression prettyName(QStringLiteral("^PRETTY_NAME=\"?([^\"\\n]*)\"?$"),
                                        QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = prettyName.match(QString::fromUtf8(osRelease.readAll()));
    if (!match.hasMatch())
        QSKIP("os-release has no PRETTY_NAME");

    SystemPaths paths;
    paths.procRoot = QFINDTESTDATA("fixtures/proc-host");
    QCOMPARE(HostInfoReader::read(paths).os, match.captured(1));
}

QTEST_GUILESS_MAIN(TestHostInfoReader)
#include "tst_hostinforeader.moc"
