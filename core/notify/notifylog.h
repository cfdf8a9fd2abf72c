#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

// How one delivery to one channel ended, as the panels and the delivery log show it.
struct NotifyDelivery
{
    QString channel;
    qint64 ts = 0;      // when it ended, ms since the epoch
    QString error;      // "" when delivered; else why not, never a URL or a secret
    bool test = false;  // a Send test, not an alert event
    int events = 0;     // events carried (0: an Alertmanager refresh)
    QStringList alerts; // Alert::id() of each event carried, oldest first

    bool ok() const { return error.isEmpty(); }
    // {"channel","ts","result":"delivered"|"failed","error","test","events","alerts"}
    QJsonObject toJson() const;
    static std::optional<NotifyDelivery> fromJson(const QJsonObject &json);
};

// The last MaxEntries deliveries of every channel, newest last, and each channel's last delivery
// (kept even when the channel is quiet and its entries have left the log), in one file beside the
// queues, replaced atomically (QSaveFile) like them, so the panels show them after a restart.
class NotifyLog
{
public:
    static constexpr int MaxEntries = 200;

    explicit NotifyLog(QString filePath);

    // Reads the file; a missing or unreadable one is an empty log (the log is a record, never
    // needed to deliver: an unreadable one is replaced at the next save).
    void load();
    // Writes the file atomically; false, with *error, if it could not.
    bool save(QString *error = nullptr) const;

    // Records a delivery in the log and as its channel's last.
    void add(const NotifyDelivery &delivery);
    // Records it as its channel's last only.
    void setLast(const NotifyDelivery &delivery) { m_last.insert(delivery.channel, delivery); }
    const QList<NotifyDelivery> &entries() const { return m_entries; }
    std::optional<NotifyDelivery> last(const QString &channel) const;
    // A removed channel has no last delivery; its entries stay in the log as what happened.
    void forget(const QString &channel) { m_last.remove(channel); }
    QString filePath() const { return m_path; }

private:
    QString m_path;
    QList<NotifyDelivery> m_entries;
    QMap<QString, NotifyDelivery> m_last;
};
