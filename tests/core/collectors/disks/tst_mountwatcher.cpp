#include "collectors/disks/mountwatcher.h"
#include "requireorskip.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sched.h>
#include <sys/mount.h>

class TestMountWatcher : public QObject
{
    Q_OBJECT

private slots:
    void regularFileNeverChanges();
    void missingFileNeverChanges();
    void reportsEachMountChangeOnce();
};

// A fixture tree's mounts file is a plain file: poll() never flags it, even when rewritten.
void TestMountWatcher::regularFileNeverChanges()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("mounts")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.write("/dev/sda1 / ext4 rw 0 0\n") > 0);
    file.flush();
    MountWatcher watcher(file.fileName());
    QVERIFY(!watcher.hasChanged());
    QVERIFY(file.write("/dev/sdb1 /data ext4 rw 0 0\n") > 0);
    file.flush();
    QVERIFY(!watcher.hasChanged());
}

void TestMountWatcher::missingFileNeverChanges()
{
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("no-such-mounts")));
    MountWatcher watcher(QStringLiteral("/nonexistent/no-such-mounts"));
    QVERIFY(!watcher.hasChanged());
}

void TestMountWatcher::reportsEachMountChangeOnce()
{
    // A private mount namespace lets the test mount and unmount without touching the machine.
    VANTAGE_REQUIRE_OR_SKIP(::unshare(CLONE_NEWNS) == 0,
                            "no permission for a private mount namespace (needs CAP_SYS_ADMIN)");
    QCOMPARE(::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr), 0);
    QTemporaryDir target;
    const QByteArray path = QFile::encodeName(QDir(target.path()).canonicalPath());
    MountWatcher watcher(QStringLiteral("/proc/self/mounts"));
    QVERIFY(!watcher.hasChanged()); // nothing happened since it was opened

    QCOMPARE(::mount("vantage-test", path.constData(), "tmpfs", 0, "size=64k"), 0);
    const bool sawMount = watcher.hasChanged();
    const bool sawMountTwice = watcher.hasChanged();
    QCOMPARE(::umount(path.constData()), 0);
    QVERIFY(sawMount);
    QVERIFY(!sawMountTwice);       // one change, reported once
    QVERIFY(watcher.hasChanged()); // the unmount
    QVERIFY(!watcher.hasChanged());
}

QTEST_GUILESS_MAIN(TestMountWatcher)
#include "tst_mountwatcher.moc"
