#include "fsstatworker.h"

#include <condition_variable>
#include <mutex>
#include <thread>

struct FsStatWorker::State
{
    std::mutex mutex;
    std::condition_variable requestedOrStopped;
    std::condition_variable answered;
    bool requested = false;
    bool busy = false;
    bool stopped = false;
    quint64 answers = 0;
    std::optional<FsStats> latest;
    std::chrono::steady_clock::time_point busySince;
};

FsStatWorker::FsStatWorker(QString mountPath, FsStatFunction fsStat,
                           std::chrono::milliseconds stuckAfter)
    : m_state(std::make_shared<State>())
    , m_stuckAfter(stuckAfter)
{
    m_state->requested = true; // the first reading starts now, not at the first tick
    // The thread holds its own references: it may outlive this object while a call hangs.
    std::thread(&FsStatWorker::run, m_state, std::move(mountPath), std::move(fsStat)).detach();
}

FsStatWorker::~FsStatWorker()
{
    std::unique_lock lock(m_state->mutex);
    m_state->stopped = true;
    m_state->requestedOrStopped.notify_one();
    m_state->answered.wait_for(lock, AnswerWait, [this] { return !m_state->busy; });
}

void FsStatWorker::run(const std::shared_ptr<State> &state, const QString &mountPath,
                       const FsStatFunction &fsStat)
{
    std::unique_lock lock(state->mutex);
    for (;;) {
        state->requestedOrStopped.wait(lock, [&] { return state->requested || state->stopped; });
        if (state->stopped)
            return;
        state->requested = false;
        state->busy = true;
        state->busySince = std::chrono::steady_clock::now();
        lock.unlock();
        std::optional<FsStats> stats = fsStat(mountPath);
        lock.lock();
        state->busy = false;
        state->latest = stats;
        ++state->answers;
        state->answered.notify_all();
    }
}

std::optional<FsStats> FsStatWorker::sizes()
{
    std::unique_lock lock(m_state->mutex);
    if (!m_state->busy) {
        m_state->requested = true;
        m_state->requestedOrStopped.notify_one();
        const quint64 awaited = m_state->answers + 1;
        m_state->answered.wait_for(lock, AnswerWait, [&] { return m_state->answers >= awaited; });
    }
    return m_state->latest;
}

bool FsStatWorker::hasAnswered() const
{
    const std::lock_guard lock(m_state->mutex);
    return m_state->answers > 0;
}

std::chrono::milliseconds FsStatWorker::stuckFor() const
{
    const std::lock_guard lock(m_state->mutex);
    if (!m_state->busy)
        return std::chrono::milliseconds::zero();
    const auto running = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - m_state->busySince);
    return running >= m_stuckAfter ? running : std::chrono::milliseconds::zero();
}
