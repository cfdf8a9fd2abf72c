#pragma once

#include <QList>
#include <QObject>

class Service;

// Starts services in the order they were added and stops them in reverse, so a service can
// rely on the ones added before it for its whole life.
class ServiceManager : public QObject
{
    Q_OBJECT

public:
    explicit ServiceManager(QObject *parent = nullptr);

    // The manager does not own the services; call shutdownAll() before they are destroyed.
    void add(Service *service);
    QList<Service *> services() const { return m_services; }

    // Starts every service; if one fails, the ones already started are stopped again.
    bool initializeAll();
    void shutdownAll();

signals:
    void started();
    void stopped();

private:
    QList<Service *> m_services;
};
