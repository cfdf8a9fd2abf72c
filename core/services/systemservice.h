#pragma once

#include "services/service.h"
#include "snapshot.h"
#include "systempaths.h"

// Host facts read once at start: hostname, kernel, OS, CPU model and count, boot time.
class SystemService : public Service
{
    Q_OBJECT

public:
    explicit SystemService(const SystemPaths &paths, QObject *parent = nullptr);

    const HostInfo &host() const { return m_host; }

protected:
    bool doInitialize() override;
    void doShutdown() override {}

private:
    SystemPaths m_paths;
    HostInfo m_host;
};
