#include "procfile.h"

#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>
#include <utility>

namespace {
constexpr qsizetype InitialBuffer = 4096;
}

ProcFile::ProcFile(QString path)
    : m_path(std::move(path))
{
}

ProcFile::~ProcFile()
{
    close();
}

ProcFile::ProcFile(ProcFile &&other) noexcept
    : m_path(std::move(other.m_path))
    , m_buffer(std::move(other.m_buffer))
    , m_fd(std::exchange(other.m_fd, -1))
{
}

ProcFile &ProcFile::operator=(ProcFile &&other) noexcept
{
    if (this != &other) {
        close();
        m_path = std::move(other.m_path);
        m_buffer = std::move(other.m_buffer);
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

bool ProcFile::open()
{
    if (m_fd >= 0)
        return true;
    m_fd = ::open(QFile::encodeName(m_path).constData(), O_RDONLY | O_CLOEXEC);
    return m_fd >= 0;
}

void ProcFile::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

QByteArrayView ProcFile::read(bool *ok)
{
    if (ok)
        *ok = false;
    if (!open())
        return {};
    if (m_buffer.size() < InitialBuffer)
        m_buffer.resize(InitialBuffer);
    qsizetype used = 0;
    for (;;) {
        // procfs files are generated whole on a read at offset 0; read until EOF, growing the
        // buffer only when a file is larger than it has ever been.
        if (used == m_buffer.size())
            m_buffer.resize(m_buffer.size() * 2);
        const ssize_t n = ::pread(m_fd, m_buffer.data() + used, size_t(m_buffer.size() - used),
                                  off_t(used));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            close();
            return {};
        }
        if (n == 0)
            break;
        used += n;
    }
    if (ok)
        *ok = true;
    return QByteArrayView(m_buffer.constData(), used);
}

QByteArray ProcFile::readAll(const QString &path, bool *ok)
{
    ProcFile file(path);
    const QByteArrayView data = file.read(ok);
    return data.toByteArray();
}
