#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>

// A door a worker thread waits at, the way statvfs() waits for a share that does not answer.
// Tests hold it by shared_ptr and so does the function they inject: a thread left blocked by a
// destroyed worker still finds it when the test opens it.
class Gate
{
public:
    void close()
    {
        const std::lock_guard lock(m_mutex);
        m_open = false;
    }

    void open()
    {
        const std::lock_guard lock(m_mutex);
        m_open = true;
        m_changed.notify_all();
    }

    // Blocks while closed; counts the callers that came, blocked or not.
    void pass()
    {
        std::unique_lock lock(m_mutex);
        ++m_passes;
        m_changed.wait(lock, [this] { return m_open; });
    }

    int passes() const
    {
        const std::lock_guard lock(m_mutex);
        return m_passes;
    }

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_open = true;
    int m_passes = 0;
};
