#include "servicemanager.h"

#include "service.h"

ServiceManager::ServiceManager(QObject *parent)
    : QObject(parent)
{}

void ServiceManager::add(Service *service)
{
    m_services.append(service);
}

bool ServiceManager::initializeAll()
{
    for (Service *service : std::as_const(m_services)) {
        if (!service->initialize()) {
            shutdownAll();
            return false;
        }
    }
    emit started();
    return true;
}

void ServiceManager::shutdownAll()
{
    bool any = false;
    // In reverse order of start. Not std::views::reverse: clang 14 (the fuzz build) cannot
    // compile libstdc++ 12's <ranges>.
    for (auto it = m_services.crbegin(); it != m_services.crend(); ++it) {
        any = any || (*it)->state() != Service::State::Stopped;
        (*it)->shutdown();
    }
    if (any)
        emit stopped();
}
