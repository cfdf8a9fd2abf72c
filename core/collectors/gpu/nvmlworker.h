#pragma once

#include <QHash>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <chrono>
#include <memory>
#include <optional>

// One NVIDIA GPU's values as NVML last gave them; null where a call failed, is unsupported or
// is missing from the library.
struct NvmlReading
{
    std::optional<double> load;       // percent
    std::optional<double> temp;       // °C
    std::optional<double> power;      // W
    std::optional<double> powerLimit; // W, the limit the driver enforces now
    std::optional<double> clock;      // MHz, the graphics clock
    std::optional<double> fan;        // percent
    std::optional<quint64> vramUsed;  // bytes
    std::optional<quint64> vramTotal;
    bool lost = false; // NVML answered GPU_IS_LOST: the GPU fell off the bus
};

// One process's use of the NVIDIA GPUs read, summed over them.
struct NvmlProcessUse
{
    std::optional<double> gpu; // percent of one GPU's SMs (can pass 100 over several GPUs)
    quint64 gpuMem = 0;        // bytes
};

// Every NVML call, on one thread of its own (as FsStatWorker sizes a mount): nvmlInit can take
// seconds and a value call 20 ms or more, and the tick must never wait for either. The tick
// names the NVIDIA GPUs that may be read now (awake, and allowed by the wake-up rule) with
// want(), sends the request with send() and takes whatever reading is there with reading().
// NVML is initialised only while a request names a GPU and shut down at the first request that
// names none: a held NVML handle keeps a GPU out of runtime suspend. The library is opened at
// the first request that names a GPU, so a machine without one never loads it. When it cannot
// be opened, or nvmlInit fails, the log says so once and every value stays null.
class NvmlWorker
{
public:
    // How long the destructor waits for the thread to shut NVML down and close the library; a
    // call hung in the driver past that is left to finish on its own (the thread owns its state).
    static constexpr std::chrono::milliseconds ExitWait{1000};

    // library: the file to open, else VANTAGE_NVML_LIBRARY, else the system's (NvmlApi).
    explicit NvmlWorker(QString library = {});
    ~NvmlWorker();
    NvmlWorker(const NvmlWorker &) = delete;
    NvmlWorker &operator=(const NvmlWorker &) = delete;

    // Adds the GPU at this PCI address to the request being built this tick.
    void want(const QString &address);
    // Hands the request built since the last send() to the thread, stamped nowNs, and returns at
    // once. A request not yet taken by a busy thread is replaced by the newer one.
    void send(qint64 nowNs);
    // The latest reading of the GPU at address, if the request it answers was sent at oldestNs or
    // later and named that GPU; never waits.
    std::optional<NvmlReading> reading(const QString &address, qint64 oldestNs) const;
    // How many requests the thread has answered: tests wait on it instead of on time.
    quint64 answers() const;

    // Per process (pid → use), from the latest answer, read while setProcessesWanted(true):
    // memory from NVML's running compute and graphics processes, gpu the mean SM use of the
    // samples NVML took since the previous reading (0 for a listed process it has none for; null
    // where the GPU cannot say). Empty when not wanted: these calls cost the driver time, so only
    // a watched process list asks.
    QHash<qint64, NvmlProcessUse> processes() const;
    void setProcessesWanted(bool wanted);

private:
    struct State;
    static void run(const std::shared_ptr<State> &state);

    std::shared_ptr<State> m_state;
    QStringList m_wanted; // the tick's thread only
};
