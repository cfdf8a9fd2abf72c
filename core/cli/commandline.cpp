#include "cli/commandline.h"

#include "settings/settings.h"
#include "settings/settingsschema.h"

#include <QFileInfo>

namespace {

enum class Action {
    Headless,
    Snapshot,
    Verbose,
    Help,
    Version,
    Setting,
    Config,
    ProcRoot,
    SysRoot,
    TlsCert,
    TlsKey
};

// One flag: its spellings, the value it takes and what it does.
struct Flag
{
    const char *name;       // "--port"
    const char *shortName;  // "-h", or nullptr
    const char *valueName;  // "N" in the help; nullptr for a switch
    const char *settingKey; // the settings key the value goes to, or nullptr
    const char *help;       // one line for --help
    Action action;
};

const Flag Flags[] = {
    {"--headless", nullptr, nullptr, nullptr,
     "Run without a window, serving the web dashboard only", Action::Headless},
    {"--bind", nullptr, "ADDR", "server/bind", "Address the web server listens on",
     Action::Setting},
    {"--port", nullptr, "N", "server/port", "TCP port of the web server; 0 picks a free one",
     Action::Setting},
    {"--interval", nullptr, "SECONDS", "general/interval", "Seconds between two samples",
     Action::Setting},
    {"--max-connections", nullptr, "N", "server/maxConnections",
     "Most web clients connected at once", Action::Setting},
    {"--token", nullptr, "TOKEN", "server/token", "Secret that makes a web client an admin",
     Action::Setting},
    {"--config", nullptr, "FILE", nullptr, "Settings file", Action::Config},
    {"--proc-root", nullptr, "DIR", nullptr, "Directory where procfs is mounted", Action::ProcRoot},
    {"--sys-root", nullptr, "DIR", nullptr, "Directory where sysfs is mounted", Action::SysRoot},
    {"--tls-cert", nullptr, "FILE", "server/tlsCert",
     "PEM certificate for https and wss (needs --tls-key)", Action::TlsCert},
    {"--tls-key", nullptr, "FILE", "server/tlsKey", "PEM private key of --tls-cert",
     Action::TlsKey},
    {"--data-dir", nullptr, "DIR", "history/dataDir", "Folder of the history file",
     Action::Setting},
    {"--verbose", nullptr, nullptr, nullptr, "Log debug messages of every area", Action::Verbose},
    {"--snapshot", nullptr, nullptr, nullptr, "Print one sample as JSON and exit",
     Action::Snapshot},
    {"--version", "-v", nullptr, nullptr, "Print the version and exit", Action::Version},
    {"--help", "-h", nullptr, nullptr, "Print this help and exit", Action::Help},
};

const Flag *findFlag(const QString &name)
{
    for (const Flag &flag : Flags) {
        if (name == QLatin1StringView(flag.name) ||
            (flag.shortName && name == QLatin1StringView(flag.shortName)))
            return &flag;
    }
    return nullptr;
}

// A following argument is a flag's value unless it is itself one of our flags, so that
// `--interval -1` reads -1 while `--config --headless` reports the missing file name.
bool isFlag(const QString &argument)
{
    return findFlag(argument.section(u'=', 0, 0)) != nullptr;
}

QString quoted(const QVariant &value)
{
    return value.isValid() ? u'"' + value.toString() + u'"' : QStringLiteral("nothing");
}

// What parsing has found so far besides AppOptions.
struct State
{
    CommandLine::Result result;
    bool help = false;
    bool version = false;
};

void setSwitch(Action action, State &state)
{
    switch (action) {
    case Action::Headless:
        state.result.options.headless = true;
        return;
    case Action::Snapshot:
        state.result.options.snapshot = true;
        return;
    case Action::Verbose:
        state.result.options.verbose = true;
        return;
    case Action::Help:
        state.help = true;
        return;
    case Action::Version:
        state.version = true;
        return;
    default:
        return;
    }
}

QString takeSetting(const char *key, const QVariant &value, AppOptions &options)
{
    const SettingSpec *spec = SettingsSchema::find(QLatin1StringView(key));
    QVariant typed;
    const QString problem = spec->check(value, &typed);
    if (problem.isEmpty())
        options.settingOverrides.insert(QLatin1StringView(key), typed);
    return problem;
}

QString takeDirectory(const QVariant &value, QString &target)
{
    if (!value.isValid() || !QFileInfo(value.toString()).isDir())
        return QStringLiteral("expected an existing directory, got ") + quoted(value);
    target = value.toString();
    return {};
}

QString takeConfig(const QVariant &value, QString &target)
{
    if (!value.isValid() || value.toString().isEmpty() || QFileInfo(value.toString()).isDir())
        return QStringLiteral("expected the path of a settings file, got ") + quoted(value);
    target = value.toString();
    return {};
}

// TLS files are settings too, but a flag naming a file that is not there is a typo to report
// before anything starts.
QString takeTlsFile(const char *key, const QVariant &value, QString &target, AppOptions &options)
{
    const QFileInfo file(value.toString());
    if (!value.isValid() || !file.isFile() || !file.isReadable())
        return QStringLiteral("expected a readable PEM file, got ") + quoted(value);
    target = value.toString();
    return takeSetting(key, value, options);
}

QString takeValue(const Flag &flag, const QVariant &value, AppOptions &options)
{
    switch (flag.action) {
    case Action::Setting:
        return takeSetting(flag.settingKey, value, options);
    case Action::Config:
        return takeConfig(value, options.configFile);
    case Action::ProcRoot:
        return takeDirectory(value, options.procRoot);
    case Action::SysRoot:
        return takeDirectory(value, options.sysRoot);
    case Action::TlsCert:
        return takeTlsFile(flag.settingKey, value, options.tlsCert, options);
    case Action::TlsKey:
        return takeTlsFile(flag.settingKey, value, options.tlsKey, options);
    default:
        return {};
    }
}

// The value of the flag at arguments[i]: after its '=', or the next argument (advancing i).
QVariant valueAfter(const QStringList &arguments, qsizetype &i, qsizetype equals)
{
    if (equals >= 0)
        return arguments.at(i).sliced(equals + 1);
    if (i + 1 < arguments.size() && !isFlag(arguments.at(i + 1)))
        return arguments.at(++i);
    return {};
}

// Reads arguments[i] (and its value, advancing i); "" if fine, else the error without prefix.
QString readArgument(const QStringList &arguments, qsizetype &i, State &state)
{
    const QString &argument = arguments.at(i);
    const qsizetype equals = argument.startsWith(u"--") ? argument.indexOf(u'=') : -1;
    const QString name = equals < 0 ? argument : argument.first(equals);
    const Flag *flag = findFlag(name);
    if (!flag && !argument.startsWith(u'-'))
        return u'"' + argument +
               QStringLiteral("\": unexpected argument; vantage takes only "
                              "options (see --help)");
    if (!flag)
        return name + QStringLiteral(": unknown option (see --help)");
    if (!flag->valueName && equals >= 0)
        return name + QStringLiteral(": takes no value, got ") +
               quoted(argument.sliced(equals + 1));
    if (!flag->valueName) {
        setSwitch(flag->action, state);
        return {};
    }
    const QVariant value = valueAfter(arguments, i, equals);
    const QString problem = takeValue(*flag, value, state.result.options);
    return problem.isEmpty() ? QString() : name + QStringLiteral(": ") + problem;
}

// Flags that are fine alone but not together.
QString checkCombination(const AppOptions &options)
{
    if (!options.tlsCert.isEmpty() && options.tlsKey.isEmpty())
        return QStringLiteral("--tls-cert: needs --tls-key FILE as well");
    if (options.tlsCert.isEmpty() && !options.tlsKey.isEmpty())
        return QStringLiteral("--tls-key: needs --tls-cert FILE as well");
    if (options.snapshot && options.headless)
        return QStringLiteral("--snapshot: cannot be combined with --headless (it prints one "
                              "sample and exits)");
    return {};
}

CommandLine::Result failure(const QString &problem)
{
    CommandLine::Result result;
    result.exitCode = 2;
    result.error = QStringLiteral("vantage: ") + problem;
    return result;
}

QString defaultOf(const Flag &flag)
{
    switch (flag.action) {
    case Action::Config:
        return Settings::defaultFilePath();
    case Action::ProcRoot:
        return AppOptions().procRoot;
    case Action::SysRoot:
        return AppOptions().sysRoot;
    default:
        break;
    }
    const SettingSpec *spec =
        flag.settingKey ? SettingsSchema::find(QLatin1StringView(flag.settingKey)) : nullptr;
    const QString text = spec ? SettingSpec::toText(spec->defaultValue) : QString();
    return text.isEmpty() && spec ? QStringLiteral("none") : text;
}

QString helpLine(const Flag &flag)
{
    QString names = flag.shortName ? QLatin1StringView(flag.shortName) + QStringLiteral(", ")
                                   : QStringLiteral("    ");
    names += QLatin1StringView(flag.name);
    if (flag.valueName)
        names += u' ' + QLatin1StringView(flag.valueName);
    QString line = QStringLiteral("  ") + names.leftJustified(28) + QLatin1StringView(flag.help);
    const QString value = defaultOf(flag);
    return value.isEmpty() ? line : line + QStringLiteral(" (default: ") + value + u')';
}

} // namespace

CommandLine::Result CommandLine::parse(const QStringList &arguments)
{
    State state;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString problem = readArgument(arguments, i, state);
        if (!problem.isEmpty())
            return failure(problem);
    }
    if (state.help || state.version) {
        state.result.exitCode = 0;
        state.result.output = state.help ? helpText() : versionText();
        return state.result;
    }
    const QString problem = checkCombination(state.result.options);
    return problem.isEmpty() ? state.result : failure(problem);
}

QString CommandLine::helpText()
{
    QStringList lines{QStringLiteral("Usage: vantage [OPTION]..."),
                      QStringLiteral("Live system monitor: a desktop window and a web dashboard "
                                     "served on one port."),
                      QString(), QStringLiteral("Options (switches are off unless given):")};
    for (const Flag &flag : Flags)
        lines.append(helpLine(flag));
    lines += {QString(),
              QStringLiteral("Flags override the settings file for this run and are not saved."),
              QStringLiteral("Exit status: 0 on success, 2 for a bad command line.")};
    return lines.join(u'\n');
}

QString CommandLine::versionText()
{
    return QStringLiteral("vantage " VANTAGE_VERSION);
}
