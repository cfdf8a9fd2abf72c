#include "loadgenoptions.h"

#include <QCommandLineParser>
#include <QUrl>

#include <arpa/inet.h>
#include <cstdio>

namespace {

QCommandLineOption option(const char *name, const char *help, const char *valueName)
{
    return QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(help),
                              QString::fromLatin1(valueName));
}

// Only ws:// over IPv4: the server under test listens on loopback.
bool applyUrl(const QString &text, LoadGenOptions *options, QString *error)
{
    const QUrl url(text, QUrl::StrictMode);
    QByteArray host = url.host().toLatin1();
    if (host == "localhost")
        host = "127.0.0.1";
    in_addr address{};
    if (!url.isValid() || url.scheme() != u"ws" || url.port() <= 0 ||
        ::inet_pton(AF_INET, host.constData(), &address) != 1) {
        *error = QStringLiteral("--url must look like ws://127.0.0.1:PORT/ws (ws, IPv4, a port)");
        return false;
    }
    options->host = host;
    options->port = quint16(url.port());
    options->hostHeader = url.authority(QUrl::FullyEncoded).toLatin1();
    const QByteArray path = url.path(QUrl::FullyEncoded).toLatin1();
    options->target = path.isEmpty() ? QByteArray("/") : path;
    if (url.hasQuery())
        options->target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    return true;
}

bool readNumber(const QCommandLineParser &parser, const QString &name, double low, double high,
                double *out, QString *error)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok || value < low || value > high) {
        *error = QStringLiteral("--%1 must be a number from %2 to %3").arg(name).arg(low).arg(high);
        return false;
    }
    *out = value;
    return true;
}

bool readNumbers(const QCommandLineParser &parser, LoadGenOptions *options, QString *error)
{
    double clients = options->clients, ramp = options->rampBatch, pid = 0;
    const bool ok =
        readNumber(parser, QStringLiteral("clients"), 1, 60000, &clients, error) &&
        readNumber(parser, QStringLiteral("seconds"), 0.1, 86400, &options->seconds, error) &&
        readNumber(parser, QStringLiteral("warmup"), 0, 3600, &options->warmup, error) &&
        readNumber(parser, QStringLiteral("ramp"), 1, 10000, &ramp, error) &&
        readNumber(parser, QStringLiteral("server-pid"), 1, 1 << 30, &pid, error);
    options->clients = int(clients);
    options->rampBatch = int(ramp);
    options->serverPid = qint64(pid);
    return ok;
}

// The options and the help text; returns the --help option.
QCommandLineOption describe(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
        "Holds N WebSocket clients on a Vantage server and prints one line of sample latency, "
        "gaps, closed connections and the server's CPU and memory. See bench/loadgen/README.md."));
    const QCommandLineOption help = parser.addHelpOption();
    parser.addOptions({
        option("url", "Server stream, ws://127.0.0.1:PORT/ws (required).", "url"),
        option("clients", "Connections to hold open (default 10).", "N"),
        option("seconds", "Measured window in seconds (default 20).", "S"),
        option("warmup", "Seconds after the last connection opens before measuring (default 3).",
               "W"),
        option("ramp", "Most connections in their handshake at once (default 50).", "N"),
        option("server-pid", "Server process to probe (default: the one on the port).", "PID"),
        option("subscribe", "Topic every client subscribes to once open (processes).", "TOPIC"),
    });
    return help;
}

} // namespace

std::optional<LoadGenOptions> LoadGenOptions::parse(const QStringList &arguments, QString *error)
{
    QCommandLineParser parser;
    const QCommandLineOption help = describe(parser);
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return std::nullopt;
    }
    if (parser.isSet(help)) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        error->clear();
        return std::nullopt;
    }
    LoadGenOptions options;
    if (!applyUrl(parser.value(QStringLiteral("url")), &options, error) ||
        !readNumbers(parser, &options, error))
        return std::nullopt;
    options.subscribe = parser.value(QStringLiteral("subscribe")).toUtf8();
    if (!options.subscribe.isEmpty() && options.subscribe != "processes") {
        *error = QStringLiteral("--subscribe knows one topic: processes");
        return std::nullopt;
    }
    return options;
}
