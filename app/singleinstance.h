#pragma once

#include <QLocalServer>
#include <QObject>
#include <QString>

// One desktop window per user and settings file: the first `vantage` listens on a local socket
// in the user's runtime directory, a second one finds it there, asks it to bring its window
// forward and ends. The socket's name comes from the settings file's absolute path, so two
// setups with different --config files run side by side.
class SingleInstance : public QObject
{
    Q_OBJECT

public:
    enum class Peer { None, Raised, Silent };

    // configFile: the settings file this run uses (empty: the default one).
    explicit SingleInstance(const QString &configFile, QObject *parent = nullptr);

    // The socket's path: <runtime dir>/vantage-<first 16 hex digits of SHA-1(config path)>.
    QString socketPath() const { return m_path; }
    // Asks a running instance to raise its window: Raised when it answered, None when nobody
    // listens (a socket left by a crashed run is removed), Silent when one accepted the
    // connection but never answered.
    Peer raiseRunning();
    // Takes the socket for this run; false (and errorString()) if it cannot.
    bool listen();
    QString errorString() const { return m_server.errorString(); }

signals:
    // A second start asked for the window.
    void raiseRequested();

private:
    void answer();

    QString m_path;
    QLocalServer m_server;
};
