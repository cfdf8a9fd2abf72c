#include "extrachildren.h"

#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <sys/wait.h>
#include <unistd.h>

ExtraChildren::ExtraChildren(int count)
{
    int fds[2] = {-1, -1};
    if (count <= 0 || ::pipe(fds) != 0)
        return;
    for (int i = 0; i < count; ++i) {
        const pid_t pid = ::fork();
        if (pid == 0)
            waitForParent(fds[0], fds[1]);
        if (pid < 0) {
            std::perror("fork");
            break;
        }
        m_children.push_back(pid);
    }
    ::close(fds[0]);
    m_writeFd = fds[1];
}

ExtraChildren::~ExtraChildren()
{
    if (m_writeFd >= 0)
        ::close(m_writeFd);
    for (const pid_t pid : m_children)
        ::waitpid(pid, nullptr, 0);
}

void ExtraChildren::waitForParent(int readFd, int writeFd)
{
    // Every child inherits the write end; closing its own copy leaves the parent's as the only
    // one, so read() returns 0 exactly when the parent is gone (EINTR aside).
    ::close(writeFd);
    char byte = 0;
    while (::read(readFd, &byte, 1) != 0) {
    }
    ::_exit(0);
}

int ExtraChildren::takeFlag(int *argc, char **argv)
{
    constexpr std::string_view Flag = "--extra-children=";
    int count = 0;
    int kept = 1;
    for (int i = 1; i < *argc; ++i) {
        const std::string_view arg = argv[i];
        if (!arg.starts_with(Flag)) {
            argv[kept++] = argv[i];
            continue;
        }
        char *end = nullptr;
        count = int(std::strtol(argv[i] + Flag.size(), &end, 10));
        if (end == argv[i] + Flag.size() || *end != '\0' || count < 0)
            count = -1;
    }
    *argc = kept;
    return count;
}
