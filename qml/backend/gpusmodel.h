#pragma once

#include "snapshot.h"

#include <QAbstractListModel>
#include <QList>
#include <QtQml/qqmlregistration.h>

// The GPUs of the latest tick (Snapshot::gpus), one row per GPU keyed by its PCI address. A GPU
// that stays keeps its row (its values change in place), one that leaves is removed and a
// newcomer appended, so a delegate's charts live on across ticks. A value not read this tick
// (a suspended GPU's load, temperature, power) is NaN, never 0: the view shows a dash or says
// the GPU is asleep.
class GpusModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("GpusModel belongs to the Backend")
    // Rows listed: 0 on a machine without a GPU Vantage can read, where the view is not offered.
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role {
        IdRole = Qt::UserRole + 1, // PCI address, "0000:03:00.0"
        NameRole,
        VendorRole,
        DriverRole,
        StateRole, // "active", "suspended", "gone"
        LoadRole,  // percent; NaN when not read
        VramUsedRole,
        VramTotalRole,
        GttUsedRole,
        GttTotalRole,
        TempRole, // °C
        TempCriticalRole,
        PowerRole, // W
        PowerLimitRole,
        ClockRole,        // MHz
        FanRole,          // percent
        SeriesPrefixRole, // "gpus[0000:03:00.0]", the history series' stem
    };
    Q_ENUM(Role)

    explicit GpusModel(QObject *parent = nullptr);

    // Takes the GPUs of a new tick.
    void update(const QList<GpuUsage> &gpus);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void countChanged();

private:
    QList<GpuUsage> m_rows;
};
