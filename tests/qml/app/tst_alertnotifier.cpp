#include "alertnotifier.h"

#include <QTest>

// Which alert events the tray announces: a firing or an escalation nobody has acknowledged.
// Each row is one alert's events in order, written W (warning, firing), C (critical, firing),
// a trailing + for acknowledged, R for resolved; and for each event whether it is announced.
class TestAlertNotifier : public QObject
{
    Q_OBJECT

private slots:
    void announces_data();
    void announces();
    void alertsAreTrackedApart();
    void seededAlertsAreNotNews();
    void signalCarriesTheAlert();
};

namespace {

Alert parse(const QString &code, const QString &instance = {})
{
    Alert alert;
    alert.rule = QStringLiteral("memory");
    alert.instance = instance;
    alert.state = code.startsWith(u'R') ? Alert::State::Resolved : Alert::State::Firing;
    alert.severity = code.startsWith(u'C') ? AlertSeverity::Critical : AlertSeverity::Warning;
    alert.acknowledged = code.endsWith(u'+');
    return alert;
}

} // namespace

void TestAlertNotifier::announces_data()
{
    QTest::addColumn<QStringList>("events");
    QTest::addColumn<QList<bool>>("announced");

    const auto row = [](const char *tag, const char *events, QList<bool> announced) {
        QTest::newRow(tag) << QString::fromLatin1(events).split(u' ') << announced;
    };
    row("fires", "W", {true});
    row("fires critical at once", "C", {true});
    row("acknowledged: silent", "W W+", {true, false});
    row("acknowledged stays silent on the next event", "C C+ W+", {true, false, false});
    row("escalates", "W C", {true, true});
    row("escalates after an acknowledgement", "W W+ C", {true, false, true});
    row("de-escalates: silent", "C W", {true, false});
    row("escalates again after calming down", "C W C", {true, false, true});
    row("same severity again: silent", "W W", {true, false});
    row("resolves: silent", "W R", {true, false});
    row("fires again after resolving", "W W+ R W", {true, false, false, true});
    row("first seen acknowledged: silent", "W+", {false});
    row("resolve of an unknown alert: silent", "R", {false});
}

void TestAlertNotifier::announces()
{
    QFETCH(QStringList, events);
    QFETCH(QList<bool>, announced);
    AlertNotifier notifier;
    QList<bool> actual;
    for (const QString &code : std::as_const(events))
        actual.append(notifier.handle(parse(code)));
    QCOMPARE(actual, announced);
}

void TestAlertNotifier::alertsAreTrackedApart()
{
    AlertNotifier notifier;
    QVERIFY(notifier.handle(parse(QStringLiteral("C"), QStringLiteral("/"))));
    // Another instance of the same rule is news of its own, even below the other's severity.
    QVERIFY(notifier.handle(parse(QStringLiteral("W"), QStringLiteral("/home"))));
    QVERIFY(!notifier.handle(parse(QStringLiteral("R"), QStringLiteral("/"))));
    QVERIFY(!notifier.handle(parse(QStringLiteral("W"), QStringLiteral("/home"))));
}

void TestAlertNotifier::seededAlertsAreNotNews()
{
    AlertNotifier notifier;
    notifier.seed({parse(QStringLiteral("W"))});
    QVERIFY(!notifier.handle(parse(QStringLiteral("W+"))));
    QVERIFY(notifier.handle(parse(QStringLiteral("C"))));
}

void TestAlertNotifier::signalCarriesTheAlert()
{
    AlertNotifier notifier;
    QList<Alert> due;
    connect(&notifier, &AlertNotifier::notificationDue, this,
            [&due](const Alert &alert) { due.append(alert); });
    Alert alert = parse(QStringLiteral("C"), QStringLiteral("/home"));
    alert.message = QStringLiteral("Disk /home at 96 % (critical at 95 %)");
    notifier.handle(alert);
    notifier.handle(parse(QStringLiteral("R"), QStringLiteral("/home")));
    QCOMPARE(due.size(), 1);
    QCOMPARE(due.first().id(), QStringLiteral("memory:/home"));
    QCOMPARE(due.first().message, alert.message);
}

QTEST_GUILESS_MAIN(TestAlertNotifier)
#include "tst_alertnotifier.moc"
