#include "collectors/disks/mountsparser.h"

#include <QFile>
#include <QTest>

// A mount as one comparable string, so a failure prints the whole list readably.
static QStringList describe(const QList<MountEntry> &entries)
{
    QStringList lines;
    for (const MountEntry &entry : entries)
        lines.append(entry.device + u'|' + entry.mount + u'|' + entry.fs);
    return lines;
}

class TestMountsParser : public QObject
{
    Q_OBJECT

private slots:
    void parsesCapture_data();
    void parsesCapture();
    void parsesLines_data();
    void parsesLines();
    void mayStopAnswering_data();
    void mayStopAnswering();
};

void TestMountsParser::parsesCapture_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QStringList>("expected");

    // Kept, in file order: the root, the EFI partition, /home on LVM, an NTFS disk whose label
    // has a space (\040), an NFS share and an sshfs mount with a space. Dropped: every pseudo
    // filesystem, the four snap squashfs images on /dev/loopN, the bind mounts of the root
    // device (host-hunspell) and of vg0-home (docker-volumes: longer than /home), docker's
    // overlay and the gvfs/portal FUSE mounts, whose sources are not block devices.
    QTest::newRow("desktop") << QStringLiteral("fixtures/mounts-desktop")
                             << QStringList{
                                    QStringLiteral("/dev/nvme0n1p2|/|ext4"),
                                    QStringLiteral("/dev/nvme0n1p1|/boot/efi|vfat"),
                                    QStringLiteral("/dev/mapper/vg0-home|/home|ext4"),
                                    QStringLiteral("nas.local:/export/media|/mnt/media|nfs4"),
                                    QStringLiteral("/dev/sda1|/media/alice/My Passport|ntfs3"),
                                    QStringLiteral(
                                        "alice@build:/srv|/home/alice/build farm|fuse.sshfs"),
                                };
    // The root is an overlay (dropped). The host's root device is bind-mounted three times;
    // the shortest path wins: /etc/hosts (10 characters) over /etc/hostname (13) and
    // /etc/resolv.conf (16), as df in a container shows it.
    QTest::newRow("container") << QStringLiteral("fixtures/mounts-container")
                               << QStringList{
                                      QStringLiteral("/dev/nvme0n1p2|/etc/hosts|ext4"),
                                      QStringLiteral("/dev/mapper/vg0-home|/workspace|ext4"),
                                  };
}

void TestMountsParser::parsesCapture()
{
    QFETCH(QString, fixture);
    QFETCH(QStringList, expected);
    QFile file(QFINDTESTDATA(fixture));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(fixture));
    QCOMPARE(describe(MountsParser::parse(file.readAll())), expected);
}

void TestMountsParser::parsesLines_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("space \\040") << QByteArray("/dev/sdb1 /mnt/a\\040b ext4 rw 0 0\n")
                                 << QStringList{QStringLiteral("/dev/sdb1|/mnt/a b|ext4")};
    QTest::newRow("tab \\011") << QByteArray("/dev/sdb1 /mnt/a\\011b ext4 rw 0 0\n")
                               << QStringList{QStringLiteral("/dev/sdb1|/mnt/a\tb|ext4")};
    QTest::newRow("newline \\012") << QByteArray("/dev/sdb1 /mnt/a\\012b ext4 rw 0 0\n")
                                   << QStringList{QStringLiteral("/dev/sdb1|/mnt/a\nb|ext4")};
    QTest::newRow("backslash \\134") << QByteArray("/dev/sdb1 /mnt/a\\134b ext4 rw 0 0\n")
                                     << QStringList{QStringLiteral("/dev/sdb1|/mnt/a\\b|ext4")};
    QTest::newRow("escape in device") << QByteArray("//nas/my\\040share /mnt/s cifs rw 0 0\n")
                                      << QStringList{QStringLiteral("//nas/my share|/mnt/s|cifs")};
    // A backslash not followed by three octal digits that fit a byte stays as it is.
    QTest::newRow("not an escape")
        << QByteArray("/dev/sdb1 /mnt/a\\9b\\400\\04 ext4 rw 0 0\n")
        << QStringList{QStringLiteral("/dev/sdb1|/mnt/a\\9b\\400\\04|ext4")};
    // "Äpfel" in UTF-8 is C3 84 70 66 65 6C; the kernel writes the bytes unescaped.
    QTest::newRow("utf-8 path") << QByteArray("/dev/sdb1 /media/\xc3\x84pfel vfat rw 0 0\n")
                                << QStringList{QStringLiteral("/dev/sdb1|/media/\u00c4pfel|vfat")};
    QTest::newRow("no final newline") << QByteArray("/dev/sdb1 /data xfs rw 0 0")
                                      << QStringList{QStringLiteral("/dev/sdb1|/data|xfs")};
    QTest::newRow("malformed lines") << QByteArray("\n"
                                                   "/dev/sdb1 /short ext4\n"
                                                   "/dev/sdb2 relative ext4 rw 0 0\n"
                                                   "/dev/sdb3 /seven ext4 rw 0 0 extra\n"
                                                   "garbage\n"
                                                   "/dev/sdb4 /good ext4 rw 0 0\n")
                                     << QStringList{QStringLiteral("/dev/sdb4|/good|ext4")};
    QTest::newRow("squashfs on a loop device")
        << QByteArray("/dev/loop3 /snap/core/1 squashfs ro 0 0\n") << QStringList{};
    QTest::newRow("pseudo filesystems")
        << QByteArray("tmpfs /run tmpfs rw 0 0\ncgroup /sys/fs/cgroup/cpu cgroup rw 0 0\n"
                      "cgroup2 /sys/fs/cgroup cgroup2 rw 0 0\noverlay /merged overlay rw 0 0\n"
                      "systemd-1 /auto autofs rw 0 0\nudev /dev devtmpfs rw 0 0\n")
        << QStringList{};
    QTest::newRow("unlisted type on a block device")
        << QByteArray("/dev/sr0 /media/cd iso9660 ro 0 0\n/dev/sdc1 /win fuseblk rw 0 0\n")
        << QStringList{QStringLiteral("/dev/sr0|/media/cd|iso9660"),
                       QStringLiteral("/dev/sdc1|/win|fuseblk")};
    QTest::newRow("unlisted type, not a block device")
        << QByteArray("hostshare /mnt/host 9p rw 0 0\n") << QStringList{};
    QTest::newRow("zfs dataset") << QByteArray("rpool/home /home zfs rw 0 0\n")
                                 << QStringList{QStringLiteral("rpool/home|/home|zfs")};
    // The bind mount comes first in the file; the shorter path still wins.
    QTest::newRow("bind mount before the original")
        << QByteArray("/dev/sdb1 /srv/data/bind ext4 rw 0 0\n/dev/sdb1 /srv ext4 rw 0 0\n")
        << QStringList{QStringLiteral("/dev/sdb1|/srv|ext4")};
    QTest::newRow("mount over a mount")
        << QByteArray("/dev/sdb1 /mnt ext4 rw 0 0\n/dev/sdc1 /mnt xfs rw 0 0\n")
        << QStringList{QStringLiteral("/dev/sdc1|/mnt|xfs")};
    QTest::newRow("tmpfs over a real filesystem")
        << QByteArray("/dev/sdb1 /mnt ext4 rw 0 0\ntmpfs /mnt tmpfs rw 0 0\n") << QStringList{};
    QTest::newRow("empty") << QByteArray() << QStringList{};
}

void TestMountsParser::parsesLines()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, expected);
    QCOMPARE(describe(MountsParser::parse(text)), expected);
}

void TestMountsParser::mayStopAnswering_data()
{
    QTest::addColumn<QString>("device");
    QTest::addColumn<QString>("fs");
    QTest::addColumn<bool>("expected");
    QTest::newRow("nfs4") << QStringLiteral("nas:/export") << QStringLiteral("nfs4") << true;
    QTest::newRow("nfs") << QStringLiteral("nas:/export") << QStringLiteral("nfs") << true;
    QTest::newRow("cifs") << QStringLiteral("//nas/share") << QStringLiteral("cifs") << true;
    QTest::newRow("sshfs") << QStringLiteral("me@host:") << QStringLiteral("fuse.sshfs") << true;
    QTest::newRow("fuseblk") << QStringLiteral("/dev/sdc1") << QStringLiteral("fuseblk") << true;
    QTest::newRow("9p") << QStringLiteral("host0") << QStringLiteral("9p") << true;
    QTest::newRow("ext4") << QStringLiteral("/dev/sda2") << QStringLiteral("ext4") << false;
    QTest::newRow("zfs") << QStringLiteral("rpool/home") << QStringLiteral("zfs") << false;
    QTest::newRow("btrfs") << QStringLiteral("/dev/nvme0n1p3") << QStringLiteral("btrfs") << false;
}

void TestMountsParser::mayStopAnswering()
{
    QFETCH(QString, device);
    QFETCH(QString, fs);
    QFETCH(bool, expected);
    QCOMPARE(MountsParser::mayStopAnswering({device, QStringLiteral("/mnt/x"), fs}), expected);
}

QTEST_GUILESS_MAIN(TestMountsParser)
#include "tst_mountsparser.moc"
