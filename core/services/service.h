#pragma once

#include <QObject>
#include <QString>

// The lifecycle every service shares. initialize() and shutdown() are idempotent: calling one
// twice does the work once, so the ServiceManager, signal handlers and tests can all call them
// without coordinating.
class Service : public QObject
{
    Q_OBJECT

public:
    enum class State { Stopped, Starting, Running, Stopping, Failed };
    Q_ENUM(State)

    explicit Service(const QString &name, QObject *parent = nullptr);

    QString name() const { return m_name; }
    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }

    // Starts the service; true once it runs. A failed start leaves it Failed and cleaned up.
    bool initialize();
    // Stops the service and releases what it holds; flushes anything that must survive.
    void shutdown();

signals:
    void stateChanged(Service::State state);

protected:
    virtual bool doInitialize() = 0;
    virtual void doShutdown() = 0;

private:
    void setState(State state);

    QString m_name;
    State m_state = State::Stopped;
};
