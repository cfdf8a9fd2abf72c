#pragma once

#include "settings/inifile.h"

#include <QFileSystemWatcher>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantMap>

// The user's settings: an INI file checked against SettingsSchema, plus command-line overrides.
// A value's effective source is override > file (or apply()) > default. Only keys the user set
// are written back, and whatever else the file holds (unknown keys, comments, values that were
// out of range) is kept as it was, so an older or newer version loses nothing the user wrote.
class Settings : public QObject
{
    Q_OBJECT

public:
    explicit Settings(QString filePath, QObject *parent = nullptr);

    // The platform's config location for vantage + "/vantage.conf" (~/.config/vantage/ on
    // Linux), the same with or without a QCoreApplication.
    static QString defaultFilePath();
    // The settings file this object reads and writes.
    QString filePath() const;
    // Reads the file. A missing file is a first start (defaults, true). False if the file could
    // not be read (defaults, and it is never overwritten) or had malformed lines (kept as
    // <file>.corrupt, the keys that parsed are used). Each problem is logged once.
    bool load();

    // The effective value of a key in its type (double, int, QString or QStringList); invalid
    // for an unknown key.
    QVariant value(const QString &key) const;
    double interval() const;            // general/interval, seconds
    int historySeconds() const;         // general/historySeconds, seconds
    int cleanupInterval() const;        // general/cleanupInterval, seconds
    QString bind() const;               // server/bind, a literal IP address
    int port() const;                   // server/port; 0 asks for a free port
    QString token() const;              // server/token; empty when none is set
    int maxConnections() const;         // server/maxConnections, clients
    int maxPerAddress() const;          // server/maxPerAddress, clients per remote address
    QStringList allowedOrigins() const; // server/allowedOrigins, http(s)://host[:port] each
    QStringList publicNames() const;    // server/publicNames, host[:port] each, or "*"

    // "" if the value is allowed for the key, else one line naming the key (a threshold as the
    // panels do: "Memory warning") and what it allows.
    QString validate(const QString &key, const QVariant &value) const;
    // Checks every change, then the cross-key rules of each threshold rule on the values that
    // would result (SettingsSchema::checkRule: critical >= warning, a warning level above its
    // hysteresis) first: on any error nothing is applied and the errors are returned. Otherwise the
    // values are applied, the overrides of those keys dropped, the file saved (a failed save is
    // returned as an error, the new values stay in effect) and changed() emitted once with the keys
    // that changed.
    // A unit's levels are taken out whole by its prefix set to null
    // ({"thresholds/cgroup/nginx.service/": null}): they follow the shared ones again. Every
    // unit's levels are checked too, against the shared levels they would follow.
    QStringList apply(const QVariantMap &changes);
    // Takes every key under prefix ("notify/ops/": a whole channel) out of the settings and the
    // file: they read as their defaults again, overrides included. Saves the file and emits
    // changed() like apply(); returns the save's error, or "" (also when nothing was set).
    QString remove(const QString &prefix);
    // A value from a command-line flag: in effect until apply() sets the key, never saved.
    // The caller has validated it; an invalid value is logged and ignored. Emits nothing.
    void setOverride(const QString &key, const QVariant &value);
    // Every key's effective value, with every field of each notification channel and of each
    // unit's levels set (a level the unit does not set reads as the shared one); without
    // includeSecrets server/token is left out and a channel's secrets (url, secret, token,
    // headers) are true or false: set or not.
    QVariantMap toMap(bool includeSecrets = false) const;
    // The names of the notification channels with a key set (notify/<name>/...), sorted.
    QStringList channels() const;
    // The units (decoded) with a key of their own for the unit rule (thresholds/<rule>/<unit>/...),
    // sorted.
    QStringList units(const QString &rule) const;
    // The fleet hosts with a key set (fleet/host/<name>/...), sorted (docs/fleet.md).
    QStringList fleetHosts() const;
    // Writes the file atomically (QSaveFile), creating its folder; a new file is private to the
    // user because it may hold the token. On failure the old file is untouched and *error says
    // why.
    bool save(QString *error = nullptr);

    // From now on, rereads the file when something else changes it (an editor, configuration
    // management), so such a change takes effect at the next tick like one made in a window;
    // changed() is emitted with the keys whose effective value moved.
    void watchFile();

    // Every known key, in the order of the schema.
    static QStringList keys();

signals:
    // Effective values changed through apply() or the file; keys in schema order, then the
    // channels' keys.
    void changed(const QStringList &keys);

private:
    void readValues();
    QString readValue(const QString &key);
    void dropInconsistentRules();
    void dropInconsistentUnits();
    void reportCorrupt(const QByteArray &original);
    QStringList checkChanges(const QVariantMap &changes, QVariantMap *typed,
                             QStringList *removed) const;
    QStringList checkUnits(QVariantMap after, const QVariantMap &typed,
                           const QStringList &removed) const;
    bool dropPrefix(const QString &prefix);
    QStringList dynamicKeys() const; // every key of each channel, unit's levels and fleet host
    QString writeFile();
    void reloadIfChanged();
    void emitChangesSince(const QVariantMap &before);

    QString m_filePath;
    IniFile m_file;          // the file as read, with the values applied since
    QVariantMap m_values;    // valid values the user set, from the file or apply()
    QVariantMap m_overrides; // from command-line flags, never saved
    bool m_canSave = true;   // false when the file exists but could not be read
    QByteArray m_diskBytes;  // the file as last read or written, to tell our writes from others'
    QFileSystemWatcher *m_watcher = nullptr;
};
