#include "tickfile.h"

#include "logging.h"

TickFile::TickFile(const QString &path, const QString &what, ProcFile::ReadMode mode,
                   qsizetype initialBuffer)
    : m_file(path, mode, initialBuffer)
    , m_what(what)
{}

void TickFile::report(bool ok)
{
    if (!ok && !m_failing)
        qCWarning(lcCollect).noquote()
            << QStringLiteral("%1 unknown: cannot read or parse %2").arg(m_what, m_file.path());
    m_failing = !ok;
}
