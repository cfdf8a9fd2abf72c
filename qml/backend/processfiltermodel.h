#pragma once

#include "processmodel.h"

#include <QSet>
#include <QSortFilterProxyModel>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

// The process table as a view shows it: sorted by any column, filtered by text, user and state,
// flat or as a tree by parent, with one selected process. The selection is a pid, not a row, so
// it stays on the same process when a tick reorders the rows, and comes back if the process
// shows again.
//
// The tree is this same proxy sorted by each row's path from its root (ancestors first,
// siblings by the sort column) and filtered by collapse, rather than a QtQuick TreeView (a
// QAbstractItemModel tree, new and sparse in Qt 6.4) or a second flattening proxy: one model
// for both modes, the selection code unchanged, and depth, hasChildren and expanded are roles
// that a plain TableView delegate indents by. A tick re-sorts the tree as a whole (a
// layoutChanged, never a reset), since a parent that moves takes its children along.
class ProcessFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ProcessFilterModel belongs to the Backend")

    // Case-insensitive part of a name, command line, user or unit, or a whole pid; empty: all.
    Q_PROPERTY(QString filterText READ filterText WRITE setFilterText NOTIFY filterTextChanged)
    // Only this user's processes; empty: every user.
    Q_PROPERTY(QString filterUser READ filterUser WRITE setFilterUser NOTIFY filterUserChanged)
    // Only processes in this state (the kernel's letter: R, S, D, Z, T, I…); empty: any.
    Q_PROPERTY(QString filterState READ filterState WRITE setFilterState NOTIFY filterStateChanged)
    // The users and the states of the listed processes, sorted: what the filters offer.
    Q_PROPERTY(QStringList users READ users NOTIFY choicesChanged)
    Q_PROPERTY(QStringList states READ states NOTIFY choicesChanged)
    // Processes nested under their parent, with collapse; false: a flat list.
    Q_PROPERTY(bool treeMode READ treeMode WRITE setTreeMode NOTIFY treeModeChanged)
    // The rows shown.
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    // The ProcessModel::Column sorted by, and the order.
    Q_PROPERTY(int sortColumn READ sortColumn NOTIFY sortChanged)
    Q_PROPERTY(Qt::SortOrder sortOrder READ sortOrder NOTIFY sortChanged)
    // The selected process; 0 when none is selected.
    Q_PROPERTY(int selectedPid READ selectedPid WRITE setSelectedPid NOTIFY selectedPidChanged)
    // The row that shows the selected process, -1 when it is not listed.
    Q_PROPERTY(int selectedRow READ selectedRow NOTIFY selectedRowChanged)
    // The model under this one, where the process actions are.
    Q_PROPERTY(ProcessModel *processModel READ processModel CONSTANT)

public:
    enum Role {
        DepthRole = Qt::UserRole + 40, // ancestors shown above the row in tree mode, else 0
        HasChildrenRole,               // tree mode: the process has listed children
        ExpandedRole,                  // tree mode: its children are shown
    };
    Q_ENUM(Role)

    explicit ProcessFilterModel(ProcessModel *source, QObject *parent = nullptr);

    QString filterText() const { return m_filterText; }
    void setFilterText(const QString &text);
    QString filterUser() const { return m_filterUser; }
    void setFilterUser(const QString &user);
    QString filterState() const { return m_filterState; }
    void setFilterState(const QString &state);
    QStringList users() const { return m_users; }
    QStringList states() const { return m_states; }
    int count() const { return rowCount(); }
    bool treeMode() const { return m_treeMode; }
    void setTreeMode(bool tree);
    int sortColumn() const { return QSortFilterProxyModel::sortColumn(); }
    Qt::SortOrder sortOrder() const { return QSortFilterProxyModel::sortOrder(); }
    int selectedPid() const { return m_selectedPid; }
    void setSelectedPid(int pid);
    int selectedRow() const { return m_selectedRow; }
    ProcessModel *processModel() const { return m_source; }

    // Sorts by a column; the same column again flips the order. Amounts (CPU, memory, threads,
    // I/O) start with the largest first (the busiest process on top, as top does), the rest
    // with the smallest.
    Q_INVOKABLE void sortBy(int column);
    // The pid shown in a row, 0 outside the table.
    Q_INVOKABLE int pidAt(int row) const;
    // Selects the process of a row (none outside the table).
    Q_INVOKABLE void selectRow(int row);
    // Moves the selection by rows (keyboard up and down), staying inside the table.
    Q_INVOKABLE void moveSelection(int delta);
    // Tree mode: shows or hides the children of a process.
    Q_INVOKABLE void toggleExpanded(int pid);

    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void filterTextChanged();
    void filterUserChanged();
    void filterStateChanged();
    void choicesChanged();
    void treeModeChanged();
    void sortChanged();
    void countChanged();
    void selectedPidChanged();
    void selectedRowChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    void onSourceUpdated();
    void refilter();
    void findSelectedRow();
    bool matches(int sourceRow) const;
    bool flatLessThan(int leftRow, int rightRow, int column) const;
    QList<int> path(int pid) const;
    bool collapsedAbove(int pid) const;
    const QSet<int> &keptAncestors() const;

    ProcessModel *m_source;
    QString m_filterText;
    QString m_filterUser;
    QString m_filterState;
    QStringList m_users;
    QStringList m_states;
    bool m_treeMode = false;
    QSet<int> m_collapsed;
    int m_selectedPid = 0;
    int m_selectedRow = -1;
    // The ancestors of the matching processes (tree mode keeps them), for one source revision.
    mutable QSet<int> m_kept;
    mutable quint64 m_keptRevision = 0;
    mutable bool m_keptValid = false;
};
