#pragma once

#include "snapshot.h"
#include "ticklistmodel.h"

#include <QtQml/qqmlregistration.h>

// The temperature sensors of the latest tick, one row per sensor; empty on a machine that has
// none (the view then says so, it never invents a reading). Updated in place while the set of
// sensors stays the same.
class SensorsModel : public TickListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("SensorsModel belongs to the Backend")

public:
    enum Role {
        LabelRole = Qt::UserRole + 1, // "coretemp Package id 0"
        CelsiusRole,                  // °C
        HighRole,                     // °C, NaN when the sensor reports none
        CriticalRole,                 // °C, NaN when the sensor reports none
        SeriesRole,                   // History series name of the reading
    };
    Q_ENUM(Role)

    explicit SensorsModel(QObject *parent = nullptr);

    // Takes the sensors of a new tick.
    void update(const QList<Temperature> &temps);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QList<Temperature> m_temps;
};
