#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

// What one load-generator run does, from its command line.
struct LoadGenOptions
{
    QByteArray host;       // IPv4 address of the server, from --url ("localhost" is 127.0.0.1)
    quint16 port = 0;      // TCP port of the server, from --url
    QByteArray hostHeader; // Host header to send: the --url authority as written
    QByteArray target;     // request target, path and query, from --url (e.g. "/ws")
    int clients = 10;      // connections held open at once
    double seconds = 20;   // length of the measured window, seconds
    double warmup = 3;     // seconds between the last connection opening and measuring
    int rampBatch = 50;    // most connections in their handshake at one time
    qint64 serverPid = 0;  // server process to probe; 0 = the one listening on the port
    QByteArray subscribe;  // topic each client subscribes to once open (--subscribe), or empty

    // Options from the program's arguments (argv[0] first); nullopt with *error set (empty
    // after --help, whose text is already printed) when they are wrong.
    static std::optional<LoadGenOptions> parse(const QStringList &arguments, QString *error);
};
