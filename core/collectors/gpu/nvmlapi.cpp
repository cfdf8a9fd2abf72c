#include "collectors/gpu/nvmlapi.h"

#include <QFile>

#include <dlfcn.h>

namespace {

template<typename Function>
bool resolve(void *handle, const char *name, Function &function)
{
    function = reinterpret_cast<Function>(::dlsym(handle, name));
    return function != nullptr;
}

} // namespace

NvmlApi::NvmlApi(const QString &library)
{
    QStringList candidates;
    if (!library.isEmpty())
        candidates = {library};
    else if (const QString injected = qEnvironmentVariable("VANTAGE_NVML_LIBRARY");
             !injected.isEmpty())
        candidates = {injected};
    else
        candidates = {QStringLiteral("libnvidia-ml.so.1"), QStringLiteral("libnvidia-ml.so")};
    QStringList errors;
    for (const QString &name : std::as_const(candidates)) {
        // RTLD_LOCAL: NVML's symbols stay out of the global namespace of the process.
        m_handle = ::dlopen(QFile::encodeName(name).constData(), RTLD_NOW | RTLD_LOCAL);
        if (m_handle)
            break;
        errors.append(QString::fromLocal8Bit(::dlerror()));
    }
    if (!m_handle) {
        m_error = errors.join(QStringLiteral("; "));
        return;
    }
    QStringList missing;
    const auto require = [&](const char *name, auto &function) {
        if (!resolve(m_handle, name, function))
            missing.append(QString::fromLatin1(name));
    };
    require("nvmlInit_v2", init);
    require("nvmlShutdown", shutdown);
    require("nvmlDeviceGetCount_v2", deviceCount);
    require("nvmlDeviceGetHandleByPciBusId_v2", handleByPciBusId);
    require("nvmlDeviceGetPciInfo_v3", pciInfo);
    if (!missing.isEmpty()) {
        m_error = QStringLiteral("the library has no ") + missing.join(QStringLiteral(", "));
        return;
    }
    resolve(m_handle, "nvmlErrorString", errorString);
    resolve(m_handle, "nvmlDeviceGetUtilizationRates", utilization);
    resolve(m_handle, "nvmlDeviceGetMemoryInfo", memory);
    resolve(m_handle, "nvmlDeviceGetTemperature", temperature);
    resolve(m_handle, "nvmlDeviceGetPowerUsage", powerUsage);
    resolve(m_handle, "nvmlDeviceGetEnforcedPowerLimit", powerLimit);
    resolve(m_handle, "nvmlDeviceGetClockInfo", clock);
    resolve(m_handle, "nvmlDeviceGetFanSpeed", fanSpeed);
    // The _v3 calls (driver 510 and later) and _v2 fill the same structure.
    if (!resolve(m_handle, "nvmlDeviceGetComputeRunningProcesses_v3", computeProcesses))
        resolve(m_handle, "nvmlDeviceGetComputeRunningProcesses_v2", computeProcesses);
    if (!resolve(m_handle, "nvmlDeviceGetGraphicsRunningProcesses_v3", graphicsProcesses))
        resolve(m_handle, "nvmlDeviceGetGraphicsRunningProcesses_v2", graphicsProcesses);
    resolve(m_handle, "nvmlDeviceGetProcessUtilization", processUtilization);
    m_usable = true;
}

NvmlApi::~NvmlApi()
{
    if (m_handle)
        ::dlclose(m_handle);
}

QString NvmlApi::describe(Nvml::Return code) const
{
    const char *text = errorString ? errorString(code) : nullptr;
    return text ? QStringLiteral("%1 (%2)").arg(code).arg(QString::fromUtf8(text))
                : QString::number(code);
}
