#include "servicesmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

// The Services table keeps a row per cgroup path across ticks: numbers change in place, a group
// that leaves is removed, a newcomer is appended, and nothing is ever reset; an unknown value
// reads "—" and sorts below every real one.
class TestServicesModel : public QObject
{
    Q_OBJECT

private slots:
    void noCgroupFsIsNotAvailable();
    void keptGroupsChangeInPlace();
    void vanishedRemovedAndNewAppended();
    void cellsShowUnitsAndUnknowns();
    void sortsAndFiltersThroughAProxy();
};

namespace {

CgroupUsage group(const char *name, const char *kind, const char *path, std::optional<double> cpu,
                  std::optional<quint64> memory = {}, std::optional<quint64> pids = {})
{
    CgroupUsage g;
    g.name = QString::fromLatin1(name);
    g.kind = QString::fromLatin1(kind);
    g.path = QString::fromLatin1(path);
    g.cpu = cpu;
    g.memory = memory;
    g.pids = pids;
    return g;
}

QStringList paths(const QAbstractItemModel &model)
{
    QStringList list;
    for (int row = 0; row < model.rowCount(); ++row)
        list.append(model.index(row, 0).data(ServicesModel::PathRole).toString());
    return list;
}

const CgroupUsage Nginx = group("nginx.service", "service", "/system.slice/nginx.service", 12.5);
const CgroupUsage Cron = group("cron.service", "service", "/system.slice/cron.service", 0.5);
const CgroupUsage User = group("user.slice", "slice", "/user.slice", 3);

} // namespace

void TestServicesModel::noCgroupFsIsNotAvailable()
{
    ServicesModel model;
    QSignalSpy available(&model, &ServicesModel::availableChanged);
    model.update(std::nullopt);
    QVERIFY(!model.available());
    QCOMPARE(available.count(), 0);
    model.update(QList<CgroupUsage>{Nginx});
    QVERIFY(model.available());
    QCOMPARE(model.rowCount(), 1);
    // The cgroup fs gone: no rows, and no longer available.
    model.update(std::nullopt);
    QVERIFY(!model.available());
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(available.count(), 2);
}

void TestServicesModel::keptGroupsChangeInPlace()
{
    ServicesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.update(QList<CgroupUsage>{Nginx, Cron});
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    // The same groups, listed the other way round, nginx now at 50 %.
    CgroupUsage busier = Nginx;
    busier.cpu = 50;
    model.update(QList<CgroupUsage>{Cron, busier});
    QCOMPARE(paths(model),
             QStringList({"/system.slice/nginx.service", "/system.slice/cron.service"}));
    QCOMPARE(model.index(0, ServicesModel::CpuColumn).data(ServicesModel::SortRole).toDouble(),
             50.0);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(changed.count(), 1);
}

void TestServicesModel::vanishedRemovedAndNewAppended()
{
    ServicesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.update(QList<CgroupUsage>{Nginx, Cron});
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy count(&model, &ServicesModel::countChanged);
    model.update(QList<CgroupUsage>{User, Cron});
    QCOMPARE(paths(model), QStringList({"/system.slice/cron.service", "/user.slice"}));
    QCOMPARE(reset.count(), 0);
    // Two rows before and after: the count did not change.
    QCOMPARE(count.count(), 0);
    model.update(QList<CgroupUsage>{});
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(count.count(), 1);
    QVERIFY(model.available());
}

void TestServicesModel::cellsShowUnitsAndUnknowns()
{
    ServicesModel model;
    CgroupUsage web = group("web", "container", "/system.slice/docker-1a2b.scope", 7.5,
                            quint64(268435456), quint64(3));
    web.runtime = QStringLiteral("docker");
    web.readBps = 2048;
    web.writeBps = 1536;
    model.update(QList<CgroupUsage>{web, Cron});
    const auto cell = [&model](int row, int column, int role = Qt::DisplayRole) {
        return model.index(row, column).data(role);
    };
    QCOMPARE(cell(0, ServicesModel::NameColumn).toString(), QStringLiteral("web"));
    QCOMPARE(cell(0, ServicesModel::KindColumn).toString(), QStringLiteral("Container (docker)"));
    QCOMPARE(cell(0, ServicesModel::CpuColumn).toString(), QStringLiteral("7.5 %"));
    // 268435456 B = 256 × 1024 × 1024.
    QCOMPARE(cell(0, ServicesModel::MemoryColumn).toString(), QStringLiteral("256 MiB"));
    // 2048 B/s = 2.0 KiB/s, 1536 B/s = 1.5 KiB/s: read and write apart.
    QCOMPARE(cell(0, ServicesModel::ReadColumn).toString(), QStringLiteral("2.0 KiB/s"));
    QCOMPARE(cell(0, ServicesModel::WriteColumn).toString(), QStringLiteral("1.5 KiB/s"));
    QCOMPARE(cell(0, ServicesModel::PidsColumn).toString(), QStringLiteral("3"));
    // cron's memory, I/O and pids are not reported: a dash, and -1 to sort by.
    QCOMPARE(cell(1, ServicesModel::KindColumn).toString(), QStringLiteral("Service"));
    QCOMPARE(cell(1, ServicesModel::MemoryColumn).toString(), QStringLiteral("—"));
    QCOMPARE(cell(1, ServicesModel::ReadColumn).toString(), QStringLiteral("—"));
    QCOMPARE(cell(1, ServicesModel::PidsColumn).toString(), QStringLiteral("—"));
    QCOMPARE(cell(1, ServicesModel::MemoryColumn, ServicesModel::SortRole).toDouble(), -1.0);
    QCOMPARE(model.headerData(ServicesModel::WriteColumn, Qt::Horizontal, Qt::DisplayRole),
             QVariant(QStringLiteral("Write/s")));
}

void TestServicesModel::sortsAndFiltersThroughAProxy()
{
    ServicesModel model;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(ServicesModel::SortRole);
    proxy.setFilterRole(ServicesModel::FilterRole);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy.sort(ServicesModel::CpuColumn, Qt::DescendingOrder);
    CgroupUsage unknown = group("lost.service", "service", "/system.slice/lost.service", {});
    model.update(QList<CgroupUsage>{Cron, unknown, Nginx, User});
    // CPU 12.5, 3, 0.5, then the unknown one.
    QCOMPARE(paths(proxy),
             QStringList({"/system.slice/nginx.service", "/user.slice",
                          "/system.slice/cron.service", "/system.slice/lost.service"}));
    // By kind: the services (0) before the slice (1).
    proxy.sort(ServicesModel::KindColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, 0).data(ServicesModel::PathRole).toString(),
             QStringLiteral("/user.slice"));
    // "SYSTEM.SLICE" is in three paths, not in user.slice's.
    proxy.setFilterFixedString(QStringLiteral("SYSTEM.SLICE"));
    QCOMPARE(proxy.rowCount(), 3);
    proxy.setFilterFixedString(QStringLiteral("nginx"));
    QCOMPARE(paths(proxy), QStringList({"/system.slice/nginx.service"}));
}

QTEST_GUILESS_MAIN(TestServicesModel)
#include "tst_servicesmodel.moc"
