#include "systemservice.h"

#include "collectors/system/hostinforeader.h"

SystemService::SystemService(const SystemPaths &paths, QObject *parent)
    : Service(QStringLiteral("system"), parent)
    , m_paths(paths)
{}

bool SystemService::doInitialize()
{
    m_host = HostInfoReader::read(m_paths);
    return true;
}
