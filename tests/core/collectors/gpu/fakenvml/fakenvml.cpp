// A fake NVML for the tests: the calls the collector makes, answered from a scenario file.
//
// FAKE_NVML_SCENARIO names the file, read again by nvmlInit_v2 whenever that name changes (each
// test has its own; call counts start again with it). One statement per line, '#' a comment:
//   log PATH                   every call appends "<monotonic ns> <function> <address or ->"
//                              to PATH; a slow call appends a second line ending in " end"
//   init CODE                  what nvmlInit_v2 returns (0 unless said)
//   gpu ADDRESS KEY=VALUE...   a GPU: util (%), memused, memtotal (bytes), temp (°C),
//                              power, limit (mW), clock (MHz), fan (%); a VALUE "unsupported"
//                              makes that call answer NVML_ERROR_NOT_SUPPORTED
//   lost ADDRESS N             from the Nth call naming that GPU on, each answers GPU_IS_LOST
//   slow ADDRESS FUNCTION N MS [RELEASE]
//                              that GPU's Nth call of FUNCTION takes MS ms, or, with RELEASE,
//                              lasts until the file RELEASE exists (MS is then its ceiling)
//   process ADDRESS PID BYTES [SM]
//                              a compute process using BYTES of that GPU's memory and, with
//                              SM, SM% of its SMs: each nvmlDeviceGetProcessUtilization call
//                              makes one sample per such process, stamped N × 1 s (µs) at the
//                              GPU's Nth call, and returns those newer than lastSeenTimeStamp
// No Qt here: the library must load into a process on its own, as the real one does.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <sys/stat.h>
#include <time.h>

namespace {

constexpr int Success = 0;
constexpr int Uninitialized = 1;
constexpr int InvalidArgument = 2;
constexpr int NotSupported = 3;
constexpr int NotFound = 6;
constexpr int InsufficientSize = 7;
constexpr int GpuIsLost = 15;

struct Slow
{
    std::string function;
    int call = 0; // the Nth call of function on this GPU
    int ms = 0;
    std::string release;
};

struct Gpu
{
    std::string address;
    unsigned int domain = 0, bus = 0, device = 0, function = 0;
    std::map<std::string, std::string> values;
    int lostAt = 0; // 0: never
    int calls = 0;  // calls naming this GPU
    std::map<std::string, int> callsOf;
    std::vector<Slow> slow;
    struct Process
    {
        unsigned int pid = 0;
        unsigned long long bytes = 0;
        int sm = -1; // -1: no samples
    };
    std::vector<Process> processes;
};

struct Scenario
{
    std::string path;
    std::string log;
    int init = Success;
    int initialised = 0; // nvmlInit_v2 minus nvmlShutdown, as NVML counts them
    std::vector<Gpu> gpus;
};

std::mutex mutex;
Scenario scenario;

bool parseAddress(const std::string &text, Gpu &gpu)
{
    return std::sscanf(text.c_str(), "%x:%x:%x.%x", &gpu.domain, &gpu.bus, &gpu.device,
                       &gpu.function) == 4;
}

Gpu *find(const std::string &address)
{
    Gpu wanted;
    if (!parseAddress(address, wanted))
        return nullptr;
    for (Gpu &gpu : scenario.gpus) {
        if (gpu.domain == wanted.domain && gpu.bus == wanted.bus && gpu.device == wanted.device &&
            gpu.function == wanted.function)
            return &gpu;
    }
    return nullptr;
}

void load(const char *path)
{
    scenario = Scenario();
    scenario.path = path;
    std::ifstream file(path);
    std::string line;
    while (std::getline(file, line)) {
        std::istringstream words(line);
        std::string verb, address;
        words >> verb;
        if (verb == "log") {
            words >> scenario.log;
        } else if (verb == "init") {
            words >> scenario.init;
        } else if (verb == "gpu") {
            Gpu gpu;
            words >> gpu.address;
            parseAddress(gpu.address, gpu);
            std::string pair;
            while (words >> pair) {
                const size_t equals = pair.find('=');
                if (equals != std::string::npos)
                    gpu.values[pair.substr(0, equals)] = pair.substr(equals + 1);
            }
            scenario.gpus.push_back(gpu);
        } else if (verb == "lost" && words >> address && find(address)) {
            words >> find(address)->lostAt;
        } else if (verb == "slow" && words >> address && find(address)) {
            Slow slow;
            words >> slow.function >> slow.call >> slow.ms >> slow.release;
            find(address)->slow.push_back(slow);
        } else if (verb == "process" && words >> address && find(address)) {
            Gpu::Process process;
            words >> process.pid >> process.bytes >> process.sm;
            find(address)->processes.push_back(process);
        }
    }
}

void log(const char *function, const std::string &address, const char *suffix = "")
{
    if (scenario.log.empty())
        return;
    timespec now = {};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    if (FILE *file = std::fopen(scenario.log.c_str(), "a")) {
        std::fprintf(file, "%lld %s %s%s\n", now.tv_sec * 1'000'000'000LL + now.tv_nsec, function,
                     address.empty() ? "-" : address.c_str(), suffix);
        std::fclose(file);
    }
}

bool exists(const std::string &path)
{
    struct stat status = {};
    return ::stat(path.c_str(), &status) == 0;
}

// Counts and logs a call naming gpu, sleeps when the scenario makes it slow (with the lock
// released, so the test can read the log meanwhile), and says what it must answer:
// Success, or the error of an uninitialised library or a lost GPU.
int enter(std::unique_lock<std::mutex> &lock, const char *function, Gpu *gpu)
{
    if (!gpu)
        return InvalidArgument;
    log(function, gpu->address);
    if (scenario.initialised <= 0)
        return Uninitialized;
    ++gpu->calls;
    const int nth = ++gpu->callsOf[function];
    if (gpu->lostAt > 0 && gpu->calls >= gpu->lostAt)
        return GpuIsLost;
    for (const Slow &slow : gpu->slow) {
        if (slow.function != function || slow.call != nth)
            continue;
        const Slow copy = slow;
        const std::string address = gpu->address;
        lock.unlock();
        const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(copy.ms);
        while (std::chrono::steady_clock::now() < until &&
               (copy.release.empty() || !exists(copy.release)))
            std::this_thread::sleep_for(
                std::chrono::milliseconds(copy.release.empty() ? copy.ms : 5));
        lock.lock();
        log(function, address, " end");
    }
    return Success;
}

// One scenario value: Success with it in out, NotSupported, or NotFound when the GPU has none.
int value(Gpu *gpu, const char *key, unsigned long long &out)
{
    const auto it = gpu->values.find(key);
    if (it == gpu->values.end())
        return NotFound;
    if (it->second == "unsupported")
        return NotSupported;
    out = std::strtoull(it->second.c_str(), nullptr, 10);
    return Success;
}

int unsignedValue(const char *function, void *device, const char *key, unsigned int *out)
{
    std::unique_lock lock(mutex);
    Gpu *gpu = static_cast<Gpu *>(device);
    if (const int code = enter(lock, function, gpu); code != Success)
        return code;
    unsigned long long number = 0;
    const int code = value(gpu, key, number);
    if (code == Success)
        *out = static_cast<unsigned int>(number);
    return code;
}

struct PciInfo
{
    char busIdLegacy[16];
    unsigned int domain, bus, device, pciDeviceId, pciSubSystemId;
    char busId[32];
};
struct Memory
{
    unsigned long long total, free, used;
};
struct Utilization
{
    unsigned int gpu, memory;
};
struct ProcessUtilizationSample
{
    unsigned int pid;
    unsigned long long timeStamp;
    unsigned int smUtil, memUtil, encUtil, decUtil;
};
struct ProcessInfo
{
    unsigned int pid;
    unsigned long long usedGpuMemory;
    unsigned int gpuInstanceId, computeInstanceId;
};

} // namespace

#define EXPORT extern "C" __attribute__((visibility("default")))

EXPORT int nvmlInit_v2()
{
    const std::lock_guard lock(mutex);
    const char *path = std::getenv("FAKE_NVML_SCENARIO");
    if (path && scenario.path != path)
        load(path);
    log("nvmlInit_v2", "");
    if (scenario.init == Success)
        ++scenario.initialised;
    return scenario.init;
}

EXPORT int nvmlShutdown()
{
    const std::lock_guard lock(mutex);
    log("nvmlShutdown", "");
    if (scenario.initialised <= 0)
        return Uninitialized;
    --scenario.initialised;
    return Success;
}

EXPORT const char *nvmlErrorString(int code)
{
    switch (code) {
    case Success:
        return "Success";
    case NotSupported:
        return "Not Supported";
    case 9:
        return "Driver Not Loaded";
    case GpuIsLost:
        return "GPU is lost";
    default:
        return "Unknown Error";
    }
}

EXPORT int nvmlDeviceGetCount_v2(unsigned int *count)
{
    const std::lock_guard lock(mutex);
    log("nvmlDeviceGetCount_v2", "");
    if (scenario.initialised <= 0)
        return Uninitialized;
    *count = static_cast<unsigned int>(scenario.gpus.size());
    return Success;
}

EXPORT int nvmlDeviceGetHandleByPciBusId_v2(const char *busId, void **device)
{
    std::unique_lock lock(mutex);
    Gpu *gpu = find(busId);
    if (!gpu) {
        log("nvmlDeviceGetHandleByPciBusId_v2", busId);
        return NotFound;
    }
    if (const int code = enter(lock, "nvmlDeviceGetHandleByPciBusId_v2", gpu); code != Success)
        return code;
    *device = gpu;
    return Success;
}

EXPORT int nvmlDeviceGetPciInfo_v3(void *device, PciInfo *pci)
{
    std::unique_lock lock(mutex);
    Gpu *gpu = static_cast<Gpu *>(device);
    if (const int code = enter(lock, "nvmlDeviceGetPciInfo_v3", gpu); code != Success)
        return code;
    *pci = PciInfo();
    pci->domain = gpu->domain;
    pci->bus = gpu->bus;
    pci->device = gpu->device;
    std::snprintf(pci->busId, sizeof pci->busId, "%08x:%02x:%02x.%x", gpu->domain, gpu->bus,
                  gpu->device, gpu->function);
    return Success;
}

EXPORT int nvmlDeviceGetUtilizationRates(void *device, Utilization *utilization)
{
    unsigned int gpu = 0;
    const int code = unsignedValue("nvmlDeviceGetUtilizationRates", device, "util", &gpu);
    if (code == Success)
        *utilization = Utilization{gpu, 0};
    return code;
}

EXPORT int nvmlDeviceGetMemoryInfo(void *device, Memory *memory)
{
    std::unique_lock lock(mutex);
    Gpu *gpu = static_cast<Gpu *>(device);
    if (const int code = enter(lock, "nvmlDeviceGetMemoryInfo", gpu); code != Success)
        return code;
    unsigned long long used = 0, total = 0;
    if (const int code = value(gpu, "memused", used); code != Success)
        return code;
    if (const int code = value(gpu, "memtotal", total); code != Success)
        return code;
    *memory = Memory{total, total - used, used};
    return Success;
}

EXPORT int nvmlDeviceGetTemperature(void *device, unsigned int sensor, unsigned int *temp)
{
    if (sensor != 0)
        return InvalidArgument;
    return unsignedValue("nvmlDeviceGetTemperature", device, "temp", temp);
}

EXPORT int nvmlDeviceGetPowerUsage(void *device, unsigned int *milliwatts)
{
    return unsignedValue("nvmlDeviceGetPowerUsage", device, "power", milliwatts);
}

EXPORT int nvmlDeviceGetEnforcedPowerLimit(void *device, unsigned int *milliwatts)
{
    return unsignedValue("nvmlDeviceGetEnforcedPowerLimit", device, "limit", milliwatts);
}

EXPORT int nvmlDeviceGetClockInfo(void *device, unsigned int type, unsigned int *mhz)
{
    if (type != 0)
        return InvalidArgument;
    return unsignedValue("nvmlDeviceGetClockInfo", device, "clock", mhz);
}

EXPORT int nvmlDeviceGetFanSpeed(void *device, unsigned int *percent)
{
    return unsignedValue("nvmlDeviceGetFanSpeed", device, "fan", percent);
}

EXPORT int nvmlDeviceGetComputeRunningProcesses_v3(void *device, unsigned int *count,
                                                   ProcessInfo *infos)
{
    std::unique_lock lock(mutex);
    Gpu *gpu = static_cast<Gpu *>(device);
    if (const int code = enter(lock, "nvmlDeviceGetComputeRunningProcesses_v3", gpu);
        code != Success)
        return code;
    const unsigned int needed = static_cast<unsigned int>(gpu->processes.size());
    if (*count < needed) {
        *count = needed;
        return InsufficientSize;
    }
    *count = needed;
    for (unsigned int i = 0; i < needed; ++i)
        infos[i] = ProcessInfo{gpu->processes[i].pid, gpu->processes[i].bytes, 0, 0};
    return Success;
}

EXPORT int nvmlDeviceGetProcessUtilization(void *device, ProcessUtilizationSample *samples,
                                           unsigned int *count, unsigned long long lastSeen)
{
    std::unique_lock lock(mutex);
    Gpu *gpu = static_cast<Gpu *>(device);
    if (const int code = enter(lock, "nvmlDeviceGetProcessUtilization", gpu); code != Success)
        return code;
    const unsigned long long stamp = gpu->callsOf["nvmlDeviceGetProcessUtilization"] * 1'000'000ULL;
    std::vector<ProcessUtilizationSample> fresh;
    for (const Gpu::Process &process : gpu->processes) {
        if (process.sm >= 0 && stamp > lastSeen)
            fresh.push_back({process.pid, stamp, static_cast<unsigned int>(process.sm), 0, 0, 0});
    }
    if (fresh.empty())
        return NotFound;
    if (!samples || *count < fresh.size()) {
        *count = static_cast<unsigned int>(fresh.size());
        return InsufficientSize;
    }
    *count = static_cast<unsigned int>(fresh.size());
    for (size_t i = 0; i < fresh.size(); ++i)
        samples[i] = fresh[i];
    return Success;
}
