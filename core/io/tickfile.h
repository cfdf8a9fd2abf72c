#pragma once

#include "io/procfile.h"

#include <QString>

#include <optional>

// A file reread and parsed on every tick. When it stops yielding a value (missing, unreadable,
// malformed) it says so once, and again only after it has worked in between, so a broken file
// costs one warning, not one per tick.
class TickFile
{
public:
    // `what` names the value for the warning, e.g. "load average".
    TickFile(const QString &path, const QString &what,
             ProcFile::ReadMode mode = ProcFile::ReadMode::UntilEndOfFile,
             qsizetype initialBuffer = 4096);

    // The parser's result for the file's current content; nullopt if it could not be read.
    template<typename Parse>
    auto read(Parse parse) -> decltype(parse(QByteArrayView()))
    {
        bool ok = false;
        const QByteArrayView text = m_file.read(&ok);
        auto result = ok ? parse(text) : decltype(parse(text))();
        report(result.has_value());
        return result;
    }

    QString path() const { return m_file.path(); }

private:
    void report(bool ok);

    ProcFile m_file;
    QString m_what;
    bool m_failing = false;
};
