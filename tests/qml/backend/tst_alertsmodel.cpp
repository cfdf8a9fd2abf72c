#include "alerts/alertservice.h"
#include "alertsmodel.h"
#include "fixturetree.h"
#include "monitor.h"
#include "snapshot.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

// The desktop's list of active alerts, fed event by event as AlertService announces them: in
// place by id, most severe first, gone on resolve; every event on top of the bounded log; worst
// announced only when it changes. No service here: the events are handed in directly.
class TestAlertsModel : public QObject
{
    Q_OBJECT

private slots:
    void firingAlertIsListed();
    void mostSevereComesFirst();
    void escalationMovesInPlace();
    void acknowledgementUpdatesInPlace();
    void resolvedAlertLeaves();
    void resolveOfUnknownAlertIsOnlyLogged();
    void logIsNewestFirstAndBounded();
    void worstIsAnnouncedOnChange();
    void withoutServiceNothingIsAcknowledged();
    void rolesByName();
    void topProcessesRole();
    void liveValuesFromEachSnapshot();
    void olderSnapshotLeavesTheEvent();
    void liveValuesFromTheRunningEngine();
};

namespace {

Alert makeAlert(const QString &rule, const QString &instance, AlertSeverity severity,
                Alert::State state = Alert::State::Firing, qint64 since = 1000)
{
    Alert alert;
    alert.rule = rule;
    alert.instance = instance;
    alert.severity = severity;
    alert.state = state;
    alert.value = 50;
    alert.threshold = severity == AlertSeverity::Critical ? 45 : 40;
    alert.since = since;
    alert.ts = since;
    alert.message = rule + QStringLiteral(" message");
    return alert;
}

QStringList ids(const AlertListModel &model)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row)
        result.append(model.get(row).value(QStringLiteral("id")).toString());
    return result;
}

} // namespace

void TestAlertsModel::firingAlertIsListed()
{
    AlertsModel model(nullptr);
    QSignalSpy count(&model, &AlertListModel::countChanged);
    model.handle(makeAlert(QStringLiteral("memory"), {}, AlertSeverity::Warning));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(count.count(), 1);
    QCOMPARE(model.worst(), 1);
    QCOMPARE(ids(model), QStringList{QStringLiteral("memory")});
}

void TestAlertsModel::mostSevereComesFirst()
{
    AlertsModel model(nullptr);
    model.handle(makeAlert(QStringLiteral("memory"), {}, AlertSeverity::Warning, {}, 1000));
    model.handle(
        makeAlert(QStringLiteral("disk"), QStringLiteral("/"), AlertSeverity::Warning, {}, 500));
    model.handle(makeAlert(QStringLiteral("cpu"), {}, AlertSeverity::Critical, {}, 3000));
    // Critical on top; among the warnings the older one (since 500 before 1000) first.
    QCOMPARE(ids(model), (QStringList{QStringLiteral("cpu"), QStringLiteral("disk:/"),
                                      QStringLiteral("memory")}));
}

void TestAlertsModel::escalationMovesInPlace()
{
    AlertsModel model(nullptr);
    model.handle(makeAlert(QStringLiteral("cpu"), {}, AlertSeverity::Critical, {}, 500));
    model.handle(makeAlert(QStringLiteral("memory"), {}, AlertSeverity::Warning, {}, 1000));
    model.handle(makeAlert(QStringLiteral("swap"), {}, AlertSeverity::Warning, {}, 2000));
    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    // swap escalates: it joins cpu among the criticals, after it (since 2000 > 500).
    model.handle(makeAlert(QStringLiteral("swap"), {}, AlertSeverity::Critical, {}, 2000));
    QCOMPARE(ids(model), (QStringList{QStringLiteral("cpu"), QStringLiteral("swap"),
                                      QStringLiteral("memory")}));
    QCOMPARE(moved.count(), 1);
    QCOMPARE(inserted.count(), 0);
    // cpu de-escalates: it drops below swap and stays before memory, which fired later.
    model.handle(makeAlert(QStringLiteral("cpu"), {}, AlertSeverity::Warning, {}, 500));
    QCOMPARE(ids(model), (QStringList{QStringLiteral("swap"), QStringLiteral("cpu"),
                                      QStringLiteral("memory")}));
    QCOMPARE(model.get(1).value(QStringLiteral("severity")).toString(), QStringLiteral("warning"));
}

void TestAlertsModel::acknowledgementUpdatesInPlace()
{
    AlertsModel model(nullptr);
    model.handle(makeAlert(QStringLiteral("memory"), {}, AlertSeverity::Warning));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    Alert seen = makeAlert(QStringLiteral("memory"), {}, AlertSeverity::Warning);
    seen.acknowledged = true;
    model.handle(seen);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 0);
    QVERIFY(model.get(0).value(QStringLiteral("acknowledged")).toBool());
}

void TestAlertsModel::resolvedAlertLeaves()
{
    AlertsModel model(nullptr);
    model.handle(makeAlert(QStringLiteral("memory"), {}, AlertSeverity::Warning));
    model.handle(
        makeAlert(QStringLiteral("disk"), QStringLiteral("/home"), AlertSeverity::Critical));
    model.handle(makeAlert(QStringLiteral("disk"), QStringLiteral("/home"), AlertSeverity::Critical,
                           Alert::State::Resolved));
    QCOMPARE(ids(model), QStringList{QStringLiteral("memory")});
    QCOMPARE(model.worst(), 1);
    model.handle(
        makeAlert(QStringLiteral("memory"), {}, AlertSeverity::Warning, Alert::State::Resolved));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.worst(), 0);
}

void TestAlertsModel::resolveOfUnknownAlertIsOnlyLogged()
{
    AlertsModel model(nullptr);
    model.handle(makeAlert(QStringLiteral("temperature"), QStringLiteral("gone sensor"),
                           AlertSeverity::Warning, Alert::State::Resolved));
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.log()->rowCount(), 1);
    QCOMPARE(model.log()->get(0).value(QStringLiteral("state")).toString(),
             QStringLiteral("resolved"));
}

void TestAlertsModel::logIsNewestFirstAndBounded()
{
    AlertsModel model(nullptr);
    // 205 events, ts 1 ... 205: the newest 200 are kept, 205 on top and 6 at the bottom.
    for (qint64 ts = 1; ts <= AlertsModel::LogLimit + 5; ++ts) {
        Alert alert = makeAlert(QStringLiteral("cpu"), {}, AlertSeverity::Warning,
                                ts % 2 ? Alert::State::Firing : Alert::State::Resolved);
        alert.ts = ts;
        model.handle(alert);
    }
    const AlertListModel *log = model.log();
    QCOMPARE(log->rowCount(), 200);
    QCOMPARE(log->get(0).value(QStringLiteral("ts")).toDouble(), 205.0);
    QCOMPARE(log->get(199).value(QStringLiteral("ts")).toDouble(), 6.0);
    // 205 is odd: the last event fired, so cpu is active.
    QCOMPARE(model.rowCount(), 1);
}

void TestAlertsModel::worstIsAnnouncedOnChange()
{
    AlertsModel model(nullptr);
    QSignalSpy worst(&model, &AlertsModel::worstChanged);
    model.handle(makeAlert(QStringLiteral("memory"), {}, AlertSeverity::Warning));
    model.handle(makeAlert(QStringLiteral("swap"), {}, AlertSeverity::Warning));
    QCOMPARE(worst.count(), 1); // none -> warning; a second warning changes nothing
    model.handle(makeAlert(QStringLiteral("swap"), {}, AlertSeverity::Critical));
    QCOMPARE(worst.count(), 2);
    QCOMPARE(model.worst(), 2);
    model.handle(
        makeAlert(QStringLiteral("swap"), {}, AlertSeverity::Critical, Alert::State::Resolved));
    QCOMPARE(worst.count(), 3);
    QCOMPARE(model.worst(), 1);
}

void TestAlertsModel::withoutServiceNothingIsAcknowledged()
{
    AlertsModel model(nullptr);
    model.handle(makeAlert(QStringLiteral("memory"), {}, AlertSeverity::Warning));
    QVERIFY(!model.acknowledge(QStringLiteral("memory")));
    QVERIFY(!model.get(0).value(QStringLiteral("acknowledged")).toBool());
}

void TestAlertsModel::rolesByName()
{
    AlertsModel model(nullptr);
    Alert alert =
        makeAlert(QStringLiteral("disk"), QStringLiteral("/home"), AlertSeverity::Critical);
    alert.value = qQNaN(); // the mount went away
    model.handle(alert);
    const QVariantMap roles = model.get(0);
    QCOMPARE(roles.value(QStringLiteral("id")).toString(), QStringLiteral("disk:/home"));
    QCOMPARE(roles.value(QStringLiteral("rule")).toString(), QStringLiteral("disk"));
    QCOMPARE(roles.value(QStringLiteral("instance")).toString(), QStringLiteral("/home"));
    QCOMPARE(roles.value(QStringLiteral("severity")).toString(), QStringLiteral("critical"));
    QCOMPARE(roles.value(QStringLiteral("state")).toString(), QStringLiteral("firing"));
    QVERIFY(qIsNaN(roles.value(QStringLiteral("value")).toDouble()));
    QCOMPARE(roles.value(QStringLiteral("threshold")).toDouble(), 45.0);
    QCOMPARE(roles.value(QStringLiteral("since")).toDouble(), 1000.0);
    QCOMPARE(roles.value(QStringLiteral("message")).toString(), QStringLiteral("disk message"));
    // No processes recorded: an empty object, so the view shows no button.
    QVERIFY(roles.value(QStringLiteral("topProcesses")).toMap().isEmpty());
    QCOMPARE(roles.size(), 12);
    QVERIFY(model.get(1).isEmpty());
    QVERIFY(model.get(-1).isEmpty());
}

// What was running when the alert fired, as the alert event recorded it.
void TestAlertsModel::topProcessesRole()
{
    AlertsModel model(nullptr);
    Alert alert = makeAlert(QStringLiteral("memory"), {}, AlertSeverity::Warning);
    alert.top.cpu = {ProcessUsage{1234, QStringLiteral("make"), 97.5, 1048576}};
    alert.top.rss = {ProcessUsage{77, QStringLiteral("firefox"), 3.5, 2147483648}};
    model.handle(alert);
    const QVariantMap top = model.get(0).value(QStringLiteral("topProcesses")).toMap();
    const QVariantList cpu = top.value(QStringLiteral("cpu")).toList();
    const QVariantList rss = top.value(QStringLiteral("rss")).toList();
    QCOMPARE(cpu.size(), 1);
    QCOMPARE(rss.size(), 1);
    QCOMPARE(cpu.first().toMap().value(QStringLiteral("pid")).toInt(), 1234);
    QCOMPARE(cpu.first().toMap().value(QStringLiteral("name")).toString(), QStringLiteral("make"));
    QCOMPARE(cpu.first().toMap().value(QStringLiteral("cpu")).toDouble(), 97.5);
    QCOMPARE(rss.first().toMap().value(QStringLiteral("name")).toString(),
             QStringLiteral("firefox"));
    QCOMPARE(rss.first().toMap().value(QStringLiteral("rss")).toDouble(), 2147483648.0);
}

// As the web's alerts panel: the metric now, where a Snapshot carries it, in the value and the
// message; the server's own counters (errors) keep the value of their event, and so does a
// mount the Snapshot does not list.
void TestAlertsModel::liveValuesFromEachSnapshot()
{
    AlertsModel model(nullptr);
    model.handle(makeAlert(QStringLiteral("memory"), {}, AlertSeverity::Warning));
    model.handle(makeAlert(QStringLiteral("disk"), QStringLiteral("/"), AlertSeverity::Critical));
    model.handle(
        makeAlert(QStringLiteral("disk"), QStringLiteral("/mnt/usb"), AlertSeverity::Warning));
    model.handle(makeAlert(QStringLiteral("temperature"), QStringLiteral("Package id 0"),
                           AlertSeverity::Warning));
    model.handle(makeAlert(QStringLiteral("errors"), {}, AlertSeverity::Warning));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    Snapshot snapshot;
    snapshot.ts = 2000; // after the events at 1000
    snapshot.mem.percent = 62.5;
    DiskUsage root;
    root.mount = QStringLiteral("/");
    root.percent = 93;
    snapshot.disks = {root};
    Temperature package;
    package.label = QStringLiteral("Package id 0");
    package.celsius = 47;
    snapshot.temps = {package};
    model.showSnapshot(snapshot);
    const auto row = [&model](const QString &id) { return model.get(model.indexOf(id)); };
    QCOMPARE(row("memory").value("value").toDouble(), 62.5);
    QCOMPARE(row("memory").value("message").toString(),
             QString("Memory at 63 % (warning at 40 %)"));
    QCOMPARE(row("disk:/").value("value").toDouble(), 93.0);
    QCOMPARE(row("disk:/").value("message").toString(),
             QString("Disk / at 93 % (critical at 45 %)"));
    QCOMPARE(row("temperature:Package id 0").value("message").toString(),
             QString("Package id 0 at 47 °C (warning at 40 °C)"));
    QCOMPARE(row("disk:/mnt/usb").value("value").toDouble(), 50.0);
    QCOMPARE(row("disk:/mnt/usb").value("message").toString(), QString("disk message"));
    QCOMPARE(row("errors").value("value").toDouble(), 50.0);
    QCOMPARE(row("errors").value("message").toString(), QString("errors message"));
    QCOMPARE(changed.size(), 3); // memory, disk:/ and the package, in place
    // The log keeps what each event said.
    QCOMPARE(model.log()->get(4).value("value").toDouble(), 50.0);
    QCOMPARE(model.log()->get(4).value("message").toString(), QString("memory message"));
}

// The server sends a tick's alert events before that tick's sample: a Snapshot from before the
// event must not overwrite it.
void TestAlertsModel::olderSnapshotLeavesTheEvent()
{
    AlertsModel model(nullptr);
    model.handle(makeAlert(QStringLiteral("cpu"), {}, AlertSeverity::Warning, {}, 1000));
    Snapshot snapshot;
    snapshot.ts = 999;
    snapshot.cpu.total = 20;
    model.showSnapshot(snapshot);
    QCOMPARE(model.get(0).value("value").toDouble(), 50.0);
    QCOMPARE(model.get(0).value("message").toString(), QString("cpu message"));
    snapshot.ts = 1000; // the event's own tick
    model.showSnapshot(snapshot);
    QCOMPARE(model.get(0).value("value").toDouble(), 20.0);
    QCOMPARE(model.get(0).value("message").toString(), QString("CPU at 20 % (warning at 40 %)"));
}

// The model as the desktop runs it, on the running engine over a copy of the fixture machine
// (tests/app/fixtures/proc/meminfo: MemTotal 16384000 kB, MemAvailable 8192000 kB, so memory is
// 50 % used): a warning at 40 fires at the first tick. Then MemAvailable 9011200 kB makes it
// (16384000 − 9011200) / 16384000 = 45 %, still at or above 40 − 5: no event, and the row follows.
void TestAlertsModel::liveValuesFromTheRunningEngine()
{
    QTemporaryDir dir;
    const QString fixtures = QFINDTESTDATA("../../app/fixtures");
    QVERIFY(!fixtures.isEmpty());
    QVERIFY(copyTree(fixtures, dir.filePath("machine")));
    Monitor::Options options;
    options.configFile = dir.filePath("vantage.conf");
    options.alertLogFile = dir.filePath("alerts.jsonl");
    options.paths.procRoot = dir.filePath("machine/proc");
    options.paths.sysRoot = dir.filePath("machine/sys");
    options.settingOverrides = {{"general/interval", 0.1},
                                {"server/port", 0},
                                {"thresholds/memory/warning", 40},
                                {"thresholds/memory/hysteresis", 5},
                                {"thresholds/memory/for", 0}};
    Monitor monitor(options);
    QVERIFY(monitor.start());
    AlertsModel model(monitor.alerts());
    QTRY_VERIFY_WITH_TIMEOUT(model.indexOf("memory") >= 0, 15000);
    const auto memory = [&model] { return model.get(model.indexOf("memory")); };
    QCOMPARE(memory().value("value").toDouble(), 50.0);
    QCOMPARE(memory().value("message").toString(), QString("Memory at 50 % (warning at 40 %)"));

    QFile meminfo(dir.filePath("machine/proc/meminfo"));
    QVERIFY(meminfo.open(QIODevice::WriteOnly));
    meminfo.write("MemTotal:       16384000 kB\n"
                  "MemFree:         9011200 kB\n"
                  "MemAvailable:    9011200 kB\n"
                  "SwapTotal:       2048000 kB\n"
                  "SwapFree:        1536000 kB\n");
    meminfo.close();
    QTRY_COMPARE_WITH_TIMEOUT(memory().value("value").toDouble(), 45.0, 15000);
    QCOMPARE(memory().value("message").toString(), QString("Memory at 45 % (warning at 40 %)"));
    // No event came: the log still says what the firing said.
    QList<QVariantMap> memoryEvents;
    for (int row = 0; row < model.log()->rowCount(); ++row) {
        if (model.log()->get(row).value("id") == QString("memory"))
            memoryEvents.append(model.log()->get(row));
    }
    QCOMPARE(memoryEvents.size(), 1);
    QCOMPARE(memoryEvents[0].value("value").toDouble(), 50.0);
    QCOMPARE(memory().value("since").toDouble(), memoryEvents[0].value("since").toDouble());
}

QTEST_GUILESS_MAIN(TestAlertsModel)
#include "tst_alertsmodel.moc"
