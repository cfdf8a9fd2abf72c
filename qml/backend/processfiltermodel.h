#pragma once

#include <QSortFilterProxyModel>
#include <QtQml/qqmlregistration.h>

class ProcessModel;

// The process table as the Processes view shows it: sorted by a column, filtered by name, with
// one selected process. The selection is a pid, not a row, so it stays on the same process when
// a tick reorders the rows, and comes back if a process that left the top list returns.
class ProcessFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ProcessFilterModel belongs to the Backend")

    // Case-insensitive part of a process name (or the start of a pid); empty shows all.
    Q_PROPERTY(QString filterText READ filterText WRITE setFilterText NOTIFY filterTextChanged)
    // The ProcessModel::Column sorted by, and the order.
    Q_PROPERTY(int sortColumn READ sortColumn NOTIFY sortChanged)
    Q_PROPERTY(Qt::SortOrder sortOrder READ sortOrder NOTIFY sortChanged)
    // The selected process; 0 when none is selected.
    Q_PROPERTY(int selectedPid READ selectedPid WRITE setSelectedPid NOTIFY selectedPidChanged)
    // The row that shows the selected process, -1 when it is not listed.
    Q_PROPERTY(int selectedRow READ selectedRow NOTIFY selectedRowChanged)

public:
    explicit ProcessFilterModel(ProcessModel *source, QObject *parent = nullptr);

    QString filterText() const { return m_filterText; }
    void setFilterText(const QString &text);
    int sortColumn() const { return QSortFilterProxyModel::sortColumn(); }
    Qt::SortOrder sortOrder() const { return QSortFilterProxyModel::sortOrder(); }
    int selectedPid() const { return m_selectedPid; }
    void setSelectedPid(int pid);
    int selectedRow() const { return m_selectedRow; }

    // Sorts by a column; the same column again flips the order. Numbers start with the largest
    // first (the busiest process on top, as top does), names and pids with the smallest.
    Q_INVOKABLE void sortBy(int column);
    // The pid shown in a row, 0 outside the table.
    Q_INVOKABLE int pidAt(int row) const;
    // Selects the process of a row (none outside the table).
    Q_INVOKABLE void selectRow(int row);
    // Moves the selection by rows (keyboard up and down), staying inside the table.
    Q_INVOKABLE void moveSelection(int delta);

signals:
    void filterTextChanged();
    void sortChanged();
    void selectedPidChanged();
    void selectedRowChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    void findSelectedRow();

    QString m_filterText;
    int m_selectedPid = 0;
    int m_selectedRow = -1;
};
