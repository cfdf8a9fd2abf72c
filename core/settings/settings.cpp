#include "settings/settings.h"

#include "logging.h"
#include "settings/settingsschema.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace {

QString quotedPath(const QString &path)
{
    return u'"' + QDir::toNativeSeparators(path) + u'"';
}

QString corruptSummary(const QList<IniFile::Error> &errors)
{
    const IniFile::Error &first = errors.constFirst();
    // The line itself is not repeated: it may hold the token.
    QString text = QStringLiteral("line %1 (%2)").arg(first.line).arg(first.reason);
    QStringList more;
    for (qsizetype i = 1; i < errors.size(); ++i)
        more.append(QString::number(errors.at(i).line));
    if (!more.isEmpty())
        text += QStringLiteral("; also line(s) ") + more.join(QStringLiteral(", "));
    return text;
}

} // namespace

Settings::Settings(QString filePath, QObject *parent)
    : QObject(parent)
    , m_filePath(std::move(filePath))
{}

// What AppConfigLocation gives for the application "vantage" with no organisation, spelled out
// because the command line (and its --help) is read before QCoreApplication names the app.
QString Settings::defaultFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/vantage/vantage.conf");
}

QString Settings::filePath() const
{
    return m_filePath;
}

bool Settings::load()
{
    m_file = IniFile();
    m_values.clear();
    m_canSave = true;
    QFile file(m_filePath);
    if (!file.exists())
        return true;
    const QByteArray bytes = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    if (file.error() != QFileDevice::NoError) {
        qCWarning(lcSettings).noquote()
            << QStringLiteral("cannot read the settings file %1 (%2); using the defaults and "
                              "leaving the file as it is")
                   .arg(quotedPath(m_filePath), file.errorString());
        m_canSave = false;
        return false;
    }
    m_diskBytes = bytes;
    m_file = IniFile::parse(bytes);
    readValues();
    dropInconsistentRules();
    if (m_file.errors().isEmpty())
        return true;
    reportCorrupt(bytes);
    return false;
}

void Settings::readValues()
{
    for (const QString &key : m_file.keys()) {
        const QString problem = readValue(key);
        if (!problem.isEmpty())
            qCWarning(lcSettings).noquote()
                << QStringLiteral("settings file %1: %2").arg(quotedPath(m_filePath), problem);
    }
}

// A bad value is ignored here but stays in m_file, so the user's text survives the next save.
QString Settings::readValue(const QString &key)
{
    const SettingSpec *spec = SettingsSchema::find(key);
    if (!spec)
        return QStringLiteral("unknown key %1, kept in the file but not used").arg(key);
    QVariant typed;
    const QString problem = spec->check(m_file.value(key), &typed);
    if (!problem.isEmpty())
        return QStringLiteral("%1: %2; using the default %3")
            .arg(key, problem, SettingSpec::toText(spec->defaultValue));
    m_values.insert(key, typed);
    return {};
}

// A rule whose levels cannot work together falls back to its default levels and hysteresis as a
// whole (the defaults agree with each other); its `for` and every other key stay as written.
void Settings::dropInconsistentRules()
{
    const QVariantMap all = toMap(true);
    for (const QString &rule : SettingsSchema::rules()) {
        const QString problem = SettingsSchema::checkRule(rule, all);
        if (problem.isEmpty())
            continue;
        const QString prefix = QStringLiteral("thresholds/") + rule + u'/';
        QStringList defaults;
        for (const char *field : {"warning", "critical", "hysteresis"}) {
            const QString key = prefix + QLatin1StringView(field);
            m_values.remove(key);
            defaults.append(QLatin1StringView(field) + QStringLiteral(" ") +
                            SettingSpec::toText(value(key)));
        }
        qCWarning(lcSettings).noquote()
            << QStringLiteral("settings file %1: %2; using the defaults of thresholds/%3 (%4)")
                   .arg(quotedPath(m_filePath), problem, rule, defaults.join(QStringLiteral(", ")));
    }
    dropInconsistentUnits();
}

void Settings::reportCorrupt(const QByteArray &original)
{
    const QString copyPath = m_filePath + QStringLiteral(".corrupt");
    QSaveFile copy(copyPath);
    const bool copied =
        copy.open(QIODevice::WriteOnly) && copy.write(original) == original.size() && copy.commit();
    const QString kept = copied ? QStringLiteral("the original is saved as ") + quotedPath(copyPath)
                                : QStringLiteral("could not save a copy as %1 (%2)")
                                      .arg(quotedPath(copyPath), copy.errorString());
    qCWarning(lcSettings).noquote()
        << QStringLiteral("settings file %1 is corrupt at %2; using the keys that parsed, %3")
               .arg(quotedPath(m_filePath), corruptSummary(m_file.errors()), kept);
}

QVariant Settings::value(const QString &key) const
{
    if (m_overrides.contains(key))
        return m_overrides.value(key);
    if (m_values.contains(key))
        return m_values.value(key);
    if (const QString shared = SettingsSchema::sharedKey(key); !shared.isEmpty())
        return value(shared); // a unit's level not set: the shared one
    const SettingSpec *spec = SettingsSchema::find(key);
    return spec ? spec->defaultValue : QVariant();
}

double Settings::interval() const
{
    return value(QStringLiteral("general/interval")).toDouble();
}

int Settings::historySeconds() const
{
    return value(QStringLiteral("general/historySeconds")).toInt();
}

int Settings::cleanupInterval() const
{
    return value(QStringLiteral("general/cleanupInterval")).toInt();
}

QString Settings::bind() const
{
    return value(QStringLiteral("server/bind")).toString();
}

int Settings::port() const
{
    return value(QStringLiteral("server/port")).toInt();
}

QString Settings::token() const
{
    return value(QStringLiteral("server/token")).toString();
}

int Settings::maxConnections() const
{
    return value(QStringLiteral("server/maxConnections")).toInt();
}

int Settings::maxPerAddress() const
{
    return value(QStringLiteral("server/maxPerAddress")).toInt();
}

QStringList Settings::allowedOrigins() const
{
    return value(QStringLiteral("server/allowedOrigins")).toStringList();
}

QStringList Settings::publicNames() const
{
    return value(QStringLiteral("server/publicNames")).toStringList();
}

QString Settings::validate(const QString &key, const QVariant &value) const
{
    const SettingSpec *spec = SettingsSchema::find(key);
    if (!spec)
        return key + QStringLiteral(": unknown setting");
    const QString problem = spec->check(value);
    return problem.isEmpty() ? QString()
                             : SettingsSchema::label(key) + QStringLiteral(": ") + problem;
}

QStringList Settings::checkChanges(const QVariantMap &changes, QVariantMap *typed,
                                   QStringList *removed) const
{
    QStringList errors;
    for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
        // A unit's levels taken out whole: thresholds/<rule>/<unit>/ set to null.
        if (SettingsSchema::splitUnitPrefix(it.key(), nullptr, nullptr) && it.value().isNull()) {
            removed->append(it.key());
            continue;
        }
        const SettingSpec *spec = SettingsSchema::find(it.key());
        QVariant value;
        const QString problem =
            spec ? spec->check(it.value(), &value) : QStringLiteral("unknown setting");
        if (problem.isEmpty())
            typed->insert(it.key(), value);
        else
            errors.append(SettingsSchema::label(it.key()) + QStringLiteral(": ") + problem);
    }
    if (!errors.isEmpty())
        return errors;
    QVariantMap after = toMap(true);
    after.insert(*typed);
    for (const QString &rule : SettingsSchema::rules()) {
        const QString problem = SettingsSchema::checkRule(rule, after);
        if (!problem.isEmpty())
            errors.append(problem);
    }
    errors += checkUnits(after, *typed, *removed);
    QStringList touched;
    for (auto it = typed->cbegin(); it != typed->cend(); ++it) {
        QString name;
        if (SettingsSchema::splitChannelKey(it.key(), &name, nullptr) && !touched.contains(name))
            touched.append(name);
    }
    for (const QString &name : touched) {
        const QString problem = SettingsSchema::checkChannel(name, after);
        if (!problem.isEmpty())
            errors.append(problem);
    }
    return errors;
}

QStringList Settings::apply(const QVariantMap &changes)
{
    QVariantMap typed;
    QStringList removed;
    QStringList errors = checkChanges(changes, &typed, &removed);
    if (!errors.isEmpty() || (typed.isEmpty() && removed.isEmpty()))
        return errors;
    const QVariantMap before = toMap(true);
    for (const QString &prefix : removed)
        dropPrefix(prefix);
    for (auto it = typed.cbegin(); it != typed.cend(); ++it) {
        m_values.insert(it.key(), it.value());
        m_overrides.remove(it.key());
        m_file.setValue(it.key(), SettingSpec::toText(it.value()));
    }
    QString error;
    if (!save(&error))
        errors.append(error);
    emitChangesSince(before);
    return errors;
}

bool Settings::dropPrefix(const QString &prefix)
{
    bool removed = !m_file.remove(prefix).isEmpty();
    for (QVariantMap *map : {&m_values, &m_overrides}) {
        removed |= map->removeIf([&prefix](const QVariantMap::iterator &it) {
            return it.key().startsWith(prefix);
        }) > 0;
    }
    return removed;
}

QString Settings::remove(const QString &prefix)
{
    const QVariantMap before = toMap(true);
    if (!dropPrefix(prefix))
        return {};
    QString error;
    save(&error);
    emitChangesSince(before);
    return error;
}

void Settings::setOverride(const QString &key, const QVariant &value)
{
    const SettingSpec *spec = SettingsSchema::find(key);
    QVariant typed;
    const QString problem = spec ? spec->check(value, &typed) : QStringLiteral("unknown setting");
    if (problem.isEmpty())
        m_overrides.insert(key, typed);
    else
        qCWarning(lcSettings).noquote()
            << QStringLiteral("ignoring the override %1: %2").arg(key, problem);
}

QStringList Settings::channels() const
{
    QStringList names;
    for (const QVariantMap *map : {&m_values, &m_overrides}) {
        for (auto it = map->cbegin(); it != map->cend(); ++it) {
            QString name;
            if (SettingsSchema::splitChannelKey(it.key(), &name, nullptr) && !names.contains(name))
                names.append(name);
        }
    }
    names.sort();
    return names;
}

// A channel's secrets show only whether they are set, so a panel can say "set" without them.
QVariantMap Settings::toMap(bool includeSecrets) const
{
    QVariantMap map;
    for (const QString &key : keys()) {
        if (includeSecrets || key != u"server/token")
            map.insert(key, value(key));
    }
    for (const QString &key : dynamicKeys()) {
        const bool hidden = !includeSecrets && SettingsSchema::isSecret(key);
        map.insert(key, hidden ? QVariant(!value(key).toString().isEmpty()) : value(key));
    }
    return map;
}

bool Settings::save(QString *error)
{
    const QString problem =
        m_canSave ? writeFile()
                  : QStringLiteral("not saving the settings: %1 could not be read, and saving "
                                   "would replace what it holds")
                        .arg(quotedPath(m_filePath));
    if (problem.isEmpty())
        return true;
    qCWarning(lcSettings).noquote() << problem;
    if (error)
        *error = problem;
    return false;
}

// QSaveFile writes a temporary file beside the target and renames it over the old one only when
// everything was written, so a crash or a full disk never leaves half a settings file.
QString Settings::writeFile()
{
    const QString failed =
        QStringLiteral("cannot save the settings to %1: ").arg(quotedPath(m_filePath));
    const QString folder = QFileInfo(m_filePath).absolutePath();
    if (!QDir().mkpath(folder))
        return failed + QStringLiteral("cannot create the folder ") + quotedPath(folder);
    const bool isNew = !QFileInfo::exists(m_filePath);
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly))
        return failed + file.errorString();
    if (isNew)
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QByteArray bytes = m_file.toByteArray();
    if (file.write(bytes) != bytes.size() || !file.commit())
        return failed + file.errorString();
    m_diskBytes = bytes;
    return {};
}

void Settings::emitChangesSince(const QVariantMap &before)
{
    QStringList changedKeys;
    const QStringList listed = dynamicKeys();
    QStringList all = keys() + listed;
    // A channel, a unit's levels or a fleet host taken out of the file: its keys are gone now but
    // were there before.
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (!all.contains(it.key()) &&
            (SettingsSchema::splitChannelKey(it.key(), nullptr, nullptr) ||
             SettingsSchema::splitUnitKey(it.key(), nullptr, nullptr, nullptr) ||
             SettingsSchema::splitFleetKey(it.key(), nullptr, nullptr)))
            all.append(it.key());
    }
    for (const QString &key : all) {
        // A unit listed or no longer listed is a change even where its levels equal the shared
        // ones: the panels list it.
        const bool unitListing = SettingsSchema::splitUnitKey(key, nullptr, nullptr, nullptr) &&
                                 before.contains(key) != listed.contains(key);
        if (before.value(key) != value(key) || unitListing)
            changedKeys.append(key);
    }
    if (!changedKeys.isEmpty())
        emit changed(changedKeys);
}

void Settings::watchFile()
{
    if (m_watcher)
        return;
    m_watcher = new QFileSystemWatcher(this);
    // Atomic saves replace the file, which ends a watch on it: watch the folder as well.
    const QString folder = QFileInfo(m_filePath).absolutePath();
    QDir().mkpath(folder);
    m_watcher->addPath(folder);
    if (QFileInfo::exists(m_filePath))
        m_watcher->addPath(m_filePath);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &Settings::reloadIfChanged);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, &Settings::reloadIfChanged);
}

void Settings::reloadIfChanged()
{
    if (QFileInfo::exists(m_filePath) && !m_watcher->files().contains(m_filePath))
        m_watcher->addPath(m_filePath);
    QFile file(m_filePath);
    if (!file.open(QIODevice::ReadOnly) || file.readAll() == m_diskBytes)
        return; // gone, unreadable for now, or our own write
    qCInfo(lcSettings).noquote()
        << QStringLiteral("settings file %1 changed; reloading").arg(quotedPath(m_filePath));
    const QVariantMap before = toMap(true);
    load();
    emitChangesSince(before);
}

QStringList Settings::keys()
{
    return SettingsSchema::keys();
}
