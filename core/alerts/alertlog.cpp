#include "alertlog.h"

#include "logging.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

AlertLog::AlertLog(const QString &filePath, qint64 maxBytes)
    : m_path(filePath)
    , m_maxBytes(maxBytes)
{}

AlertLog::~AlertLog()
{
    close();
}

QString AlertLog::defaultFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/vantage/alerts.jsonl");
}

QList<Alert> AlertLog::readFile(const QString &path)
{
    QList<Alert> alerts;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return alerts;
    int lineNumber = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        ++lineNumber;
        if (line.isEmpty())
            continue;
        const auto alert = Alert::fromJson(QJsonDocument::fromJson(line).object());
        if (alert)
            alerts.append(*alert);
        else
            qCWarning(lcAlerts).noquote()
                << QStringLiteral("skipping unreadable line %1 of %2").arg(lineNumber).arg(path);
    }
    return alerts;
}

void AlertLog::load()
{
    QList<Alert> alerts = readFile(m_path);
    if (alerts.size() < RecentCount)
        alerts = readFile(m_path + QStringLiteral(".1")) + alerts;
    m_recent = alerts.mid(qMax<qsizetype>(0, alerts.size() - RecentCount));
}

bool AlertLog::openForAppend()
{
    if (m_file.isOpen())
        return true;
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    m_file.setFileName(m_path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append)) {
        qCWarning(lcAlerts).noquote() << QStringLiteral("cannot write the alert log %1: %2")
                                             .arg(m_path, m_file.errorString());
        return false;
    }
    // A line a crash cut short must not swallow the next entry.
    if (m_file.size() > 0) {
        QFile reader(m_path);
        if (reader.open(QIODevice::ReadOnly) && reader.seek(reader.size() - 1) &&
            reader.read(1) != "\n")
            m_file.write("\n");
    }
    return true;
}

void AlertLog::rotate()
{
    m_file.close();
    const QString old = m_path + QStringLiteral(".1");
    QFile::remove(old);
    QFile::rename(m_path, old);
}

bool AlertLog::append(const Alert &alert)
{
    m_recent.append(alert);
    if (m_recent.size() > RecentCount)
        m_recent.removeFirst();
    if (!openForAppend())
        return false;
    const QByteArray line = QJsonDocument(alert.toJson()).toJson(QJsonDocument::Compact) + '\n';
    const bool written = m_file.write(line) == line.size() && m_file.flush();
    if (m_file.size() >= m_maxBytes)
        rotate();
    return written;
}

void AlertLog::close()
{
    if (m_file.isOpen()) {
        m_file.flush();
        m_file.close();
    }
}

QString AlertLog::activeFilePath() const
{
    const QFileInfo log(m_path);
    QString name = log.fileName();
    if (name.endsWith(u".jsonl"))
        name.chop(6);
    return log.dir().filePath(name + QStringLiteral(".active.json"));
}

bool AlertLog::saveActive(const QList<Alert> &alerts)
{
    QJsonArray list;
    for (const Alert &alert : alerts)
        list.append(alert.toJson());
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(activeFilePath());
    const QByteArray json = QJsonDocument(list).toJson(QJsonDocument::Compact) + '\n';
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
        qCWarning(lcAlerts).noquote() << QStringLiteral("cannot write the active alerts %1: %2")
                                             .arg(file.fileName(), file.errorString());
        return false;
    }
    return true;
}

QList<Alert> AlertLog::loadActive() const
{
    QList<Alert> alerts;
    QFile file(activeFilePath());
    if (!file.open(QIODevice::ReadOnly))
        return alerts;
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(file.readAll(), &error);
    if (!json.isArray()) {
        qCWarning(lcAlerts).noquote() << QStringLiteral("skipping unreadable active alerts %1: %2")
                                             .arg(file.fileName(), error.errorString());
        return alerts;
    }
    for (const QJsonValue &value : json.array()) {
        const auto alert = Alert::fromJson(value.toObject());
        if (alert && alert->state == Alert::State::Firing)
            alerts.append(*alert);
    }
    return alerts;
}
