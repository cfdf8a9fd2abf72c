#include "servicemanager.h"

#include "service.h"

#include <ranges>

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
    for (Service *service : m_services | std::views::reverse) {
        any = any || service->state() != Service::State::Stopped;
        service->shutdown();
    }
    if (any)
        emit stopped();
}
