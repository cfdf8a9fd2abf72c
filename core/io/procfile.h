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
    enum class ReadMode {
        UntilEndOfFile, // read until pread returns 0: right for any file
        // A read that does not fill the buffer is the whole file. True of files the kernel
        // generates in one go (a process's stat, sysfs attributes, /proc/uptime): it saves the
        // second pread that would only confirm the end, which is a tenth of a process scan.
        SingleRead,
    };

    explicit ProcFile(QString path = {}, ReadMode mode = ReadMode::UntilEndOfFile,
                      qsizetype initialBuffer = 4096);
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
    ReadMode m_mode = ReadMode::UntilEndOfFile;
    qsizetype m_initialBuffer = 4096;
};
