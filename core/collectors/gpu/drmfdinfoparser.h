#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QMap>
#include <QtGlobal>

#include <optional>

// What one DRM file descriptor's /proc/<pid>/fdinfo/<fd> says about its client, in the keys of
// the kernel's "DRM client usage stats" (Documentation/gpu/drm-usage-stats.rst). Maps are keyed
// by the engine or memory region name as the driver spells it ("render", "gfx", "rcs", "vram0").
struct DrmFdinfo
{
    QByteArray driver; // drm-driver: i915, amdgpu, xe, ...
    QByteArray pdev;   // drm-pdev: the PCI address "0000:03:00.0"; empty when not given
    std::optional<quint64> clientId;       // drm-client-id: one per open of the device
    QMap<QByteArray, quint64> engineNs;    // drm-engine-<name>: busy time, ns
    QMap<QByteArray, quint64> capacity;    // drm-engine-capacity-<name>: engines of that kind
    QMap<QByteArray, quint64> cycles;      // drm-cycles-<name> (xe)
    QMap<QByteArray, quint64> totalCycles; // drm-total-cycles-<name> (xe)
    QMap<QByteArray, quint64> resident;    // drm-resident-<region>, bytes
    QMap<QByteArray, quint64> memory;      // drm-memory-<region> (amdgpu's older keys), bytes
    QMap<QByteArray, quint64> total;       // drm-total-<region>, bytes

    // Bytes resident summed over regions: drm-resident-<region>, or drm-memory-<region> for a
    // region without it (amdgpu prints both for the same memory on newer kernels, so never
    // both); nullopt when the driver reports neither.
    std::optional<quint64> residentBytes() const;
    // Engines of that kind (drm-engine-capacity-<name>); 1 when not given, as the spec says.
    quint64 capacityOf(const QByteArray &engine) const;
};

// Parses the text of one fdinfo file. Pure, no I/O. A line that is not "drm-<key>:<value>" with
// a well-formed value (a decimal number with the unit its key allows: "ns" for engines,
// "KiB"/"MiB"/"GiB" or none for memory) is skipped, so garbage never stops the rest.
class DrmFdinfoParser
{
public:
    // The client, or nullopt when the text has no drm-driver line (not a DRM file).
    static std::optional<DrmFdinfo> parse(QByteArrayView text);
};
