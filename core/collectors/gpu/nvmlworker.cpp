#include "collectors/gpu/nvmlworker.h"

#include "collectors/gpu/nvmlapi.h"
#include "logging.h"

#include <QRegularExpression>

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace {

// The value calls, as bits: one that answered NOT_SUPPORTED for a GPU is not made again for it.
enum Call : quint32 {
    CallUtilization = 1 << 0,
    CallMemory = 1 << 1,
    CallTemperature = 1 << 2,
    CallPower = 1 << 3,
    CallPowerLimit = 1 << 4,
    CallClock = 1 << 5,
    CallFan = 1 << 6,
    CallComputeProcesses = 1 << 7,
    CallGraphicsProcesses = 1 << 8,
    CallProcessUtilization = 1 << 9,
};

struct Answer
{
    QHash<QString, NvmlReading> readings;
    QHash<qint64, NvmlProcessUse> processes;
};

// NVML as the worker thread sees it; used by that thread alone.
class NvmlReader
{
public:
    explicit NvmlReader(QString library)
        : m_library(std::move(library))
    {}
    ~NvmlReader() { release(); }

    Answer read(const QStringList &addresses, bool processes)
    {
        Answer answer;
        if (addresses.isEmpty()) {
            release();
            return answer;
        }
        if (!start())
            return answer;
        for (const QString &address : addresses)
            answer.readings.insert(address, readDevice(address, processes, answer.processes));
        return answer;
    }

    void release()
    {
        if (!m_initialised)
            return;
        m_handles.clear();
        m_api->shutdown();
        m_initialised = false;
    }

private:
    bool start()
    {
        if (m_initialised)
            return true;
        if (m_off)
            return false;
        if (!m_api) {
            m_api = std::make_unique<NvmlApi>(m_library);
            if (!m_api->usable()) {
                qCWarning(lcCollect).noquote()
                    << "NVIDIA GPU values are off: NVML could not be loaded:" << m_api->error();
                m_off = true;
                return false;
            }
        }
        const Nvml::Return code = m_api->init();
        if (code != Nvml::Success) {
            qCWarning(lcCollect).noquote()
                << "NVIDIA GPU values are off: nvmlInit_v2 failed with" << m_api->describe(code);
            m_off = true;
            return false;
        }
        m_initialised = true;
        unsigned int count = 0;
        if (m_api->deviceCount(&count) == Nvml::Success)
            qCDebug(lcCollect) << "NVML started:" << count << "GPUs";
        return true;
    }

    // The handle for a PCI address, checked against the device's own PCI information; null
    // when NVML does not know the GPU (reading.lost set when it says the GPU is lost).
    Nvml::Device handle(const QString &address, NvmlReading &reading)
    {
        if (const auto it = m_handles.constFind(address); it != m_handles.cend())
            return *it;
        static const QRegularExpression pci(
            QStringLiteral("^([0-9a-f]+):([0-9a-f]{2}):([0-9a-f]{2})\\.[0-7]$"));
        const QRegularExpressionMatch parts = pci.match(address);
        Nvml::Device device = nullptr;
        Nvml::Return code = m_api->handleByPciBusId(address.toLatin1().constData(), &device);
        Nvml::PciInfo info = {};
        if (code == Nvml::Success)
            code = m_api->pciInfo(device, &info);
        reading.lost = code == Nvml::ErrorGpuIsLost;
        if (code != Nvml::Success || !parts.hasMatch())
            return nullptr;
        if (info.domain != parts.captured(1).toUInt(nullptr, 16) ||
            info.bus != parts.captured(2).toUInt(nullptr, 16) ||
            info.device != parts.captured(3).toUInt(nullptr, 16)) {
            qCDebug(lcCollect) << "NVML answered" << info.busId << "for" << address;
            return nullptr;
        }
        m_handles.insert(address, device);
        return device;
    }

    // Makes one value call unless it is missing or the GPU said it does not support it; true
    // when it answered. A lost GPU is read no further.
    template<typename Function, typename Invoke>
    bool attempt(const QString &address, Call call, Function function, NvmlReading &reading,
                 Invoke invoke)
    {
        quint32 &unsupported = m_unsupported[address];
        if (!function || reading.lost || (unsupported & call))
            return false;
        const Nvml::Return code = invoke(function);
        if (code == Nvml::ErrorNotSupported)
            unsupported |= call;
        reading.lost = code == Nvml::ErrorGpuIsLost;
        return code == Nvml::Success;
    }

    NvmlReading readDevice(const QString &address, bool processes,
                           QHash<qint64, NvmlProcessUse> &processUse)
    {
        NvmlReading reading;
        const Nvml::Device device = handle(address, reading);
        if (!device)
            return reading;
        Nvml::Utilization utilization = {};
        if (attempt(address, CallUtilization, m_api->utilization, reading,
                    [&](auto f) { return f(device, &utilization); }))
            reading.load = utilization.gpu;
        Nvml::Memory memory = {};
        if (attempt(address, CallMemory, m_api->memory, reading,
                    [&](auto f) { return f(device, &memory); })) {
            reading.vramUsed = memory.used;
            reading.vramTotal = memory.total;
        }
        unsigned int value = 0;
        if (attempt(address, CallTemperature, m_api->temperature, reading,
                    [&](auto f) { return f(device, Nvml::TemperatureGpu, &value); }))
            reading.temp = value;
        if (attempt(address, CallPower, m_api->powerUsage, reading,
                    [&](auto f) { return f(device, &value); }))
            reading.power = value / 1e3; // mW
        if (attempt(address, CallPowerLimit, m_api->powerLimit, reading,
                    [&](auto f) { return f(device, &value); }))
            reading.powerLimit = value / 1e3; // mW
        if (attempt(address, CallClock, m_api->clock, reading,
                    [&](auto f) { return f(device, Nvml::ClockGraphics, &value); }))
            reading.clock = value;
        if (attempt(address, CallFan, m_api->fanSpeed, reading,
                    [&](auto f) { return f(device, &value); }))
            reading.fan = value;
        if (processes) {
            QHash<qint64, NvmlProcessUse> here; // a process in both lists is counted once
            readProcesses(address, CallComputeProcesses, m_api->computeProcesses, device, reading,
                          here);
            readProcesses(address, CallGraphicsProcesses, m_api->graphicsProcesses, device, reading,
                          here);
            readUtilization(address, device, reading, here);
            for (auto it = here.cbegin(); it != here.cend(); ++it) {
                NvmlProcessUse &use = processUse[it.key()];
                use.gpuMem += it->gpuMem;
                if (it->gpu)
                    use.gpu = use.gpu.value_or(0) + *it->gpu;
            }
        }
        if (reading.lost)
            m_handles.remove(address);
        return reading;
    }

    using ProcessCall = Nvml::Return (*)(Nvml::Device, unsigned int *, Nvml::ProcessInfo *);

    void readProcesses(const QString &address, Call call, ProcessCall function, Nvml::Device device,
                       NvmlReading &reading, QHash<qint64, NvmlProcessUse> &here)
    {
        // NVML says how many there are when the array is too small: one retry with that size.
        std::vector<Nvml::ProcessInfo> infos(32);
        unsigned int count = 0;
        for (int attempts = 0; attempts < 2; ++attempts) {
            count = unsigned(infos.size());
            Nvml::Return code = Nvml::ErrorNotFound;
            attempt(address, call, function, reading, [&](auto f) {
                code = f(device, &count, infos.data());
                return code == Nvml::ErrorInsufficientSize ? Nvml::Success : code;
            });
            if (code == Nvml::ErrorInsufficientSize) {
                infos.resize(count + 8); // a few more, in case processes start meanwhile
                continue;
            }
            if (code != Nvml::Success)
                return;
            break;
        }
        // usedGpuMemory is all ones (NVML_VALUE_NOT_AVAILABLE) where the driver cannot tell.
        for (unsigned int i = 0; i < count && i < infos.size(); ++i) {
            quint64 &memory = here[infos[i].pid].gpuMem;
            if (infos[i].usedGpuMemory != ~0ULL)
                memory = qMax(memory, quint64(infos[i].usedGpuMemory));
        }
    }

    // The mean SM use of each process over the samples NVML took since this GPU's last reading.
    void readUtilization(const QString &address, Nvml::Device device, NvmlReading &reading,
                         QHash<qint64, NvmlProcessUse> &here)
    {
        unsigned long long &lastSeen = m_lastSample[address];
        std::vector<Nvml::ProcessUtilizationSample> samples;
        unsigned int count = 0;
        Nvml::Return code = Nvml::ErrorNotSupported; // stays so when the call is not made
        // The first call, with no array, asks how many samples there are.
        for (int attempts = 0; attempts < 2; ++attempts) {
            count = unsigned(samples.size());
            attempt(
                address, CallProcessUtilization, m_api->processUtilization, reading, [&](auto f) {
                    code = f(device, samples.empty() ? nullptr : samples.data(), &count, lastSeen);
                    // NOT_FOUND: no sample since lastSeen, every process idle.
                    return code == Nvml::ErrorInsufficientSize || code == Nvml::ErrorNotFound
                               ? Nvml::Success
                               : code;
                });
            const bool more = code == Nvml::ErrorInsufficientSize ||
                              (code == Nvml::Success && count > samples.size());
            if (!more)
                break;
            samples.resize(count);
            code = Nvml::ErrorInsufficientSize;
        }
        if (code != Nvml::Success && code != Nvml::ErrorNotFound)
            return;
        for (NvmlProcessUse &use : here)
            use.gpu = 0.0;
        QHash<qint64, std::pair<double, int>> sums; // smUtil total, samples
        for (unsigned int i = 0; code == Nvml::Success && i < count && i < samples.size(); ++i) {
            std::pair<double, int> &sum = sums[samples[i].pid];
            sum.first += samples[i].smUtil;
            ++sum.second;
            lastSeen = qMax(lastSeen, samples[i].timeStamp);
        }
        for (auto it = sums.cbegin(); it != sums.cend(); ++it)
            here[it.key()].gpu = it->first / it->second;
    }

    QString m_library;
    std::unique_ptr<NvmlApi> m_api;
    bool m_initialised = false;
    bool m_off = false; // the library is missing or nvmlInit failed: said once, never retried
    QHash<QString, Nvml::Device> m_handles;          // valid while initialised
    QHash<QString, quint32> m_unsupported;           // by PCI address: Call bits
    QHash<QString, unsigned long long> m_lastSample; // by PCI address: NVML's µs timestamp
};

} // namespace

struct NvmlWorker::State
{
    std::mutex mutex;
    std::condition_variable requestedOrStopped;
    std::condition_variable exited;
    QString library;
    std::optional<std::pair<QStringList, qint64>> pending; // addresses, nowNs
    bool stopped = false;
    bool hasExited = false;
    bool processesWanted = false;
    quint64 answers = 0;
    qint64 answerNs = 0; // when the request answered last was sent
    Answer latest;
};

NvmlWorker::NvmlWorker(QString library)
    : m_state(std::make_shared<State>())
{
    m_state->library = std::move(library);
    // The thread holds its own reference: it may outlive this object while a call hangs.
    std::thread(&NvmlWorker::run, m_state).detach();
}

NvmlWorker::~NvmlWorker()
{
    std::unique_lock lock(m_state->mutex);
    m_state->stopped = true;
    m_state->requestedOrStopped.notify_one();
    m_state->exited.wait_for(lock, ExitWait, [this] { return m_state->hasExited; });
}

void NvmlWorker::run(const std::shared_ptr<State> &state)
{
    {
        NvmlReader reader(state->library);
        std::unique_lock lock(state->mutex);
        for (;;) {
            state->requestedOrStopped.wait(lock, [&] { return state->pending || state->stopped; });
            if (state->stopped)
                break;
            const auto [addresses, nowNs] = *std::exchange(state->pending, std::nullopt);
            const bool processes = state->processesWanted;
            lock.unlock();
            Answer answer = reader.read(addresses, processes);
            lock.lock();
            state->latest = std::move(answer);
            state->answerNs = nowNs;
            ++state->answers;
        }
    } // the reader shuts NVML down and closes the library
    const std::lock_guard lock(state->mutex);
    state->hasExited = true;
    state->exited.notify_all();
}

void NvmlWorker::want(const QString &address)
{
    m_wanted.append(address);
}

void NvmlWorker::send(qint64 nowNs)
{
    const std::lock_guard lock(m_state->mutex);
    m_state->pending = std::pair(std::exchange(m_wanted, {}), nowNs);
    m_state->requestedOrStopped.notify_one();
}

std::optional<NvmlReading> NvmlWorker::reading(const QString &address, qint64 oldestNs) const
{
    const std::lock_guard lock(m_state->mutex);
    if (m_state->answers == 0 || m_state->answerNs < oldestNs)
        return std::nullopt;
    const auto it = m_state->latest.readings.constFind(address);
    if (it == m_state->latest.readings.cend())
        return std::nullopt;
    return *it;
}

quint64 NvmlWorker::answers() const
{
    const std::lock_guard lock(m_state->mutex);
    return m_state->answers;
}

QHash<qint64, NvmlProcessUse> NvmlWorker::processes() const
{
    const std::lock_guard lock(m_state->mutex);
    return m_state->latest.processes;
}

void NvmlWorker::setProcessesWanted(bool wanted)
{
    const std::lock_guard lock(m_state->mutex);
    m_state->processesWanted = wanted;
}
