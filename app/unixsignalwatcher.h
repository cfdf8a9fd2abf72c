#pragma once

#include <QObject>

class QSocketNotifier;

// Turns SIGINT and SIGTERM, and SIGHUP (reload the settings, as daemons do), into Qt signals on
// the main thread. A signal handler may only do
// async-signal-safe work, so it writes one byte to a socket pair and the event loop does the rest.
class UnixSignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

signals:
    void terminationRequested(int signalNumber);
    void reloadRequested();

private:
    void readSignal();

    QSocketNotifier *m_notifier = nullptr;
};
