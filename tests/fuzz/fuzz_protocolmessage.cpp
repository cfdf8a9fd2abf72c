// Protocol v1 messages from a WebSocket client (docs/protocol.md), through the real server: a
// Monitor as the front ends build it, a client adopted by its ClientManager as after a handshake,
// and the MessageRouter with the server's own routes (ping, auth, setSettings, acknowledge) and
// their checks, down to Settings::apply(). Each line of the input is one text message, framed and
// masked as a browser sends it; a run starts as a viewer, so an auth line with the token below
// makes the lines after it an admin's.
#include "fuzzcheck.h"
#include "monitor.h"
#include "server/clientmanager.h"
#include "server/serverservice.h"
#include "settings/settings.h"

#include <QCoreApplication>
#include <QPointer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtEndian>

#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <utility>

namespace {

// The admin token of the fuzzed server; the seed corpus authenticates with it.
const QString Token = QStringLiteral("fuzz-token-0123456789");

struct Server
{
    QTemporaryDir dir;
    std::unique_ptr<Monitor> monitor;
    QVariantMap initialSettings; // restored after an input that changed settings
    bool settingsChanged = false;
};

Server *server = nullptr;

// One client frame: FIN and the text opcode, the masked bit and the payload masked with a key of
// four different bytes, as RFC 6455 requires of a client.
QByteArray clientTextFrame(QByteArrayView payload)
{
    static constexpr char Mask[4] = {'\x37', '\xfa', '\x21', '\x3d'};
    QByteArray frame;
    frame.append('\x81');
    if (payload.size() < 126) {
        frame.append(char(0x80 | payload.size()));
    } else if (payload.size() <= 0xFFFF) {
        frame.append(char(0x80 | 126));
        char length[2];
        qToBigEndian<quint16>(quint16(payload.size()), length);
        frame.append(length, 2);
    } else {
        frame.append(char(0x80 | 127));
        char length[8];
        qToBigEndian<quint64>(quint64(payload.size()), length);
        frame.append(length, 8);
    }
    frame.append(Mask, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(payload[i] ^ Mask[i % 4]));
    return frame;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    silenceQtMessages();
    static QCoreApplication app(*argc, *argv);
    server = new Server;
    FUZZ_CHECK(server->dir.isValid());
    Monitor::Options options;
    options.configFile = server->dir.filePath(QStringLiteral("vantage.conf"));
    options.alertLogFile = server->dir.filePath(QStringLiteral("alerts.jsonl"));
    options.settingOverrides = {{QStringLiteral("server/bind"), QStringLiteral("127.0.0.1")},
                                {QStringLiteral("server/port"), 0},
                                {QStringLiteral("server/token"), Token}};
    server->monitor = std::make_unique<Monitor>(options);
    if (!server->monitor->start()) {
        std::fprintf(stderr, "the server did not start: %s\n",
                     qPrintable(server->monitor->errorString()));
        std::abort();
    }
    // Stopped before the application goes, which also removes the settings folder.
    std::atexit([] { delete std::exchange(server, nullptr); });
    server->initialSettings = server->monitor->settings()->toMap();
    QObject::connect(server->monitor->settings(), &Settings::changed,
                     [] { server->settingsChanged = true; });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    QByteArray frames;
    const QByteArrayView input(data, qsizetype(size));
    for (qsizetype start = 0; start <= input.size();) {
        qsizetype end = input.indexOf('\n', start);
        if (end < 0)
            end = input.size();
        frames += clientTextFrame(input.sliced(start, end - start));
        start = end + 1;
    }

    // A connected socket whose far end is ours, so that the server's answers are really written.
    int fds[2];
    FUZZ_CHECK(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0);
    auto *socket = new QTcpSocket;
    FUZZ_CHECK(socket->setSocketDescriptor(fds[0]));
    const QPointer<QTcpSocket> alive(socket);
    ClientManager *clients = server->monitor->server()->clients();
    clients->adopt(socket, ClientConnection::Role::Viewer, frames);

    // The connection ends: the manager drops the client, whose deferred delete runs now and takes
    // the socket with it.
    if (alive)
        alive->abort();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    FUZZ_CHECK(clients->count() == 0);
    FUZZ_CHECK(!alive);
    ::close(fds[1]);

    // Each input starts from the same settings.
    if (std::exchange(server->settingsChanged, false))
        FUZZ_CHECK(server->monitor->settings()->apply(server->initialSettings).isEmpty());
    return 0;
}
