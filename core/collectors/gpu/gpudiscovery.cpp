#include "collectors/gpu/gpudiscovery.h"

#include <QFile>
#include <QHash>
#include <QRegularExpression>

namespace {

QString lastComponent(const QString &path)
{
    return path.mid(path.lastIndexOf(u'/') + 1);
}

quint16 hexId(const std::optional<QByteArray> &text)
{
    bool ok = false;
    const uint value = text ? text->toUInt(&ok, 16) : 0; // "0x1002"
    return ok && value <= 0xffff ? quint16(value) : 0;
}

QString hex4(quint16 id)
{
    return QStringLiteral("%1").arg(uint(id), 4, 16, QChar(u'0'));
}

} // namespace

QList<GpuCard> GpuDiscovery::cards(GpuSysfs &sysfs)
{
    static const QRegularExpression cardName(QStringLiteral("^card[0-9]+$"));
    static const QRegularExpression pciAddress(
        QStringLiteral("^[0-9a-f]{4,}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]$"));
    QList<GpuCard> result;
    for (const QString &card : sysfs.list(QStringLiteral("class/drm"))) {
        if (!cardName.match(card).hasMatch())
            continue;
        const QString address =
            lastComponent(sysfs.readLink(QStringLiteral("class/drm/") + card + u"/device"));
        if (pciAddress.match(address).hasMatch())
            result.append({card, address});
    }
    return result;
}

GpuIdentity GpuDiscovery::identify(GpuSysfs &sysfs, const QString &card)
{
    const QString device = QStringLiteral("class/drm/") + card + u"/device/";
    return {lastComponent(sysfs.readLink(device + u"driver")),
            hexId(sysfs.read(device + u"vendor")), hexId(sysfs.read(device + u"device"))};
}

QString GpuDiscovery::vendor(quint16 vendorId)
{
    switch (vendorId) {
    case 0x1002:
        return QStringLiteral("amd");
    case 0x8086:
        return QStringLiteral("intel");
    case 0x10de:
        return QStringLiteral("nvidia");
    default:
        return {};
    }
}

QString GpuDiscovery::name(const QString &pciIds, quint16 vendorId, quint16 deviceId)
{
    // pci.ids: a vendor line "1002  Advanced Micro Devices, Inc. [AMD/ATI]" at the margin, then
    // its devices indented by one tab, "\t73bf  Navi 21 [Radeon RX 6800/6800 XT / 6900 XT]".
    QFile file(pciIds);
    if (file.open(QIODevice::ReadOnly)) {
        const QByteArray vendorLine = hex4(vendorId).toLatin1() + "  ";
        const QByteArray deviceLine = '\t' + hex4(deviceId).toLatin1() + "  ";
        bool inVendor = false;
        while (!file.atEnd()) {
            const QByteArray line = file.readLine();
            if (line.startsWith(vendorLine))
                inVendor = true;
            else if (inVendor && !line.startsWith('\t') && !line.startsWith('#'))
                break;
            else if (inVendor && line.startsWith(deviceLine))
                return QString::fromUtf8(line.mid(deviceLine.size()).trimmed());
        }
    }
    static const QHash<QString, QString> display{
        {QStringLiteral("amd"), QStringLiteral("AMD")},
        {QStringLiteral("intel"), QStringLiteral("Intel")},
        {QStringLiteral("nvidia"), QStringLiteral("NVIDIA")}};
    return display.value(vendor(vendorId), QStringLiteral("PCI")) + QStringLiteral(" GPU ") +
           hex4(vendorId) + u':' + hex4(deviceId);
}
