#pragma once

#include <QString>

// The part of NVIDIA's management library (NVML) the GPU collector uses, declared here from the
// public API reference rather than from nvml.h: Debian main packages no NVML header, and the
// library is opened at run time, so Vantage builds and runs where no NVIDIA driver exists
// (docs/architecture.md). Names and layouts follow the reference; only what is called is here.
namespace Nvml {

using Return = int; // nvmlReturn_t
struct DeviceOpaque;
using Device = DeviceOpaque *; // nvmlDevice_t: a handle the library owns

enum : Return {
    Success = 0,
    ErrorNotSupported = 3,
    ErrorNotFound = 6,
    ErrorInsufficientSize = 7,
    ErrorGpuIsLost = 15,
};

constexpr unsigned int TemperatureGpu = 0; // nvmlTemperatureSensors_t NVML_TEMPERATURE_GPU
constexpr unsigned int ClockGraphics = 0;  // nvmlClockType_t NVML_CLOCK_GRAPHICS

struct Memory // nvmlMemory_t, bytes
{
    unsigned long long total;
    unsigned long long free;
    unsigned long long used;
};

struct Utilization // nvmlUtilization_t, percent of the last sample period
{
    unsigned int gpu;
    unsigned int memory;
};

struct PciInfo // nvmlPciInfo_t as nvmlDeviceGetPciInfo_v3 fills it
{
    char busIdLegacy[16];
    unsigned int domain;
    unsigned int bus;
    unsigned int device;
    unsigned int pciDeviceId;
    unsigned int pciSubSystemId;
    char busId[32]; // "00000000:01:00.0"
};

struct ProcessInfo // nvmlProcessInfo_v2_t, filled by the _v2 and _v3 running-process calls
{
    unsigned int pid;
    unsigned long long usedGpuMemory; // bytes
    unsigned int gpuInstanceId;
    unsigned int computeInstanceId;
};

struct ProcessUtilizationSample // nvmlProcessUtilizationSample_t
{
    unsigned int pid;
    unsigned long long timeStamp; // µs
    unsigned int smUtil;          // percent of the sample period the process used the SMs
    unsigned int memUtil;
    unsigned int encUtil;
    unsigned int decUtil;
};

} // namespace Nvml

// libnvidia-ml opened with dlopen and its entry points looked up. Required are the versioned
// symbols that identify a GPU (nvmlInit_v2, nvmlShutdown, nvmlDeviceGetCount_v2,
// nvmlDeviceGetHandleByPciBusId_v2, nvmlDeviceGetPciInfo_v3): without one of them the library
// is not used. The value calls are optional: a missing one is null, as an unsupported one is.
class NvmlApi
{
public:
    // Opens library, else the file named by VANTAGE_NVML_LIBRARY (for end-to-end tests, which
    // bring a fake library), else the system's libnvidia-ml.so.1 (the driver's), then
    // libnvidia-ml.so; nothing in it is called yet.
    explicit NvmlApi(const QString &library = {});
    ~NvmlApi();
    NvmlApi(const NvmlApi &) = delete;
    NvmlApi &operator=(const NvmlApi &) = delete;

    // Whether the library was found with every required symbol; error() says why not.
    bool usable() const { return m_usable; }
    QString error() const { return m_error; }
    // NVML's text for a return code, with the code: "9 (Driver Not Loaded)".
    QString describe(Nvml::Return code) const;

    Nvml::Return (*init)() = nullptr;
    Nvml::Return (*shutdown)() = nullptr;
    Nvml::Return (*deviceCount)(unsigned int *) = nullptr;
    Nvml::Return (*handleByPciBusId)(const char *, Nvml::Device *) = nullptr;
    Nvml::Return (*pciInfo)(Nvml::Device, Nvml::PciInfo *) = nullptr;

    const char *(*errorString)(Nvml::Return) = nullptr;
    Nvml::Return (*utilization)(Nvml::Device, Nvml::Utilization *) = nullptr;
    Nvml::Return (*memory)(Nvml::Device, Nvml::Memory *) = nullptr;
    Nvml::Return (*temperature)(Nvml::Device, unsigned int, unsigned int *) = nullptr;
    Nvml::Return (*powerUsage)(Nvml::Device, unsigned int *) = nullptr;          // mW
    Nvml::Return (*powerLimit)(Nvml::Device, unsigned int *) = nullptr;          // mW, enforced
    Nvml::Return (*clock)(Nvml::Device, unsigned int, unsigned int *) = nullptr; // MHz
    Nvml::Return (*fanSpeed)(Nvml::Device, unsigned int *) = nullptr;            // percent
    Nvml::Return (*computeProcesses)(Nvml::Device, unsigned int *, Nvml::ProcessInfo *) = nullptr;
    Nvml::Return (*graphicsProcesses)(Nvml::Device, unsigned int *, Nvml::ProcessInfo *) = nullptr;
    Nvml::Return (*processUtilization)(Nvml::Device, Nvml::ProcessUtilizationSample *,
                                       unsigned int *, unsigned long long) = nullptr;

private:
    void *m_handle = nullptr;
    bool m_usable = false;
    QString m_error;
};
