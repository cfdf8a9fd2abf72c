#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QtQml/qqmlregistration.h>

#include <algorithm>

// A list model over one list of each tick's Snapshot (mounts, interfaces, sensors). Rows change
// in place while every row keeps its key, so delegates keep their state; when a row comes or
// goes the list resets.
class TickListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged) // rows listed

public:
    using QAbstractListModel::QAbstractListModel;

signals:
    void countChanged();

protected:
    template<typename Item, typename Key>
    void replaceRows(QList<Item> &rows, const QList<Item> &fresh, Key Item::*key)
    {
        const auto sameKey = [key](const Item &a, const Item &b) { return a.*key == b.*key; };
        if (rows.size() == fresh.size() &&
            std::equal(rows.cbegin(), rows.cend(), fresh.cbegin(), sameKey)) {
            rows = fresh;
            if (!rows.isEmpty())
                emit dataChanged(index(0), index(int(rows.size()) - 1));
            return;
        }
        beginResetModel();
        rows = fresh;
        endResetModel();
        emit countChanged();
    }
};
