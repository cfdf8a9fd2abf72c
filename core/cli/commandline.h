#pragma once

#include "cli/appoptions.h"

#include <QString>
#include <QStringList>

// Reads vantage's command line. Values of flags that are also settings are checked by the
// settings schema, so a range is written in one place only. Written by hand rather than with
// QCommandLineParser because that one reads `--interval -1` as two options, not a value.
class CommandLine
{
public:
    // What parse() found and what the caller should do next.
    struct Result
    {
        AppOptions options; // meaningful when exitCode is -1
        int exitCode = -1;  // -1: go on; 0: print output, exit 0; 2: print error, exit 2
        QString output;     // help or version text for stdout, without a trailing newline
        QString error;      // one line for stderr: "vantage: --flag: what is allowed, got ..."
    };

    // arguments as QCoreApplication::arguments() gives them: the program name first.
    static Result parse(const QStringList &arguments);

private:
    static QString helpText();
    static QString versionText();
};
