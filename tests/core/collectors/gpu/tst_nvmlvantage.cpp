// The real vantage binary with an NVIDIA GPU under its --sys-root and the fake NVML named by
// VANTAGE_NVML_LIBRARY: the values reach /metrics, read by a raw HTTP client.

#include "httpprobe.h"
#include "vantageprocess.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

class TestNvmlVantage : public QObject
{
    Q_OBJECT

private slots:
    void nvidiaValuesReachMetrics();

private:
    bool write(const QString &relative, const QByteArray &content)
    {
        const QString path = m_dir.filePath(relative);
        QDir().mkpath(QFileInfo(path).path());
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(content + '\n') > 0;
    }
    bool link(const QString &relative, const QString &target)
    {
        const QString path = m_dir.filePath(relative);
        QDir().mkpath(QFileInfo(path).path());
        return ::symlink(QFile::encodeName(target).constData(),
                         QFile::encodeName(path).constData()) == 0;
    }

    QTemporaryDir m_dir;
};

void TestNvmlVantage::nvidiaValuesReachMetrics()
{
    QVERIFY(m_dir.isValid());
    // One NVIDIA GPU at 0000:01:00.0 as the kernel lays it out, awake, runtime PM off.
    const QString dev = QStringLiteral("sys/devices/pci0000:00/0000:01:00.0");
    QVERIFY(write(dev + QStringLiteral("/vendor"), "0x10de"));
    QVERIFY(write(dev + QStringLiteral("/device"), "0x2684"));
    QVERIFY(write(dev + QStringLiteral("/power/runtime_status"), "active"));
    QVERIFY(write(dev + QStringLiteral("/power/control"), "on"));
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("sys/bus/pci/drivers/nvidia"))));
    QVERIFY(
        link(dev + QStringLiteral("/driver"), QStringLiteral("../../../bus/pci/drivers/nvidia")));
    QVERIFY(
        link(dev + QStringLiteral("/drm/card0/device"), QStringLiteral("../../../0000:01:00.0")));
    QVERIFY(link(QStringLiteral("sys/class/drm/card0"),
                 QStringLiteral("../../devices/pci0000:00/0000:01:00.0/drm/card0")));
    const QString calls = m_dir.filePath(QStringLiteral("calls"));
    // 61 °C; 250000 mW is 250 W.
    QVERIFY(write(QStringLiteral("scenario"),
                  "log " + QFile::encodeName(calls) +
                      "\ngpu 0000:01:00.0 util=80 memused=4294967296 memtotal=25769803776"
                      " temp=61 power=250000 limit=350000 clock=2100 fan=55"));
    qputenv("FAKE_NVML_SCENARIO", QFile::encodeName(m_dir.filePath(QStringLiteral("scenario"))));
    qputenv("VANTAGE_NVML_LIBRARY", FAKE_NVML);

    VantageProcess vantage;
    QVERIFY2(vantage.start({QStringLiteral("--sys-root"), m_dir.filePath(QStringLiteral("sys")),
                            QStringLiteral("--interval"), QStringLiteral("0.5")}),
             qPrintable(vantage.errorString()));
    const QRegularExpression temperature(QStringLiteral(
        "\nvantage_gpu_temperature_celsius\\{gpu=\"0000:01:00.0\",vendor=\"nvidia\"[^}]*\\} 61\n"));
    const QRegularExpression power(
        QStringLiteral("\nvantage_gpu_power_watts\\{gpu=\"0000:01:00.0\"[^}]*\\} 250\n"));
    QByteArray body;
    const bool shown = QTest::qWaitFor(
        [&] {
            body = HttpProbe::get(vantage.port(), "/metrics").body;
            return temperature.match(QString::fromUtf8(body)).hasMatch();
        },
        20000);
    QVERIFY2(shown, body.constData());
    QVERIFY2(power.match(QString::fromUtf8(body)).hasMatch(), body.constData());
    QVERIFY(vantage.stop());
    // The fake was the library loaded, and NVML was shut down as vantage stopped.
    QFile log(calls);
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QByteArray callLog = log.readAll();
    QVERIFY(callLog.contains(" nvmlInit_v2 -\n"));
    QVERIFY(callLog.endsWith(" nvmlShutdown -\n"));
}

QTEST_GUILESS_MAIN(TestNvmlVantage)
#include "tst_nvmlvantage.moc"
