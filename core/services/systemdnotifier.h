#pragma once

#include <QByteArray>

#include <chrono>

// Tells the service manager that started vantage (systemd, for Type=notify) that it is ready,
// reloading, stopping, and still alive. This is the sd_notify protocol written out: one datagram
// per message to the AF_UNIX socket named in $NOTIFY_SOCKET ("@name" for an abstract one).
// libsystemd would bring a library and its dependencies for these few lines. Outside such a
// manager ($NOTIFY_SOCKET unset) every call does nothing.
class SystemdNotifier
{
public:
    // Reads $NOTIFY_SOCKET, and $WATCHDOG_USEC when $WATCHDOG_PID is unset or names this process.
    SystemdNotifier();

    // True when $NOTIFY_SOCKET names a socket to send to.
    bool isActive() const { return !m_socket.isEmpty(); }
    // True when the manager asked for watchdog pings.
    bool watchdogEnabled() const { return m_watchdog.count() > 0; }

    bool ready() { return send("READY=1"); }
    bool reloading() { return send("RELOADING=1"); }
    bool stopping() { return send("STOPPING=1"); }
    // WATCHDOG=1, at most once per half watchdog period so that calling it every tick costs a
    // datagram only every few seconds; nothing when the manager asked for no watchdog.
    void pingWatchdog();
    // Pings come from the tick, so a tick interval near the watchdog period would get a healthy
    // vantage killed: when two intervals exceed the period, asks the manager for three intervals
    // instead (WATCHDOG_USEC=). Call at start and whenever the interval changes.
    void coverInterval(std::chrono::milliseconds interval);

    // One message ("KEY=value" lines) as one datagram; false, with errno left set, if the socket
    // is unset, its name is too long or the send failed.
    bool send(const QByteArray &message) const;

private:
    QByteArray m_socket;
    std::chrono::microseconds m_watchdog{0};
    std::chrono::steady_clock::time_point m_lastPing;
};
