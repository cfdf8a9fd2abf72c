#include "gpusmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

// The GPU view keeps a row per PCI address across ticks: values change in place, a GPU that
// leaves is removed and a newcomer appended, nothing is reset (a delegate's charts live on); a
// suspended GPU's unread values are NaN, never 0.
class TestGpusModel : public QObject
{
    Q_OBJECT

private slots:
    void keptGpusChangeInPlace();
    void vanishedRemovedAndNewAppended();
    void suspendedValuesAreUnknown();
};

namespace {

GpuUsage gpu(const char *id, const char *state, std::optional<double> load)
{
    GpuUsage g;
    g.id = QString::fromLatin1(id);
    g.name = QStringLiteral("Navi 23");
    g.vendor = QStringLiteral("amd");
    g.driver = QStringLiteral("amdgpu");
    g.state = QString::fromLatin1(state);
    g.load = load;
    return g;
}

QStringList ids(const QAbstractItemModel &model)
{
    QStringList list;
    for (int row = 0; row < model.rowCount(); ++row)
        list.append(model.index(row, 0).data(GpusModel::IdRole).toString());
    return list;
}

const GpuUsage Dgpu = gpu("0000:03:00.0", "active", 37);
const GpuUsage Igpu = gpu("0000:00:02.0", "active", 5);
const GpuUsage Egpu = gpu("0000:08:00.0", "active", 1);

} // namespace

void TestGpusModel::keptGpusChangeInPlace()
{
    GpusModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.update({Dgpu, Igpu});
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    // The same GPUs listed the other way round, the dGPU now at 80 %.
    GpuUsage busier = Dgpu;
    busier.load = 80;
    model.update({Igpu, busier});
    QCOMPARE(ids(model), QStringList({"0000:03:00.0", "0000:00:02.0"}));
    QCOMPARE(model.index(0).data(GpusModel::LoadRole).toDouble(), 80.0);
    QCOMPARE(model.index(1).data(GpusModel::LoadRole).toDouble(), 5.0);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(changed.count(), 1);
}

void TestGpusModel::vanishedRemovedAndNewAppended()
{
    GpusModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy count(&model, &GpusModel::countChanged);
    model.update({Dgpu, Igpu});
    QCOMPARE(count.count(), 1);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    // An eGPU plugged in as the dGPU's driver went away.
    model.update({Egpu, Igpu});
    QCOMPARE(ids(model), QStringList({"0000:00:02.0", "0000:08:00.0"}));
    QCOMPARE(reset.count(), 0);
    // Two rows before and after: the count did not change.
    QCOMPARE(count.count(), 1);
    model.update({});
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(count.count(), 2);
}

void TestGpusModel::suspendedValuesAreUnknown()
{
    GpusModel model;
    GpuUsage asleep = gpu("0000:03:00.0", "suspended", std::nullopt);
    // VRAM in use is read without waking a GPU: 256 MiB = 268435456 bytes.
    asleep.vramUsed = quint64(268435456);
    asleep.vramTotal = quint64(8589934592);
    model.update({asleep});
    const QModelIndex row = model.index(0);
    QCOMPARE(row.data(GpusModel::StateRole).toString(), QStringLiteral("suspended"));
    QVERIFY(std::isnan(row.data(GpusModel::LoadRole).toDouble()));
    QVERIFY(std::isnan(row.data(GpusModel::TempRole).toDouble()));
    QVERIFY(std::isnan(row.data(GpusModel::PowerRole).toDouble()));
    QCOMPARE(row.data(GpusModel::VramUsedRole).toDouble(), 268435456.0);
    QCOMPARE(row.data(GpusModel::SeriesPrefixRole).toString(),
             QStringLiteral("gpus[0000:03:00.0]"));
    // Awake again: the same row, now with a load.
    model.update({gpu("0000:03:00.0", "active", 12)});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0).data(GpusModel::StateRole).toString(), QStringLiteral("active"));
    QCOMPARE(model.index(0).data(GpusModel::LoadRole).toDouble(), 12.0);
}

QTEST_GUILESS_MAIN(TestGpusModel)
#include "tst_gpusmodel.moc"
