#pragma once

#include "fsstats.h"

#include <QString>

#include <chrono>
#include <memory>
#include <optional>

// Sizes one filesystem that may stop answering (a network share whose server is gone, a FUSE
// daemon that hangs) on a thread of its own. statvfs() on such a mount can block for minutes and
// no signal interrupts it, so the call that hangs holds this thread, never the tick.
class FsStatWorker
{
public:
    // How long sizes() waits for the answer it asked for; a share that answers later is shown
    // with its previous reading for that tick.
    static constexpr std::chrono::milliseconds AnswerWait{5};
    // How long a call may run before stuckFor() reports it, unless the constructor says.
    static constexpr std::chrono::seconds StuckAfter{5};

    FsStatWorker(QString mountPath, FsStatFunction fsStat,
                 std::chrono::milliseconds stuckAfter = StuckAfter);
    // Waits up to AnswerWait for a call in progress; a call still blocked after that is left to
    // finish on its own (it owns what it touches), since nothing can cancel it.
    ~FsStatWorker();
    FsStatWorker(const FsStatWorker &) = delete;
    FsStatWorker &operator=(const FsStatWorker &) = delete;

    // Asks for a fresh reading unless one is still running, waits up to AnswerWait for it, and
    // returns the latest reading there is: nullopt until the first answer, or if it failed.
    std::optional<FsStats> sizes();
    // Whether any call has returned yet: until then a missing reading is not a failure.
    bool hasAnswered() const;
    // How long the call in progress has run, when that is stuckAfter or more; zero otherwise.
    std::chrono::milliseconds stuckFor() const;

private:
    struct State;
    static void run(const std::shared_ptr<State> &state, const QString &mountPath,
                    const FsStatFunction &fsStat);

    std::shared_ptr<State> m_state;
    std::chrono::milliseconds m_stuckAfter;
};
