#include "procfile.h"

#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>
#include <utility>

ProcFile::ProcFile(QString path, ReadMode mode, qsizetype initialBuffer)
    : m_path(std::move(path))
    , m_mode(mode)
    , m_initialBuffer(qMax<qsizetype>(initialBuffer, 16))
{}

ProcFile::~ProcFile()
{
    close();
}

ProcFile::ProcFile(ProcFile &&other) noexcept
    : m_path(std::move(other.m_path))
    , m_buffer(std::move(other.m_buffer))
    , m_fd(std::exchange(other.m_fd, -1))
    , m_mode(other.m_mode)
    , m_initialBuffer(other.m_initialBuffer)
{}

ProcFile &ProcFile::operator=(ProcFile &&other) noexcept
{
    if (this != &other) {
        close();
        m_path = std::move(other.m_path);
        m_buffer = std::move(other.m_buffer);
        m_fd = std::exchange(other.m_fd, -1);
        m_mode = other.m_mode;
        m_initialBuffer = other.m_initialBuffer;
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
    if (m_buffer.size() < m_initialBuffer)
        m_buffer.resize(m_initialBuffer);
    qsizetype used = 0;
    for (;;) {
        // procfs files are generated whole on a read at offset 0; read until EOF, growing the
        // buffer only when a file is larger than it has ever been.
        if (used == m_buffer.size())
            m_buffer.resize(m_buffer.size() * 2);
        const ssize_t n =
            ::pread(m_fd, m_buffer.data() + used, size_t(m_buffer.size() - used), off_t(used));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            close();
            return {};
        }
        if (n == 0)
            break;
        used += n;
        if (m_mode == ReadMode::SingleRead && used < m_buffer.size())
            break;
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
