#include "service.h"

#include "logging.h"

Service::Service(const QString &name, QObject *parent)
    : QObject(parent)
    , m_name(name)
{}

bool Service::initialize()
{
    if (m_state == State::Running || m_state == State::Starting)
        return true;
    setState(State::Starting);
    if (!doInitialize()) {
        qCWarning(lcServices) << "service" << m_name << "failed to start";
        doShutdown();
        setState(State::Failed);
        return false;
    }
    setState(State::Running);
    return true;
}

void Service::shutdown()
{
    if (m_state == State::Failed) // a failed start has already cleaned up after itself
        setState(State::Stopped);
    if (m_state != State::Running)
        return;
    setState(State::Stopping);
    doShutdown();
    setState(State::Stopped);
}

void Service::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    qCDebug(lcServices) << m_name << state;
    emit stateChanged(state);
}
