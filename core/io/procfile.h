#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// A procfs/sysfs file opened once and reread from offset 0 on every tick with pread(), so a
// tick costs one system call per file instead of open + read + close. The buffer is reused:
// after warm-up a read allocates nothing. If the file vanishes (a process exits, a device is
// removed) read() reports failure and the next read() tries to open the path again.
class ProcFile
{
public:
    explicit ProcFile(QString path = {});
    ~ProcFile();
    ProcFile(ProcFile &&other) noexcept;
    ProcFile &operator=(ProcFile &&other) noexcept;
    ProcFile(const ProcFile &) = delete;
    ProcFile &operator=(const ProcFile &) = delete;

    const QString &path() const { return m_path; }
    bool isOpen() const { return m_fd >= 0; }

    // The whole file, valid until the next read(); an empty view with ok=false on failure.
    QByteArrayView read(bool *ok = nullptr);
    void close();

    // Reads a whole file once, for files read only at start-up or when something changes.
    static QByteArray readAll(const QString &path, bool *ok = nullptr);

private:
    bool open();

    QString m_path;
    QByteArray m_buffer;
    int m_fd = -1;
};
