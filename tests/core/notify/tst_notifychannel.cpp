#include "notify/notifychannel.h"
#include "settings/settings.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

// Channels from the settings: the checks a user meets in the panels and the file, secrets kept
// out of what web clients are shown, and command channels kept from web admins.
class TestNotifyChannel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void aWholeChannelIsRead();
    void badChannelsAreRefusedInTheUsersWords_data();
    void badChannelsAreRefusedInTheUsersWords();
    void aDesktopChannelNeedsNoUrl();
    void secretsShowOnlyAsSetOrNot();
    void webAdminsCannotTouchCommandChannels();
    void aNotifyAlertNeverGoesToItsOwnChannel();
    void aChannelTakenOutOfTheFileIsAChange();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
};

void TestNotifyChannel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("vantage.conf")));
    QVERIFY(m_settings->load());
}

void TestNotifyChannel::aWholeChannelIsRead()
{
    QVERIFY(m_settings
                ->apply({{"notify/ops/type", "webhook"},
                         {"notify/ops/url", "https://hooks.example.org/v1/abc"},
                         {"notify/ops/secret", "s3cret"},
                         {"notify/ops/headers", "X-Team: infra; X-Env: prod"},
                         {"notify/ops/minSeverity", "critical"},
                         {"notify/ops/resolved", "false"},
                         {"notify/ops/repeat", 30},
                         {"notify/ops/rules", "disk, memory"}})
                .isEmpty());
    const QList<NotifyChannel> channels = NotifyChannel::fromSettings(*m_settings);
    QCOMPARE(channels.size(), 1);
    const NotifyChannel &ops = channels.constFirst();
    QCOMPARE(ops.name, QStringLiteral("ops"));
    QCOMPARE(ops.type, NotifyChannel::Type::Webhook);
    QCOMPARE(ops.url, QStringLiteral("https://hooks.example.org/v1/abc"));
    QCOMPARE(ops.secret, QByteArray("s3cret"));
    QCOMPARE(ops.headers.size(), 2);
    QCOMPARE(ops.headers.at(1).first, QByteArray("X-Env"));
    QCOMPARE(ops.headers.at(1).second, QByteArray("prod"));
    QCOMPARE(ops.minSeverity, AlertSeverity::Critical);
    QCOMPARE(ops.resolved, false);
    QCOMPARE(ops.repeatMinutes, 30);
    QCOMPARE(ops.rules, (QStringList{"disk", "memory"}));
    QCOMPARE(ops.enabled, true); // the default
    QCOMPARE(ops.insecure, false);

    // The file says the same after a restart.
    Settings again(m_settings->filePath());
    QVERIFY(again.load());
    QCOMPARE(NotifyChannel::fromSettings(again).constFirst().rules, ops.rules);
}

void TestNotifyChannel::badChannelsAreRefusedInTheUsersWords_data()
{
    QTest::addColumn<QVariantMap>("changes");
    QTest::addColumn<QString>("error");
    QTest::newRow("unknown type") << QVariantMap{{"notify/a/type", "pager"},
                                                 {"notify/a/url", "https://x.example/"}}
                                  << "Notification channel \"a\": type must be desktop, webhook, "
                                     "ntfy, alertmanager or command, got \"pager\"";
    QTest::newRow("no url") << QVariantMap{{"notify/a/type", "ntfy"}}
                            << "Notification channel \"a\": url must be an http or https address "
                               "such as https://ntfy.sh/my-alerts";
    QTest::newRow("ftp url, not repeated")
        << QVariantMap{{"notify/a/type", "webhook"}, {"notify/a/url", "ftp://h/tok3n"}}
        << "Notification channel \"a\": url must be an http or https address such as "
           "https://ntfy.sh/my-alerts";
    QTest::newRow("no program") << QVariantMap{{"notify/a/type", "command"}}
                                << "Notification channel \"a\": url must name the program to run";
    QTest::newRow("severity") << QVariantMap{{"notify/a/type", "ntfy"},
                                             {"notify/a/url", "https://ntfy.sh/t"},
                                             {"notify/a/minSeverity", "info"}}
                              << "Notification channel \"a\": minSeverity must be warning or "
                                 "critical, got \"info\"";
    QTest::newRow("headers") << QVariantMap{{"notify/a/type", "webhook"},
                                            {"notify/a/url", "https://x.example/"},
                                            {"notify/a/headers", "no colon here"}}
                             << "Notification channel \"a\": headers must be \"Name: value\" pairs "
                                "separated by semicolons";
    QTest::newRow("rules")
        << QVariantMap{{"notify/a/type", "webhook"},
                       {"notify/a/url", "https://x.example/"},
                       {"notify/a/rules", "disk,cpus"}}
        << "Notification channel \"a\": rules must be all or a list of cpu, "
           "memory, swap, disk, temperature, errors, connections, history, "
           "tick, pressure, cgroup, cgroupMemory, gpu, gpuMemory, notify, host, got "
           "\"cpus\"";
    QTest::newRow("repeat") << QVariantMap{{"notify/a/repeat", -1}}
                            << "notify/a/repeat: expected a whole number of minutes from 0 to "
                               "10080, got \"-1\"";
    QTest::newRow("switch") << QVariantMap{{"notify/a/enabled", "maybe"}}
                            << "notify/a/enabled: expected true or false, got \"maybe\"";
    QTest::newRow("name") << QVariantMap{{"notify/a b/type", "webhook"}}
                          << "notify/a b/type: unknown setting";
}

void TestNotifyChannel::badChannelsAreRefusedInTheUsersWords()
{
    QFETCH(QVariantMap, changes);
    QFETCH(QString, error);
    QCOMPARE(m_settings->apply(changes), QStringList{error});
    QVERIFY(m_settings->channels().isEmpty()); // nothing applied
}

// A desktop channel is saved from a panel like any other, with no address, and read back as
// one: the panels' Save and the window's "turn the default off" go through this check.
void TestNotifyChannel::aDesktopChannelNeedsNoUrl()
{
    QCOMPARE(m_settings->apply({{"notify/desk/type", "desktop"},
                                {"notify/desk/minSeverity", "critical"},
                                {"notify/desk/enabled", false}}),
             QStringList{});
    QStringList problems;
    const QList<NotifyChannel> channels = NotifyChannel::fromSettings(*m_settings, &problems);
    QCOMPARE(problems, QStringList{});
    QCOMPARE(channels.size(), 1);
    QCOMPARE(channels.first().name, QStringLiteral("desk"));
    QCOMPARE(channels.first().minSeverity, AlertSeverity::Critical);
    QCOMPARE(channels.first().enabled, false);
}

void TestNotifyChannel::secretsShowOnlyAsSetOrNot()
{
    QVERIFY(m_settings
                ->apply({{"notify/n/type", "ntfy"},
                         {"notify/n/url", "https://ntfy.example/alerts-x7Gq"},
                         {"notify/n/token", "tk_0123456789"}})
                .isEmpty());
    const QVariantMap open = m_settings->toMap();
    QCOMPARE(open.value("notify/n/url"), QVariant(true));
    QCOMPARE(open.value("notify/n/token"), QVariant(true));
    QCOMPARE(open.value("notify/n/secret"), QVariant(false));
    QCOMPARE(open.value("notify/n/headers"), QVariant(false));
    QCOMPARE(open.value("notify/n/type"), QVariant(QStringLiteral("ntfy")));
    QCOMPARE(open.value("notify/n/resolved"), QVariant(true));
    for (const QVariant &value : open) {
        QVERIFY(!value.toString().contains(QStringLiteral("x7Gq")));
        QVERIFY(!value.toString().contains(QStringLiteral("tk_0123456789")));
    }
    QCOMPARE(m_settings->toMap(true).value("notify/n/token"), QVariant("tk_0123456789"));
}

void TestNotifyChannel::webAdminsCannotTouchCommandChannels()
{
    const QString refusal = QStringLiteral("Notification channel \"run\" runs a program: command "
                                           "channels are set only on the machine itself (desktop "
                                           "window or settings file)");
    const QVariantMap create{{"notify/run/type", "command"}, {"notify/run/url", "/bin/true"}};
    QCOMPARE(NotifyChannel::checkWebChanges(*m_settings, create), refusal);
    QVERIFY(m_settings->apply(create).isEmpty()); // from the desktop, it is allowed
    QCOMPARE(NotifyChannel::checkWebChanges(*m_settings, {{"notify/run/url", "/bin/false"}}),
             refusal);
    QCOMPARE(NotifyChannel::checkWebChanges(*m_settings, {{"notify/run/type", "webhook"}}),
             refusal);
    QCOMPARE(NotifyChannel::checkWebChanges(*m_settings, {{"notify/hook/type", "webhook"},
                                                          {"notify/hook/url", "https://x.ex/"}}),
             QString());
}

void TestNotifyChannel::aNotifyAlertNeverGoesToItsOwnChannel()
{
    NotifyChannel channel;
    channel.name = QStringLiteral("ops");
    Alert alert;
    alert.rule = QStringLiteral("notify");
    alert.instance = QStringLiteral("ops");
    QVERIFY(!channel.wants(alert));
    alert.instance = QStringLiteral("pager");
    QVERIFY(channel.wants(alert));
    channel.minSeverity = AlertSeverity::Critical;
    QVERIFY(!channel.wants(alert)); // a warning
}

void TestNotifyChannel::aChannelTakenOutOfTheFileIsAChange()
{
    QVERIFY(m_settings->apply({{"notify/a/type", "ntfy"}, {"notify/a/url", "https://ntfy.sh/t"}})
                .isEmpty());
    m_settings->watchFile();
    QSignalSpy changed(m_settings.get(), &Settings::changed);
    QFile file(m_settings->filePath());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[general]\ninterval = 2\n");
    file.close();
    QVERIFY(changed.wait(5000));
    const QStringList keys = changed.first().first().toStringList();
    QVERIFY(keys.contains("general/interval"));
    QVERIFY(keys.contains("notify/a/type"));
    QVERIFY(keys.contains("notify/a/url"));
    QVERIFY(m_settings->channels().isEmpty());
}

QTEST_GUILESS_MAIN(TestNotifyChannel)
#include "tst_notifychannel.moc"
