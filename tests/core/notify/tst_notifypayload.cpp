#include "notify/notifypayload.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

NotifyEvent firing(const QString &rule, const QString &instance)
{
    NotifyEvent event;
    event.alert.rule = rule;
    event.alert.instance = instance;
    event.alert.severity = AlertSeverity::Warning;
    event.alert.value = 20;
    event.alert.threshold = 15;
    event.alert.ts = 1700000020000;
    event.alert.since = 1700000020000;
    event.alert.message = QStringLiteral("Fleet host db1 silent for 20 s (warning at 15 s)");
    event.host = QStringLiteral("hub");
    return event;
}

QJsonObject labelsOf(const NotifyEvent &event)
{
    const QJsonArray alerts =
        QJsonDocument::fromJson(
            NotifyPayload::alertmanagerBody({}, {event}, QStringLiteral("http://hub:8765/")))
            .array();
    return alerts.first().toObject().value(QStringLiteral("labels")).toObject();
}

} // namespace

// Alertmanager's labels name what an alert is about: a hub's host alert names the fleet host
// beside the hub's own `instance`, so a route or silence can pick one host of the fleet.
class TestNotifyPayload : public QObject
{
    Q_OBJECT

private slots:
    void aHostAlertNamesTheFleetHost()
    {
        const QJsonObject labels = labelsOf(firing(QStringLiteral("host"), QStringLiteral("db1")));
        QCOMPARE(labels.value(QStringLiteral("alertname")).toString(),
                 QStringLiteral("VantageHost"));
        QCOMPARE(labels.value(QStringLiteral("instance")).toString(), QStringLiteral("hub"));
        QCOMPARE(labels.value(QStringLiteral("fleet_host")).toString(), QStringLiteral("db1"));
        QCOMPARE(labels.value(QStringLiteral("severity")).toString(), QStringLiteral("warning"));
        QCOMPARE(labels.size(), 5);
    }

    void aDiskAlertNamesItsMount()
    {
        const QJsonObject labels =
            labelsOf(firing(QStringLiteral("disk"), QStringLiteral("/home")));
        QCOMPARE(labels.value(QStringLiteral("mount")).toString(), QStringLiteral("/home"));
        QVERIFY(!labels.contains(QStringLiteral("fleet_host")));
    }
};

QTEST_GUILESS_MAIN(TestNotifyPayload)
#include "tst_notifypayload.moc"
