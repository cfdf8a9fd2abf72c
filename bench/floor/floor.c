/*
 * The floor: the least a 1 Hz monitor of Vantage's numbers can cost on this machine.
 *
 *   vantage_floor [--interval SECONDS] [--passes N] [--mount PATH]...
 *
 * Each pass makes the system calls a headless vantage makes on a tick (see docs/performance.md,
 * where they were traced with strace) and nothing else: the system-wide files kept open and read
 * with pread until end of file, /proc listed once with getdents64 on a kept-open descriptor, one
 * kept-open /proc/<pid>/stat per PID read with one pread, the cgroup v1 hierarchies listed, one
 * statfs per mount, and /sys/class/drm listed every 5 s. It parses nothing but the PIDs in the
 * listing, then sleeps to the next whole interval (absolute CLOCK_MONOTONIC deadlines, so the
 * time a pass takes does not shift the next one).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum { MaxMounts = 16 };

/* One system-wide file: how vantage reads it. Whole files are read until pread returns 0 (two
 * calls for all of these); the short ones get a single pread into a small buffer. */
struct SystemFile
{
    const char *path;
    size_t buffer;
    int whole;
    int fd;
};

struct PidFile
{
    int pid;
    int fd;
};

struct PidTable
{
    struct PidFile *items;
    size_t count;
    size_t capacity;
};

static char g_buffer[65536];

static void readFile(const struct SystemFile *file)
{
    if (file->fd < 0)
        return;
    off_t offset = 0;
    for (;;) {
        const ssize_t got =
            pread(file->fd, g_buffer + offset, file->buffer - (size_t)offset, offset);
        if (got <= 0 || !file->whole || (size_t)(offset + got) >= file->buffer)
            return;
        offset += got;
    }
}

/* Lists a directory the way QDir-style code does: open, getdents64 to the end, close. */
static void listDirectory(const char *path, int recurse)
{
    DIR *dir = opendir(path);
    if (!dir)
        return;
    struct dirent *entry;
    while ((entry = readdir(dir))) {
        if (!recurse || entry->d_type != DT_DIR || entry->d_name[0] == '.')
            continue;
        char child[4096];
        if (snprintf(child, sizeof child, "%s/%s", path, entry->d_name) < (int)sizeof child)
            listDirectory(child, recurse);
    }
    closedir(dir);
}

static int pidOf(const char *name)
{
    int pid = 0;
    for (const char *c = name; *c; ++c) {
        if (*c < '0' || *c > '9')
            return 0;
        pid = pid * 10 + (*c - '0');
    }
    return pid;
}

static void push(struct PidTable *table, int pid, int fd)
{
    if (table->count == table->capacity) {
        table->capacity = table->capacity ? table->capacity * 2 : 256;
        table->items = realloc(table->items, table->capacity * sizeof *table->items);
        if (!table->items) {
            perror("realloc");
            exit(1);
        }
    }
    table->items[table->count].pid = pid;
    table->items[table->count].fd = fd;
    ++table->count;
}

/* Lists /proc once and moves the kept-open stat files from last pass's table to this one's:
 * a PID still listed keeps its descriptor, a new one is opened, a gone one is closed. The kernel
 * lists /proc in ascending PID order, so both tables are sorted and one merge walk does it. */
static void scanProcesses(int procFd, struct PidTable *previous, struct PidTable *current)
{
    current->count = 0;
    lseek(procFd, 0, SEEK_SET);
    size_t old = 0;
    char entries[32768];
    for (;;) {
        const long got = syscall(SYS_getdents64, procFd, entries, sizeof entries);
        if (got <= 0)
            break;
        for (long at = 0; at < got;) {
            const struct dirent64 *entry = (const struct dirent64 *)(entries + at);
            at += entry->d_reclen;
            const int pid = pidOf(entry->d_name);
            if (pid <= 0)
                continue;
            while (old < previous->count && previous->items[old].pid < pid)
                close(previous->items[old++].fd);
            if (old < previous->count && previous->items[old].pid == pid) {
                push(current, pid, previous->items[old++].fd);
                continue;
            }
            char path[64];
            snprintf(path, sizeof path, "/proc/%d/stat", pid);
            const int fd = open(path, O_RDONLY | O_CLOEXEC);
            if (fd >= 0)
                push(current, pid, fd);
        }
    }
    while (old < previous->count)
        close(previous->items[old++].fd);
    previous->count = 0;
    for (size_t i = 0; i < current->count; ++i)
        pread(current->items[i].fd, g_buffer, 512, 0);
}

static long long monotonicNs(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1000000000LL + now.tv_nsec;
}

static int usage(const char *message)
{
    fprintf(stderr,
            "vantage_floor: %s\nusage: vantage_floor [--interval SECONDS] [--passes N] "
            "[--mount PATH]...\n",
            message);
    return 2;
}

int main(int argc, char **argv)
{
    double interval = 1.0;
    long passes = 0;
    const char *mounts[MaxMounts];
    int mountCount = 0;
    for (int i = 1; i < argc; ++i) {
        const char *arg = argv[i];
        if (i + 1 >= argc)
            return usage("an option needs a value");
        const char *value = argv[++i];
        char *end = NULL;
        if (strcmp(arg, "--interval") == 0) {
            interval = strtod(value, &end);
            if (*end || !(interval > 0.0))
                return usage("--interval needs a positive number of seconds");
        } else if (strcmp(arg, "--passes") == 0) {
            passes = strtol(value, &end, 10);
            if (*end || passes < 0)
                return usage("--passes needs a count (0 = forever)");
        } else if (strcmp(arg, "--mount") == 0) {
            if (mountCount == MaxMounts)
                return usage("too many --mount");
            mounts[mountCount++] = value;
        } else {
            return usage("unknown option");
        }
    }
    /* The disk collector stats every mount it reports; on the machine traced that was "/". */
    if (mountCount == 0)
        mounts[mountCount++] = "/";

    /* In the order of vantage's tick; /proc/loadavg is open twice there (load and processes). */
    struct SystemFile files[] = {
        {"/proc/stat", 4096, 1, -1},         {"/proc/loadavg", 128, 0, -1},
        {"/proc/pressure/cpu", 256, 1, -1},  {"/proc/pressure/memory", 256, 1, -1},
        {"/proc/pressure/io", 256, 1, -1},   {"/proc/diskstats", 4096, 1, -1},
        {"/proc/self/net/dev", 4096, 1, -1}, {"/proc/uptime", 64, 0, -1},
        {"/proc/self/stat", 512, 0, -1},     {"/proc/meminfo", 4096, 1, -1},
        {"/proc/loadavg", 128, 0, -1},
    };
    const size_t fileCount = sizeof files / sizeof files[0];
    for (size_t i = 0; i < fileCount; ++i)
        files[i].fd = open(files[i].path, O_RDONLY | O_CLOEXEC);
    const int procFd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (procFd < 0) {
        perror("/proc");
        return 1;
    }
    /* Cgroup v2 has one tree; v1 has name=systemd for the units and cpuacct beside it. */
    struct stat unified;
    const int isUnified = stat("/sys/fs/cgroup/cgroup.controllers", &unified) == 0;

    struct PidTable tables[2] = {{NULL, 0, 0}, {NULL, 0, 0}};
    int which = 0;
    const long long intervalNs = (long long)(interval * 1e9);
    const long long rediscoverNs = 5000000000LL;
    long long drmListedNs = 0;
    int drmListed = 0;
    long long next = monotonicNs();
    for (long pass = 0; passes == 0 || pass < passes; ++pass) {
        for (size_t i = 0; i < 5; ++i)
            readFile(&files[i]);
        if (isUnified) {
            listDirectory("/sys/fs/cgroup", 1);
        } else {
            listDirectory("/sys/fs/cgroup/systemd", 1);
            listDirectory("/sys/fs/cgroup/cpuacct", 1);
        }
        readFile(&files[5]);
        for (int m = 0; m < mountCount; ++m) {
            struct statfs fs;
            struct stat st;
            statfs(mounts[m], &fs);
            stat(mounts[m], &st);
        }
        for (size_t i = 6; i < fileCount; ++i)
            readFile(&files[i]);
        scanProcesses(procFd, &tables[which], &tables[1 - which]);
        which = 1 - which;
        const long long now = monotonicNs();
        if (!drmListed || now - drmListedNs >= rediscoverNs) {
            listDirectory("/sys/class/drm", 0);
            drmListed = 1;
            drmListedNs = now;
        }

        next += intervalNs;
        const long long after = monotonicNs();
        if (next < after) /* a pass longer than the interval: start again from now */
            next = after;
        const struct timespec deadline = {(time_t)(next / 1000000000LL),
                                          (long)(next % 1000000000LL)};
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL) == EINTR) {
        }
    }
    return 0;
}
