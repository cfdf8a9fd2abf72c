#include "desktopbackend.h"
#include "fixturetree.h"
#include "fleetfiltermodel.h"
#include "fleetmodel.h"
#include "httpprobe.h"
#include "monitor.h"
#include "server/serverservice.h"
#include "vantageprocess.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

namespace {

const QByteArray TokenA = "fleet-model-host-a-9Qw3";
const QByteArray TokenB = "fleet-model-host-b-4Zr8";

// Both hosts fire their memory warning at once: 40 % is below either host's use (init).
const QByteArray HostLevels =
    "[thresholds]\nmemory/warning = 40\nmemory/critical = 95\nmemory/for = 0\n";

// The fleet list naming a with its token and b without one.
QByteArray bothHosts(quint16 a, quint16 b)
{
    return "[fleet/host/a]\nurl = http://127.0.0.1:" + QByteArray::number(a) +
           "/\ntoken = " + TokenA +
           "\n[fleet/host/b]\nurl = ws://127.0.0.1:" + QByteArray::number(b) + "/ws\n";
}

QString nameAt(const QAbstractItemModel &model, int row)
{
    return model.index(row, 0).data(FleetModel::NameRole).toString();
}

// The row of the host with that name; -1 while it is not listed.
int rowOf(const QAbstractItemModel &model, const QString &name)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (nameAt(model, row) == name)
            return row;
    }
    return -1;
}

QVariant valueOf(const QAbstractItemModel &model, const QString &name, int role)
{
    const int row = rowOf(model, name);
    return row < 0 ? QVariant() : model.index(row, 0).data(role);
}

// The host's alert with that id as the fleet lists it; empty while it is not listed.
QVariantMap fleetAlert(const FleetModel &model, const QString &host, const QString &id)
{
    for (const QVariant &alert : model.alerts()) {
        const QVariantMap map = alert.toMap();
        if (map.value(QStringLiteral("host")) == host && map.value(QStringLiteral("id")) == id)
            return map;
    }
    return {};
}

} // namespace

// The Fleet view's model over a real hub core in this process, following two real headless
// vantage hosts: a (the fixture machine, 50 % memory) whose admin token the hub holds, and b (75 %
// memory) which the hub follows without a token. Rows come in by name with each host's values,
// stay the same rows from tick to tick, and a host stopped goes down in its row; acknowledgement
// reaches a host through the hub where the hub is an admin, and is refused where not.
class TestFleetModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void noFleetListIsNoHub();
    void theListIsEditedWithoutShowingTheToken();
    void rowsFollowTheHostsAndTheirValues();
    void sortedAndFiltered();
    void acknowledgedThroughTheHubWhereItIsAdmin();
    void aStoppedHostGoesDownInItsRow();

private:
    bool startHost(VantageProcess &host, QTemporaryDir &root, const QByteArray &token);
    bool startHub(const QByteArray &config);
    FleetModel *fleet() const { return m_backend->fleet(); }

    QTemporaryDir m_rootA;
    QTemporaryDir m_rootB;
    QTemporaryDir m_hubDir;
    VantageProcess m_a;
    VantageProcess m_b;
    std::unique_ptr<Monitor> m_hub;
    std::unique_ptr<DesktopBackend> m_backend;
};

void TestFleetModel::initTestCase()
{
    const QString machine = QFINDTESTDATA("../../app/fixtures/proc");
    QVERIFY(copyFixtureMachine(machine, m_rootA.path()));
    QVERIFY(copyFixtureMachine(machine, m_rootB.path()));
    QVERIFY(copyFixtureMachine(machine, m_hubDir.path()));
    // Host b's machine has half the fixture's memory available: used = 16384000 - 4096000 =
    // 12288000 kB of 16384000, 75 %; host a keeps 16384000 - 8192000 = 8192000 kB, 50 %.
    QVERIFY(replaceInFile(m_rootB.filePath(QStringLiteral("proc/meminfo")),
                          "MemAvailable:    8192000 kB", "MemAvailable:    4096000 kB"));
    QVERIFY(startHost(m_a, m_rootA, TokenA));
    QVERIFY(startHost(m_b, m_rootB, TokenB));
}

void TestFleetModel::cleanup()
{
    m_backend.reset();
    if (m_hub)
        m_hub->stop();
    m_hub.reset();
}

bool TestFleetModel::startHost(VantageProcess &host, QTemporaryDir &root, const QByteArray &token)
{
    return host.startOnMachine(root.path(), "[server]\ntoken = " + token + "\n" + HostLevels);
}

// The hub: this process's own core on the fixture machine, ticking every 0.25 s, a host down
// after 2 s of silence.
bool TestFleetModel::startHub(const QByteArray &config)
{
    const QString file = m_hubDir.filePath(QStringLiteral("hub.conf"));
    QFile::remove(file);
    if (!writeFile(file, "[fleet]\ndownSeconds = 2\n" + config))
        return false;
    Monitor::Options options;
    options.configFile = file;
    options.paths.procRoot = m_hubDir.filePath(QStringLiteral("proc"));
    options.paths.sysRoot = m_hubDir.filePath(QStringLiteral("sys"));
    options.alertLogFile = m_hubDir.filePath(QStringLiteral("alerts.jsonl"));
    options.settingOverrides = {{QStringLiteral("server/port"), 0},
                                {QStringLiteral("general/interval"), 0.25}};
    m_hub = std::make_unique<Monitor>(options);
    if (!m_hub->start()) {
        qWarning("the hub did not start: %s", qPrintable(m_hub->errorString()));
        return false;
    }
    m_backend = std::make_unique<DesktopBackend>(m_hub.get());
    return true;
}

void TestFleetModel::noFleetListIsNoHub()
{
    QVERIFY(startHub({}));
    fleet()->watch(this, true);
    QTest::qWait(500); // two hub ticks: rows would have come by now
    QCOMPARE(fleet()->isHub(), false);
    QCOMPARE(fleet()->rowCount(), 0);
    QCOMPARE(fleet()->hosts().size(), 0);
}

// A host added from the settings panel makes the core a hub; its token is said to be set and
// never handed out; a bad address is refused with the key named; removing the last host makes
// it no hub again.
void TestFleetModel::theListIsEditedWithoutShowingTheToken()
{
    QVERIFY(startHub({}));
    QSignalSpy hub(fleet(), &FleetModel::hubChanged);
    const QString url = QStringLiteral("http://127.0.0.1:%1/").arg(m_a.port());
    QCOMPARE(fleet()->applyHost(QStringLiteral("a"),
                                {{QStringLiteral("url"), url},
                                 {QStringLiteral("token"), QString::fromLatin1(TokenA)}}),
             QString());
    QTRY_COMPARE_WITH_TIMEOUT(fleet()->isHub(), true, 10000);
    QCOMPARE(hub.size(), 1);
    const QVariantList hosts = fleet()->hosts();
    QCOMPARE(hosts.size(), 1);
    const QVariantMap a = hosts.first().toMap();
    QCOMPARE(a.value(QStringLiteral("name")).toString(), QStringLiteral("a"));
    QCOMPARE(a.value(QStringLiteral("url")).toString(), url);
    QCOMPARE(a.value(QStringLiteral("tokenSet")).toBool(), true);
    QVERIFY(!QJsonDocument::fromVariant(hosts).toJson().contains(TokenA));

    const QString refused = fleet()->applyHost(
        QStringLiteral("a"), {{QStringLiteral("url"), QStringLiteral("ftp://127.0.0.1:21/")}});
    QVERIFY2(refused.contains(QStringLiteral("fleet/host/a/url")), qPrintable(refused));
    QVERIFY(fleet()
                ->applyHost(QStringLiteral("not a name"), {{QStringLiteral("url"), url}})
                .contains(QStringLiteral("not a name")));
    QCOMPARE(fleet()->hosts().first().toMap().value(QStringLiteral("url")).toString(), url);

    QCOMPARE(fleet()->removeHost(QStringLiteral("a")), QString());
    QTRY_COMPARE_WITH_TIMEOUT(fleet()->isHub(), false, 10000);
    QCOMPARE(fleet()->hosts().size(), 0);
}

void TestFleetModel::rowsFollowTheHostsAndTheirValues()
{
    QVERIFY(startHub(bothHosts(m_a.port(), m_b.port())));
    QCOMPARE(fleet()->isHub(), true);
    QAbstractItemModelTester tester(fleet(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    fleet()->watch(this, true);
    QTRY_COMPARE_WITH_TIMEOUT(fleet()->rowCount(), 2, 20000);
    QCOMPARE(nameAt(*fleet(), 0), QStringLiteral("a"));
    QCOMPARE(nameAt(*fleet(), 1), QStringLiteral("b"));
    const auto value = [this](const char *name, int role) {
        return valueOf(*fleet(), QString::fromLatin1(name), role);
    };
    QTRY_COMPARE_WITH_TIMEOUT(value("a", FleetModel::StateRole).toString(), QStringLiteral("up"),
                              20000);
    QTRY_COMPARE_WITH_TIMEOUT(value("b", FleetModel::StateRole).toString(), QStringLiteral("up"),
                              20000);
    // Memory from each fixture (initTestCase), once the first sample came.
    QTRY_COMPARE_WITH_TIMEOUT(value("a", FleetModel::MemRole).toDouble(), 50.0, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(value("b", FleetModel::MemRole).toDouble(), 75.0, 20000);
    // CPU as each host answers itself (the fixture's /proc/stat does not move).
    const double ownCpu =
        QJsonDocument::fromJson(HttpProbe::get(m_a.port(), "/api/v1/snapshot").body)
            .object()
            .value(QStringLiteral("cpu"))
            .toObject()
            .value(QStringLiteral("total"))
            .toDouble(-1);
    QVERIFY(ownCpu >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(value("a", FleetModel::CpuRole).toDouble(), ownCpu, 20000);
    // The fixture's loadavg: 1.50 0.75 0.25.
    QTRY_COMPARE_WITH_TIMEOUT(value("a", FleetModel::LoadRole).value<QList<double>>(),
                              (QList<double>{1.5, 0.75, 0.25}), 20000);
    // The hub holds a's token only.
    QCOMPARE(value("a", FleetModel::AdminRole).toBool(), true);
    QCOMPARE(value("b", FleetModel::AdminRole).toBool(), false);
    QCOMPARE(value("a", FleetModel::SourceRole).toString(), QStringLiteral("live"));
    // A tile opens its host through the hub's own server, which every view of the dashboard
    // follows there (/hosts/<name>/).
    const QUrl hub = m_hub->server()->url();
    QCOMPARE(value("a", FleetModel::DashboardUrlRole).toString(),
             QStringLiteral("http://127.0.0.1:%1/hosts/a/").arg(hub.port()));
    // Where the hub serves on every address, at its loopback one.
    fleet()->setHubUrl(QUrl(QStringLiteral("http://0.0.0.0:8765/")));
    QCOMPARE(value("b", FleetModel::DashboardUrlRole).toString(),
             QStringLiteral("http://127.0.0.1:8765/hosts/b/"));
    // Without a server, the host's own page; b is listed at its WebSocket address, and its
    // dashboard is the page above it.
    fleet()->setHubUrl(QUrl());
    QCOMPARE(value("a", FleetModel::DashboardUrlRole).toString(),
             QStringLiteral("http://127.0.0.1:%1/").arg(m_a.port()));
    QCOMPARE(value("b", FleetModel::DashboardUrlRole).toString(),
             QStringLiteral("http://127.0.0.1:%1/").arg(m_b.port()));
    QCOMPARE(value("a", FleetModel::ReasonRole).toString(), QString());
    // The memory chart ends at b's 75 %, and holds as many points whatever the window.
    const auto lastMemory = [&value] {
        const QList<double> series = value("b", FleetModel::MemSeriesRole).value<QList<double>>();
        return series.isEmpty() ? -1.0 : series.last();
    };
    QTRY_COMPARE_WITH_TIMEOUT(lastMemory(), 75.0, 20000);
    const qsizetype points = value("b", FleetModel::MemSeriesRole).value<QList<double>>().size();
    fleet()->setSeriesSeconds(60);
    QCOMPARE(value("b", FleetModel::MemSeriesRole).value<QList<double>>().size(), points);
    // Both hosts fire the memory warning (40 %): the worst severity is a warning.
    QTRY_COMPARE_WITH_TIMEOUT(value("a", FleetModel::WorstSeverityRole).toInt(), 1, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(value("b", FleetModel::WorstSeverityRole).toInt(), 1, 20000);
    QCOMPARE(fleetAlert(*fleet(), QStringLiteral("a"), QStringLiteral("memory"))
                 .value(QStringLiteral("admin"))
                 .toBool(),
             true);
}

void TestFleetModel::sortedAndFiltered()
{
    QVERIFY(startHub(bothHosts(m_a.port(), m_b.port())));
    FleetFilterModel *hosts = m_backend->fleetHosts();
    fleet()->watch(this, true);
    QTRY_COMPARE_WITH_TIMEOUT(
        valueOf(*fleet(), QStringLiteral("b"), FleetModel::MemRole).toDouble(), 75.0, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(
        valueOf(*fleet(), QStringLiteral("a"), FleetModel::MemRole).toDouble(), 50.0, 20000);
    QCOMPARE(nameAt(*hosts, 0), QStringLiteral("a"));
    // b uses 75 % of its memory, a 50 %: the busiest first.
    hosts->setSortKey(QStringLiteral("memory"));
    QCOMPARE(nameAt(*hosts, 0), QStringLiteral("b"));
    QCOMPARE(nameAt(*hosts, 1), QStringLiteral("a"));
    hosts->setSortKey(QStringLiteral("name"));
    QCOMPARE(nameAt(*hosts, 0), QStringLiteral("a"));
    // b's address is the only one with "/ws".
    hosts->setFilterText(QStringLiteral("/WS"));
    QCOMPARE(hosts->count(), 1);
    QCOMPARE(nameAt(*hosts, 0), QStringLiteral("b"));
    hosts->setFilterText(QStringLiteral("nothing-like-it"));
    QCOMPARE(hosts->count(), 0);
}

void TestFleetModel::acknowledgedThroughTheHubWhereItIsAdmin()
{
    QVERIFY(startHub(bothHosts(m_a.port(), m_b.port())));
    fleet()->watch(this, true);
    QTRY_VERIFY_WITH_TIMEOUT(
        !fleetAlert(*fleet(), QStringLiteral("a"), QStringLiteral("memory")).isEmpty(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(
        !fleetAlert(*fleet(), QStringLiteral("b"), QStringLiteral("memory")).isEmpty(), 20000);
    QSignalSpy ended(fleet(), &FleetModel::acknowledgeEnded);

    // No token for b: the hub may not, and says so.
    fleet()->acknowledge(QStringLiteral("b"), QStringLiteral("memory"));
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 20000);
    QCOMPARE(ended.at(0).at(0).toString(), QStringLiteral("b"));
    QVERIFY(!ended.at(0).at(2).toString().isEmpty());
    fleet()->acknowledge(QStringLiteral("nohost"), QStringLiteral("memory"));
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 2, 20000);
    QVERIFY(ended.at(1).at(2).toString().contains(QStringLiteral("nohost")));

    fleet()->acknowledge(QStringLiteral("a"), QStringLiteral("memory"));
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 3, 20000);
    QCOMPARE(ended.at(2).at(2).toString(), QString());
    QTRY_COMPARE_WITH_TIMEOUT(fleetAlert(*fleet(), QStringLiteral("a"), QStringLiteral("memory"))
                                  .value(QStringLiteral("acknowledged"))
                                  .toBool(),
                              true, 20000);
    // On host a itself, too.
    const auto acknowledgedOnA = [this] {
        const QJsonArray active =
            QJsonDocument::fromJson(HttpProbe::get(m_a.port(), "/api/v1/alerts").body)
                .object()
                .value(QStringLiteral("active"))
                .toArray();
        for (const QJsonValue &alert : active) {
            if (alert[QStringLiteral("id")].toString() == u"memory")
                return alert[QStringLiteral("acknowledged")].toBool();
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(acknowledgedOnA(), 20000);
    QCOMPARE(fleetAlert(*fleet(), QStringLiteral("b"), QStringLiteral("memory"))
                 .value(QStringLiteral("acknowledged"))
                 .toBool(),
             false);
}

// Last: b stays stopped.
void TestFleetModel::aStoppedHostGoesDownInItsRow()
{
    QVERIFY(startHub(bothHosts(m_a.port(), m_b.port())));
    QAbstractItemModelTester tester(fleet(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    fleet()->watch(this, true);
    QTRY_COMPARE_WITH_TIMEOUT(valueOf(*fleet(), QStringLiteral("b"), FleetModel::StateRole),
                              QVariant(QStringLiteral("up")), 20000);
    const QPersistentModelIndex b = fleet()->index(rowOf(*fleet(), QStringLiteral("b")), 0);
    QSignalSpy inserted(fleet(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(fleet(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy moved(fleet(), &QAbstractItemModel::rowsMoved);
    QSignalSpy reset(fleet(), &QAbstractItemModel::modelReset);
    QSignalSpy changed(fleet(), &QAbstractItemModel::dataChanged);

    QVERIFY(m_b.stop());
    QTRY_COMPARE_WITH_TIMEOUT(b.data(FleetModel::StateRole).toString(), QStringLiteral("down"),
                              20000);
    QVERIFY(!b.data(FleetModel::ReasonRole).toString().isEmpty());
    QCOMPARE(b.data(FleetModel::NameRole).toString(), QStringLiteral("b"));
    QCOMPARE(b.row(), 1);
    // A few more hub ticks: each changes the rows in place.
    QTRY_VERIFY_WITH_TIMEOUT(changed.size() >= 3, 20000);
    QCOMPARE(b.row(), 1);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(moved.size(), 0);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(valueOf(*fleet(), QStringLiteral("a"), FleetModel::StateRole).toString(),
             QStringLiteral("up"));
    // Nobody watching: the rows go.
    fleet()->watch(this, false);
    QCOMPARE(fleet()->rowCount(), 0);
}

QTEST_MAIN(TestFleetModel)
#include "tst_fleetmodel.moc"
