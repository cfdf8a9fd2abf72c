#pragma once

#include "fleetmodel.h"

#include <QSortFilterProxyModel>
#include <QtQml/qqmlregistration.h>

// The fleet as the Fleet view lists it: sorted by sortKey ("name"; "severity": the worst alerts
// first, down hosts before the rest at the same severity; "cpu" or "memory": the busiest first,
// unknown last) and filtered by filterText (in the name, URL or state, any case).
class FleetFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("FleetFilterModel belongs to the Backend")
    Q_PROPERTY(QString sortKey READ sortKey WRITE setSortKey NOTIFY sortKeyChanged)
    Q_PROPERTY(QString filterText READ filterText WRITE setFilterText NOTIFY filterTextChanged)
    // Hosts shown.
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    explicit FleetFilterModel(FleetModel *source, QObject *parent = nullptr);

    QString sortKey() const { return m_sortKey; }
    void setSortKey(const QString &key);
    QString filterText() const { return m_filterText; }
    void setFilterText(const QString &text);
    int count() const { return rowCount(); }

signals:
    void sortKeyChanged();
    void filterTextChanged();
    void countChanged();

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_sortKey = QStringLiteral("name");
    QString m_filterText;
};
