#pragma once

#include <sys/types.h>

#include <vector>

// N child processes that do nothing but exist, so a benchmark can see a busier /proc. Each
// blocks reading a pipe whose only write end this process holds: when this process exits, for
// whatever reason, the pipe closes and every child exits with it.
class ExtraChildren
{
public:
    // Forks count children; call it before any thread is started.
    explicit ExtraChildren(int count);
    ~ExtraChildren();
    ExtraChildren(const ExtraChildren &) = delete;
    ExtraChildren &operator=(const ExtraChildren &) = delete;

    // How many children are alive and waiting.
    int count() const { return int(m_children.size()); }

    // Takes "--extra-children=N" out of argv; returns N, 0 if absent, -1 if N is not a number.
    static int takeFlag(int *argc, char **argv);

private:
    [[noreturn]] static void waitForParent(int readFd, int writeFd);

    std::vector<pid_t> m_children;
    int m_writeFd = -1;
};
