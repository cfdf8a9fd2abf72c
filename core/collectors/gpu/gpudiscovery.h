#pragma once

#include "collectors/gpu/gpusysfs.h"

#include <QList>
#include <QString>
#include <QtGlobal>

// A DRM card found under <sys>/class/drm.
struct GpuCard
{
    QString card;    // "card0": changes when a device is plugged again, so never the key
    QString address; // the PCI address, "0000:03:00.0": the key
};

// What a card is, read once when it is first seen.
struct GpuIdentity
{
    QString driver; // the name of device/driver's target: amdgpu, i915, xe, nvidia
    quint16 vendorId = 0;
    quint16 deviceId = 0;
};

class GpuDiscovery
{
public:
    // Every <sys>/class/drm/card<N> whose device is a PCI device, by PCI address: one readdir
    // and one readlink per card. Connector nodes (card1-DP-1), render nodes (renderD128) and
    // cards of non-PCI devices (simpledrm's framebuffer) are left out.
    static QList<GpuCard> cards(GpuSysfs &sysfs);
    // The driver, vendor and device ids; driver empty when the card has no driver bound.
    static GpuIdentity identify(GpuSysfs &sysfs, const QString &card);
    // "amd", "intel", "nvidia"; empty for any other vendor.
    static QString vendor(quint16 vendorId);
    // The device's name in pci.ids (the file at pciIds), else "AMD GPU 1002:73bf".
    static QString name(const QString &pciIds, quint16 vendorId, quint16 deviceId);
};
