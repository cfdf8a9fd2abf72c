#include "mountsparser.h"

#include "io/asciitokenizer.h"

#include <QHash>
#include <QLatin1StringView>
#include <QVarLengthArray>

#include <algorithm>
#include <iterator>

namespace {

// Fields of one mounts line: device, mount, type, options, dump, pass.
constexpr qsizetype MountsFieldCount = 6;

bool isOctalDigit(char c)
{
    return c >= '0' && c <= '7';
}

// True when field[i] starts a backslash and three octal digits that encode one byte.
bool isEscapeAt(QByteArrayView field, qsizetype i)
{
    return field[i] == '\\' && i + 3 < field.size() && field[i + 1] >= '0' && field[i + 1] <= '3' &&
           isOctalDigit(field[i + 2]) && isOctalDigit(field[i + 3]);
}

// The kernel writes space, tab, newline and backslash (and '#' on newer kernels) in a path as
// an octal escape, so that the fields stay space-separated.
QString unescape(QLatin1StringView text)
{
    const QByteArrayView field(text.data(), text.size());
    QByteArray bytes;
    bytes.reserve(field.size());
    for (qsizetype i = 0; i < field.size(); ++i) {
        if (isEscapeAt(field, i)) {
            bytes.append(
                char((field[i + 1] - '0') * 64 + (field[i + 2] - '0') * 8 + (field[i + 3] - '0')));
            i += 3;
        } else {
            bytes.append(field[i]);
        }
    }
    return QString::fromUtf8(bytes);
}

QList<MountEntry> parseAll(QByteArrayView text)
{
    QList<MountEntry> entries;
    for (const QLatin1StringView line : AsciiTokenizer(QLatin1StringView(text), '\n')) {
        QVarLengthArray<QLatin1StringView, MountsFieldCount> fields;
        for (const QLatin1StringView field : AsciiTokenizer(line, ' ', Qt::SkipEmptyParts))
            fields.append(field);
        if (fields.size() == MountsFieldCount && fields[1].startsWith(u'/'))
            entries.append({unescape(fields[0]), unescape(fields[1]), unescape(fields[2])});
    }
    return entries;
}

// A later mount on the same path hides the earlier one: statvfs() sees only the top mount.
QList<MountEntry> dropHidden(const QList<MountEntry> &entries)
{
    QHash<QString, qsizetype> indexByMount;
    QList<MountEntry> visible;
    for (const MountEntry &entry : entries) {
        const auto found = indexByMount.constFind(entry.mount);
        if (found != indexByMount.constEnd()) {
            visible[*found] = entry;
        } else {
            indexByMount.insert(entry.mount, visible.size());
            visible.append(entry);
        }
    }
    return visible;
}

// Which mounts hold user data, as df lists them. Real and network filesystems are kept whatever
// their source is called (zfs names a dataset, nfs a server). Pseudo and image filesystems are
// dropped, squashfs even on a block device: a snap's /dev/loopN image is a read-only package,
// always 100% full. Any other type is kept only when its source is a block device (/dev/...),
// which covers iso9660, udf, fuseblk and the like.
constexpr const char *KeptTypes[] = {
    "ext2",  "ext3", "ext4",  "xfs", "btrfs", "zfs",  "f2fs", "vfat",
    "exfat", "ntfs", "ntfs3", "nfs", "nfs4",  "cifs", "smb3", "fuse.sshfs",
};
constexpr const char *DroppedTypes[] = {
    "squashfs", "overlay", "tmpfs", "devtmpfs", "proc", "sysfs", "cgroup", "cgroup2", "autofs",
};

constexpr const char *NetworkTypes[] = {
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "ceph", "glusterfs", "afs", "lustre",
};

template<typename Table>
bool isListed(const Table &types, const QString &fs)
{
    return std::any_of(std::begin(types), std::end(types),
                       [&](const char *type) { return fs == QLatin1StringView(type); });
}

bool isRealFilesystem(const MountEntry &entry)
{
    if (isListed(KeptTypes, entry.fs))
        return true;
    if (isListed(DroppedTypes, entry.fs))
        return false;
    return entry.device.startsWith(QLatin1StringView("/dev/"));
}

// One entry per device: a bind mount shows the same filesystem again, and df keeps the mount
// with the shortest path, which is the one a user recognises (/home rather than
// /var/snap/x/home).
QList<MountEntry> dropBindMounts(const QList<MountEntry> &entries)
{
    QHash<QString, qsizetype> indexByDevice;
    QList<MountEntry> unique;
    for (const MountEntry &entry : entries) {
        const auto found = indexByDevice.constFind(entry.device);
        if (found == indexByDevice.constEnd()) {
            indexByDevice.insert(entry.device, unique.size());
            unique.append(entry);
        } else if (entry.mount.size() < unique[*found].mount.size()) {
            unique[*found] = entry;
        }
    }
    return unique;
}

} // namespace

QList<MountEntry> MountsParser::parse(QByteArrayView text)
{
    QList<MountEntry> real;
    for (const MountEntry &entry : dropHidden(parseAll(text))) {
        if (isRealFilesystem(entry))
            real.append(entry);
    }
    return dropBindMounts(real);
}

bool MountsParser::mayStopAnswering(const MountEntry &entry)
{
    return isListed(NetworkTypes, entry.fs) || entry.fs.startsWith(QLatin1StringView("fuse"));
}
