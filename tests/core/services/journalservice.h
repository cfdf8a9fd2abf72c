#pragma once

#include "services/service.h"

#include <QStringList>

// Records every start and stop into one shared journal so the order across services shows.
class JournalService : public Service
{
public:
    JournalService(const QString &name, QStringList *journal, bool succeed = true)
        : Service(name)
        , m_journal(journal)
        , m_succeed(succeed)
    {}

protected:
    bool doInitialize() override
    {
        m_journal->append(QStringLiteral("start ") + name());
        return m_succeed;
    }
    void doShutdown() override { m_journal->append(QStringLiteral("stop ") + name()); }

private:
    QStringList *m_journal;
    bool m_succeed;
};
