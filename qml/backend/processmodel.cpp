#include "processmodel.h"

#include "fleet/remotesource.h"

#include "format.h"

#include <QDateTime>
#include <QLocale>
#include <QSet>

#include <algorithm>
#include <array>
#include <cmath>

namespace {

// The row field each column shows, in column order.
constexpr std::array<const char *, ProcessModel::ColumnCount> Fields = {
    "pid",    "user",    "name", "state",     "cpu",     "rss",      "memPercent", "gpu",
    "gpuMem", "threads", "nice", "startTime", "readBps", "writeBps", "unit",       "cmdline"};

// The headers, short as the web table's (resources/web/assets/processgrid.js).
constexpr std::array<const char *, ProcessModel::ColumnCount> Headers = {
    "PID",     "User",    "Name", "State",   "CPU %",  "RSS",     "Mem %", "GPU %",
    "GPU mem", "Threads", "Nice", "Started", "Read/s", "Write/s", "Unit",  "Command line"};

bool hasGpuValue(const QJsonObject &fields)
{
    return fields.value(QLatin1String("gpu")).isDouble() ||
           fields.value(QLatin1String("gpuMem")).isDouble();
}

constexpr qint64 DayMs = 86400000;

QString text(const QJsonValue &value)
{
    return value.isString() && !value.toString().isEmpty() ? value.toString() : Format::unknown();
}

// As the web table: the clock for a start within the last day, the day before that.
QString started(const QJsonValue &value)
{
    if (!value.isDouble())
        return Format::unknown();
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(qint64(value.toDouble()));
    if (QDateTime::currentMSecsSinceEpoch() - time.toMSecsSinceEpoch() < DayMs)
        return time.toString(QStringLiteral("HH:mm"));
    return QLocale::c().toString(time.date(), QStringLiteral("d MMM"));
}

double number(const QJsonValue &value)
{
    return value.isDouble() ? value.toDouble() : std::nan("");
}

QJsonObject usageRow(const ProcessUsage &process)
{
    return {{QStringLiteral("pid"), process.pid},
            {QStringLiteral("name"), process.name},
            {QStringLiteral("cpu"), process.cpu},
            {QStringLiteral("rss"), double(process.rss)}};
}

} // namespace

ProcessModel::ProcessModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int ProcessModel::columnOf(const QString &field)
{
    for (int column = 0; column < ColumnCount; ++column) {
        if (field == QLatin1String(Fields[column]))
            return column;
    }
    return -1;
}

// The top list is turned into the delta that leads to it, so both feeds share one path.
void ProcessModel::update(const QList<ProcessUsage> &processes)
{
    ProcessDelta delta;
    QSet<int> incoming;
    for (const ProcessUsage &process : processes) {
        incoming.insert(process.pid);
        const int row = rowOf(process.pid);
        if (row < 0) {
            delta.added.append(usageRow(process));
            continue;
        }
        const QJsonObject change = usageRow(process);
        if (change != m_rows[size_t(row)])
            delta.changed.append(change);
    }
    for (const QJsonObject &row : m_rows) {
        if (!incoming.contains(row.value(QLatin1String("pid")).toInt()))
            delta.removed.append(row.value(QLatin1String("pid")));
    }
    apply(delta);
}

void ProcessModel::setRows(const QJsonArray &rows)
{
    ProcessDelta delta;
    QSet<int> incoming;
    for (const QJsonValue &value : rows) {
        const QJsonObject row = value.toObject();
        const int pid = row.value(QLatin1String("pid")).toInt();
        incoming.insert(pid);
        if (rowOf(pid) < 0)
            delta.added.append(row);
        else
            delta.changed.append(row);
    }
    for (const QJsonObject &row : m_rows) {
        if (!incoming.contains(row.value(QLatin1String("pid")).toInt()))
            delta.removed.append(row.value(QLatin1String("pid")));
    }
    apply(delta);
}

// A row added that is listed already is taken as a change: the delta of the scan whose whole
// list setRows() took may still arrive after it.
void ProcessModel::apply(const ProcessDelta &delta)
{
    removePids(delta.removed);
    QList<QJsonObject> added;
    for (const QJsonValue &value : delta.added) {
        const QJsonObject row = value.toObject();
        if (rowOf(row.value(QLatin1String("pid")).toInt()) >= 0)
            changeFields(row);
        else
            added.append(row);
    }
    appendRows(added);
    for (const QJsonValue &change : delta.changed)
        changeFields(change.toObject());
    ++m_revision;
    reindex();
    emit updated();
}

void ProcessModel::clear()
{
    if (m_rows.empty())
        return;
    beginRemoveRows({}, 0, rowCount() - 1);
    m_rows.clear();
    endRemoveRows();
    ++m_revision;
    reindex();
    emit updated();
}

void ProcessModel::removePids(const QJsonArray &pids)
{
    QList<int> rows;
    for (const QJsonValue &pid : pids) {
        const int row = rowOf(pid.toInt());
        if (row >= 0)
            rows.append(row);
    }
    // From the bottom up, so the rows still to remove keep their numbers.
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (const int row : std::as_const(rows)) {
        beginRemoveRows({}, row, row);
        m_rows.erase(m_rows.begin() + row);
        endRemoveRows();
    }
    if (!rows.isEmpty())
        reindex();
}

void ProcessModel::appendRows(const QList<QJsonObject> &rows)
{
    if (rows.isEmpty())
        return;
    beginInsertRows({}, rowCount(), rowCount() + int(rows.size()) - 1);
    for (const QJsonObject &row : rows) {
        m_rowOfPid.insert(row.value(QLatin1String("pid")).toInt(), int(m_rows.size()));
        m_rows.push_back(row);
        noteGpu(row);
    }
    endInsertRows();
}

// One dataChanged per row, over the columns of the fields that changed (ppid shows in none, so
// it is signalled on the pid column: the tree depends on it).
void ProcessModel::changeFields(const QJsonObject &change)
{
    const int row = rowOf(change.value(QLatin1String("pid")).toInt());
    if (row < 0)
        return;
    QJsonObject &target = m_rows[size_t(row)];
    noteGpu(change);
    int first = ColumnCount;
    int last = -1;
    for (auto it = change.begin(); it != change.end(); ++it) {
        if (target.value(it.key()) == it.value())
            continue;
        target.insert(it.key(), it.value());
        const int column = std::max(columnOf(it.key()), int(PidColumn));
        first = std::min(first, column);
        last = std::max(last, column);
    }
    if (last >= 0)
        emit dataChanged(index(row, first), index(row, last));
}

void ProcessModel::noteGpu(const QJsonObject &fields)
{
    if (m_usesGpu || !hasGpuValue(fields))
        return;
    m_usesGpu = true;
    emit usesGpuChanged();
}

void ProcessModel::reindex()
{
    m_rowOfPid.clear();
    m_childCount.clear();
    for (int row = 0; row < int(m_rows.size()); ++row)
        m_rowOfPid.insert(m_rows[size_t(row)].value(QLatin1String("pid")).toInt(), row);
    for (const QJsonObject &row : m_rows) {
        const int ppid = row.value(QLatin1String("ppid")).toInt();
        if (m_rowOfPid.contains(ppid))
            ++m_childCount[ppid];
    }
}

int ProcessModel::parentOf(int pid) const
{
    const int row = rowOf(pid);
    return row < 0 ? 0 : m_rows[size_t(row)].value(QLatin1String("ppid")).toInt();
}

QVariantList ProcessModel::fieldsOf(int pid) const
{
    const int row = rowOf(pid);
    if (row < 0)
        return {};
    const QJsonObject &process = m_rows[size_t(row)];
    // GPU use only for a process that has some: elsewhere it would be a dash on every one.
    const bool gpu = hasGpuValue(process);
    QVariantList fields;
    for (int column = 0; column < ColumnCount; ++column) {
        if (column == CommandColumn)
            continue; // shown whole, on its own
        if (!gpu && (column == GpuColumn || column == GpuMemoryColumn))
            continue;
        fields.append(QVariantMap{{QStringLiteral("label"), QLatin1String(Headers[column])},
                                  {QStringLiteral("text"), display(process, column)}});
    }
    const QJsonValue ppid = process.value(QLatin1String("ppid"));
    fields.insert(
        1, QVariantMap{{QStringLiteral("label"), QStringLiteral("Parent")},
                       {QStringLiteral("text"),
                        ppid.isDouble() ? QString::number(ppid.toInt()) : Format::unknown()}});
    return fields;
}

QVariant ProcessModel::valueOf(int pid, const QString &field) const
{
    const int row = rowOf(pid);
    return row < 0 ? QVariant() : m_rows[size_t(row)].value(field).toVariant();
}

void ProcessModel::setRemote(RemoteSource *remote)
{
    m_remote = remote;
}

QJsonObject ProcessModel::row(int pid) const
{
    const int index = rowOf(pid);
    return index < 0 ? QJsonObject() : m_rows[size_t(index)];
}

double ProcessModel::startTime(int pid) const
{
    if (m_remote) {
        const QVariant listed = valueOf(pid, QStringLiteral("startTime"));
        return listed.isNull() ? -1 : listed.toDouble();
    }
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
    if (startTime >= 0)
        request.startTime = qint64(startTime);
    if (m_remote) {
        askRemote(request);
        return {};
    }
    request.by = QStringLiteral("desktop");
    const QString outcome = m_control->perform(request).message;
    emit actionAnswered(request.pid, outcome);
    return outcome;
}

// The protocol's processAction; the host checks the start time, its role and its own rules.
void ProcessModel::askRemote(const ProcessControl::Request &request)
{
    QJsonObject action{{QStringLiteral("pid"), request.pid},
                       {QStringLiteral("startTime"), double(request.startTime.value_or(0))},
                       {QStringLiteral("action"), request.action}};
    if (request.action == u"signal")
        action.insert(QStringLiteral("signal"), request.signal);
    else
        action.insert(QStringLiteral("nice"), request.nice);
    const int pid = request.pid;
    m_remote->processAction(action,
                            [self = QPointer(this), pid](const QString &, const QString &message) {
                                if (self)
                                    emit self->actionAnswered(pid, message);
                            });
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
    const QJsonObject &process = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(process, index.column());
    case SortRole:
        return process.value(QLatin1String(Fields[index.column()])).toVariant();
    case PidRole:
        return process.value(QLatin1String("pid")).toInt();
    case NameRole:
        return text(process.value(QLatin1String("name")));
    case CpuRole:
        return number(process.value(QLatin1String("cpu")));
    case RssRole:
        return number(process.value(QLatin1String("rss")));
    case PpidRole:
        return process.value(QLatin1String("ppid")).toInt();
    }
    return {};
}

QString ProcessModel::display(const QJsonObject &row, int column) const
{
    const QJsonValue value = row.value(QLatin1String(Fields[column]));
    switch (column) {
    case PidColumn:
    case NiceColumn:
        return value.isDouble() ? QString::number(value.toInt()) : Format::unknown();
    case CpuColumn:
    case MemoryColumn:
    case GpuColumn:
        return Format::percent(number(value));
    case RssColumn:
    case GpuMemoryColumn:
        return Format::bytes(number(value));
    case ThreadsColumn:
        return Format::count(number(value));
    case StartedColumn:
        return started(value);
    case ReadColumn:
    case WriteColumn:
        return Format::rate(number(value));
    }
    return text(value);
}

QVariant ProcessModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
        section >= ColumnCount)
        return {};
    return QLatin1String(Headers[section]);
}

QHash<int, QByteArray> ProcessModel::roleNames() const
{
    return {{Qt::DisplayRole, "display"},
            {SortRole, "sortValue"},
            {PidRole, "pid"},
            {NameRole, "name"},
            {CpuRole, "cpu"},
            {RssRole, "rss"},
            {PpidRole, "ppid"}};
}
