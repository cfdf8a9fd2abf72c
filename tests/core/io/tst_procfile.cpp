#include "io/procfile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {
void write(const QString &path, const QByteArray &content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
}
} // namespace

class TestProcFile : public QObject
{
    Q_OBJECT

private slots:
    void rereadsFromTheStart_data();
    void rereadsFromTheStart();
    void growsPastItsBuffer_data();
    void growsPastItsBuffer();
    void realProcFilesReadWhole();
    void vanishedFileReopensWhenBack();
    void readAllOnce();
};

void TestProcFile::rereadsFromTheStart_data()
{
    QTest::addColumn<ProcFile::ReadMode>("mode");
    QTest::newRow("until end") << ProcFile::ReadMode::UntilEndOfFile;
    QTest::newRow("single read") << ProcFile::ReadMode::SingleRead;
}

void TestProcFile::rereadsFromTheStart()
{
    QFETCH(ProcFile::ReadMode, mode);
    QTemporaryDir dir;
    const QString path = dir.filePath("f");
    write(path, "first\n");
    ProcFile file(path, mode);
    bool ok = false;
    QCOMPARE(file.read(&ok), QByteArrayView("first\n"));
    QVERIFY(ok);
    write(path, "second, longer\n"); // same inode, new content: one descriptor sees it
    QCOMPARE(file.read(&ok), QByteArrayView("second, longer\n"));
    QVERIFY(file.isOpen());
}

void TestProcFile::growsPastItsBuffer_data()
{
    QTest::addColumn<ProcFile::ReadMode>("mode");
    QTest::newRow("until end") << ProcFile::ReadMode::UntilEndOfFile;
    QTest::newRow("single read") << ProcFile::ReadMode::SingleRead;
}

void TestProcFile::growsPastItsBuffer()
{
    QFETCH(ProcFile::ReadMode, mode);
    QTemporaryDir dir;
    const QString path = dir.filePath("f");
    // 16 bytes of buffer, 100 bytes of file; also exactly 16 and 32 bytes (a full buffer must
    // not be taken for the end in single-read mode).
    for (int size : {100, 16, 32}) {
        const QByteArray content(size, 'x');
        write(path, content);
        ProcFile file(path, mode, 16);
        QCOMPARE(file.read(), QByteArrayView(content));
    }
}

void TestProcFile::realProcFilesReadWhole()
{
    // /proc/self/stat in one read, and /proc/self/maps (many pages) until the end.
    ProcFile stat(QStringLiteral("/proc/self/stat"), ProcFile::ReadMode::SingleRead, 512);
    const QByteArray line = stat.read().toByteArray();
    QVERIFY(line.startsWith(QByteArray::number(QCoreApplication::applicationPid()) + " ("));
    QVERIFY(line.endsWith('\n'));
    ProcFile maps(QStringLiteral("/proc/self/maps"));
    QFile reference(QStringLiteral("/proc/self/maps"));
    QVERIFY(reference.open(QIODevice::ReadOnly));
    const QByteArray expected = reference.readAll();
    const QByteArray actual = maps.read().toByteArray();
    QCOMPARE(actual.count('\n'), expected.count('\n'));
}

void TestProcFile::vanishedFileReopensWhenBack()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("f");
    ProcFile file(path);
    bool ok = true;
    QVERIFY(file.read(&ok).isEmpty());
    QVERIFY(!ok);
    write(path, "back\n");
    QCOMPARE(file.read(&ok), QByteArrayView("back\n"));
    QVERIFY(ok);
}

void TestProcFile::readAllOnce()
{
    QTemporaryDir dir;
    write(dir.filePath("f"), "once");
    bool ok = false;
    QCOMPARE(ProcFile::readAll(dir.filePath("f"), &ok), QByteArray("once"));
    QVERIFY(ok);
    QVERIFY(ProcFile::readAll(dir.filePath("missing"), &ok).isEmpty());
    QVERIFY(!ok);
}

QTEST_GUILESS_MAIN(TestProcFile)
#include "tst_procfile.moc"
