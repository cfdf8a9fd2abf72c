#include "processmodel.h"

#include "format.h"

#include <QHash>
#include <QSet>

ProcessModel::ProcessModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ProcessModel::update(const QList<ProcessUsage> &processes)
{
    QHash<int, qsizetype> incoming;
    for (qsizetype i = 0; i < processes.size(); ++i)
        incoming.insert(processes[i].pid, i);
    removeVanished(incoming);
    refreshKept(processes, incoming);
    appendNew(processes);
}

void ProcessModel::removeVanished(const QHash<int, qsizetype> &incoming)
{
    for (qsizetype row = m_rows.size() - 1; row >= 0; --row) {
        if (incoming.contains(m_rows[row].pid))
            continue;
        beginRemoveRows({}, int(row), int(row));
        m_rows.removeAt(row);
        endRemoveRows();
    }
}

void ProcessModel::refreshKept(const QList<ProcessUsage> &processes,
                               const QHash<int, qsizetype> &incoming)
{
    for (ProcessUsage &row : m_rows)
        row = processes[incoming.value(row.pid)];
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void ProcessModel::appendNew(const QList<ProcessUsage> &processes)
{
    QSet<int> known;
    for (const ProcessUsage &row : std::as_const(m_rows))
        known.insert(row.pid);
    QList<ProcessUsage> added;
    for (const ProcessUsage &process : processes) {
        if (!known.contains(process.pid))
            added.append(process);
    }
    if (added.isEmpty())
        return;
    beginInsertRows({}, rowCount(), rowCount() + int(added.size()) - 1);
    m_rows += added;
    endInsertRows();
}

double ProcessModel::startTime(int pid) const
{
    const std::optional<qint64> ms = m_control->startTimeMs(pid);
    return ms ? double(*ms) : -1;
}

QString ProcessModel::signalProcess(int pid, const QString &signal, double startTime)
{
    ProcessControl::Request request;
    request.pid = pid;
    request.action = QStringLiteral("signal");
    request.signal = signal;
    return perform(request, startTime);
}

QString ProcessModel::renice(int pid, int nice, double startTime)
{
    ProcessControl::Request request;
    request.pid = pid;
    request.action = QStringLiteral("renice");
    request.nice = nice;
    return perform(request, startTime);
}

QString ProcessModel::perform(ProcessControl::Request request, double startTime)
{
    request.by = QStringLiteral("desktop");
    if (startTime >= 0)
        request.startTime = qint64(startTime);
    return m_control->perform(request).message;
}

int ProcessModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProcessModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProcessModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const ProcessUsage &process = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return display(process, index.column());
    case SortRole:
        return raw(process, index.column());
    case PidRole:
        return process.pid;
    case NameRole:
        return process.name;
    case CpuRole:
        return process.cpu;
    case RssRole:
        return double(process.rss);
    }
    return {};
}

QVariant ProcessModel::display(const ProcessUsage &process, int column) const
{
    switch (column) {
    case PidColumn:
        return QString::number(process.pid);
    case NameColumn:
        return process.name;
    case CpuColumn:
        return Format::percent(process.cpu);
    case RssColumn:
        return Format::bytes(double(process.rss));
    }
    return {};
}

QVariant ProcessModel::raw(const ProcessUsage &process, int column) const
{
    switch (column) {
    case PidColumn:
        return process.pid;
    case NameColumn:
        return process.name;
    case CpuColumn:
        return process.cpu;
    case RssColumn:
        return double(process.rss);
    }
    return {};
}

QVariant ProcessModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PidColumn:
        return QStringLiteral("PID");
    case NameColumn:
        return QStringLiteral("Name");
    case CpuColumn:
        return QStringLiteral("CPU");
    case RssColumn:
        return QStringLiteral("Memory (RSS)");
    }
    return {};
}

QHash<int, QByteArray> ProcessModel::roleNames() const
{
    return {{Qt::DisplayRole, "display"}, {SortRole, "sortValue"}, {PidRole, "pid"},
            {NameRole, "name"},           {CpuRole, "cpu"},        {RssRole, "rss"}};
}
