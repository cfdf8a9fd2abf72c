#pragma once

#include "snapshot.h"
#include "systempaths.h"

// Reads the facts about the host that do not change while the process runs. Called once at
// start, so it opens and closes each file instead of keeping it open.
class HostInfoReader
{
public:
    // Hostname, kernel release, CPU model and count, boot time (ms since the epoch) from under
    // paths.procRoot, and the OS name (os-release PRETTY_NAME, through QSysInfo). A file that is
    // missing leaves its fields empty (0 for numbers) and is logged.
    static HostInfo read(const SystemPaths &paths);
};
