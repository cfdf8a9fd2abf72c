#include "notify/notifyqueue.h"

#include "notify/notifylogging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

NotifyQueue::NotifyQueue(QString filePath)
    : m_path(std::move(filePath))
{}

bool NotifyQueue::load()
{
    QFile file(m_path);
    if (!file.exists())
        return true;
    QJsonParseError parsed;
    const QJsonDocument doc = file.open(QIODevice::ReadOnly)
                                  ? QJsonDocument::fromJson(file.readAll(), &parsed)
                                  : QJsonDocument();
    if (!doc.isObject()) {
        file.close();
        QFile::remove(m_path + QStringLiteral(".corrupt"));
        file.rename(m_path + QStringLiteral(".corrupt"));
        qCWarning(lcNotify).noquote()
            << QStringLiteral("notification queue %1 is unreadable; kept as %1.corrupt and "
                              "starting empty")
                   .arg(QDir::toNativeSeparators(m_path));
        return false;
    }
    const QJsonObject json = doc.object();
    for (const QJsonValue &value : json.value(QStringLiteral("pending")).toArray()) {
        if (const auto event = NotifyEvent::fromStored(value.toObject()))
            m_pending.append(*event);
    }
    const QJsonObject open = json.value(QStringLiteral("open")).toObject();
    for (auto it = open.begin(); it != open.end(); ++it) {
        if (const auto event = NotifyEvent::fromStored(it.value().toObject()))
            this->open.insert(it.key(), *event);
    }
    m_serial = quint64(std::max(1.0, json.value(QStringLiteral("serial")).toDouble()));
    failingSince = qint64(json.value(QStringLiteral("failingSince")).toDouble());
    attempts = json.value(QStringLiteral("attempts")).toInt();
    return true;
}

bool NotifyQueue::save(QString *error)
{
    QJsonArray pending;
    for (const NotifyEvent &event : m_pending)
        pending.append(event.toStored());
    QJsonObject openJson;
    for (auto it = open.cbegin(); it != open.cend(); ++it)
        openJson.insert(it.key(), it.value().toStored());
    const QJsonObject json{{QStringLiteral("pending"), pending},
                           {QStringLiteral("open"), openJson},
                           {QStringLiteral("serial"), double(m_serial)},
                           {QStringLiteral("failingSince"), double(failingSince)},
                           {QStringLiteral("attempts"), attempts}};
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    const QByteArray bytes = QJsonDocument(json).toJson(QJsonDocument::Compact);
    if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit())
        return true;
    if (error)
        *error = file.errorString();
    return false;
}

bool NotifyQueue::push(const NotifyEvent &event)
{
    m_pending.append(event);
    if (m_pending.size() <= MaxPending)
        return false;
    m_pending.removeFirst();
    return true;
}

void NotifyQueue::dropFirst(qsizetype count)
{
    m_pending.remove(0, std::min(count, m_pending.size()));
}
