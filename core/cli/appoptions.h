#pragma once

#include <QString>
#include <QVariantMap>

// What the command line asked for. Flags that are also settings land in settingOverrides, keyed
// and typed as in the settings file and already checked against the settings schema, ready for
// Settings::setOverride().
struct AppOptions
{
    bool headless = false;                      // --headless: no window, web dashboard only
    bool snapshot = false;                      // --snapshot: print one Snapshot as JSON, exit
    bool verbose = false;                       // --verbose: debug logging of every category
    QString configFile;                         // --config; empty means the default location
    QString procRoot = QStringLiteral("/proc"); // --proc-root: an existing directory
    QString sysRoot = QStringLiteral("/sys");   // --sys-root: an existing directory
    QString tlsCert;                            // --tls-cert: a readable PEM file, or empty
    QString tlsKey;                             // --tls-key: a readable PEM file, or empty
    QVariantMap settingOverrides;               // settings key -> typed value, from flags
};
