// vantage_loadgen: holds N WebSocket clients on a Vantage server and prints one line of what
// they saw and what the server spent. See README.md.

#include "loadgenerator.h"
#include "loadgenoptions.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv); // for QCommandLineParser's help text; no event loop runs
    QString error;
    const std::optional<LoadGenOptions> options =
        LoadGenOptions::parse(QCoreApplication::arguments(), &error);
    if (!options) {
        if (error.isEmpty())
            return 0;
        std::fprintf(stderr, "vantage_loadgen: %s\n", qPrintable(error));
        return 2;
    }
    LoadGenerator generator(*options);
    return generator.run();
}
