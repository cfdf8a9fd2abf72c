#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>

#include <optional>

// Signals and renices processes for the desktop and for web admins (docs/protocol.md
// `processAction`). Each action is checked before the kernel sees it: the PID is neither 1 nor
// Vantage itself, the signal is one of the six offered, the nice value is in -20..19, and when
// the caller names the start time it saw in the process list, the PID must still carry that start
// time — otherwise the process it meant has exited and its PID may belong to another one. The
// kernel decides the rest (EPERM for another user's process). Every action is logged (lcServices)
// and announced with actionDone, which the server broadcasts.
class ProcessControl : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        int pid = 0;
        std::optional<qint64> startTime; // ms since the epoch, as the process list gives it
        QString action;                  // "signal" or "renice"
        QString signal;                  // TERM, INT, HUP, KILL, STOP or CONT, for "signal"
        int nice = 0;                    // -20..19, for "renice"
        QString by;                      // "desktop" or the web client's address
    };
    struct Outcome
    {
        bool ok = false;
        QString code;    // on failure: bad_request, not_found or forbidden
        QString message; // on failure: a sentence for the user
    };

    static const QStringList Signals; // the signal names offered, by their short names

    explicit ProcessControl(QString procRoot = QStringLiteral("/proc"), QObject *parent = nullptr);

    Outcome perform(const Request &request);

    // When the process started, in ms since the epoch: btime of <procRoot>/stat plus field 22 of
    // <procRoot>/<pid>/stat in clock ticks; nullopt when either cannot be read.
    std::optional<qint64> startTimeMs(int pid) const;

signals:
    // {pid, action, signal|nice, by, ok, error?} after each action, refused ones included.
    void actionDone(const QJsonObject &event);

private:
    Outcome check(const Request &request) const;

    QString m_procRoot;
};
