#include "settings/settings.h"
#include "settings/settingsschema.h"

#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

// Levels of one unit for the cgroup rules: thresholds/<rule>/<unit>/<field> (docs/settings.md
// "Levels per unit"). Shared defaults: cgroup warning 90, critical 180, hysteresis 10 (% of a
// core); cgroupMemory 90, 98, hysteresis 3 (%).
class TestUnitRules : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void namesAreEncodedOneWay();
    void keysRoundTripThroughTheFile();
    void badValuesRefusedFileUntouched();
    void sharedChangeCheckedAgainstUnits();
    void removedUnitFollowsSharedLevels();
    void inconsistentUnitInFileFallsBack();

private:
    QString path() const { return m_dir->filePath(QStringLiteral("vantage.conf")); }
    QByteArray contents() const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestUnitRules::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QByteArray TestUnitRules::contents() const
{
    QFile file(path());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

void TestUnitRules::namesAreEncodedOneWay()
{
    QCOMPARE(SettingsSchema::encodeUnit(QStringLiteral("getty@tty1.service")),
             QStringLiteral("getty@tty1.service"));
    // '\' is 0x5C, '/' 0x2F, ' ' 0x20, '%' 0x25, 'é' the UTF-8 bytes C3 A9.
    QCOMPARE(SettingsSchema::encodeUnit(QStringLiteral("dev-disk-by\\x2duuid.mount")),
             QStringLiteral("dev-disk-by%5Cx2duuid.mount"));
    QCOMPARE(SettingsSchema::encodeUnit(QStringLiteral("a/b c%é")),
             QStringLiteral("a%2Fb%20c%25%C3%A9"));
    QString rule, unit, field;
    QVERIFY(SettingsSchema::splitUnitKey(
        QStringLiteral("thresholds/cgroupMemory/a%2Fb%20c%25%C3%A9/critical"), &rule, &unit,
        &field));
    QCOMPARE(rule, QStringLiteral("cgroupMemory"));
    QCOMPARE(unit, QStringLiteral("a/b c%é"));
    QCOMPARE(field, QStringLiteral("critical"));
    // Only the one spelling: lower-case hex, an encoded '.', a raw space, an empty name, an
    // unknown field and a rule without units are not unit keys.
    for (const char *key :
         {"thresholds/cgroup/a%2fb/warning", "thresholds/cgroup/nginx%2Eservice/warning",
          "thresholds/cgroup/a b/warning", "thresholds/cgroup//warning",
          "thresholds/cgroup/nginx.service/colour", "thresholds/cpu/nginx.service/warning"})
        QVERIFY2(!SettingsSchema::find(QString::fromUtf8(key)), key);
    QCOMPARE(SettingsSchema::label(QStringLiteral("thresholds/cgroup/nginx.service/warning")),
             QStringLiteral("Service CPU warning of nginx.service"));
}

void TestUnitRules::keysRoundTripThroughTheFile()
{
    const QString fsck = QStringLiteral("systemd-fsck@dev-disk-by\\x2duuid-1.service");
    const QString odd = QStringLiteral("pod/web 1");
    {
        Settings settings(path());
        QVERIFY(settings.load());
        const QStringList errors = settings.apply(
            {{QStringLiteral("thresholds/cgroup/nginx.service/warning"), 150},
             {QStringLiteral("thresholds/cgroup/nginx.service/critical"), 300},
             {SettingsSchema::unitPrefix(QStringLiteral("cgroupMemory"), fsck) +
                  QStringLiteral("warning"),
              70},
             {SettingsSchema::unitPrefix(QStringLiteral("cgroup"), odd) + QStringLiteral("enabled"),
              false}});
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    }
    const QByteArray text = contents();
    QVERIFY2(text.contains("[thresholds/cgroup/nginx.service]\ncritical=300\nwarning=150\n"),
             text.constData());
    QVERIFY2(text.contains("[thresholds/cgroupMemory/systemd-fsck@dev-disk-by%5Cx2duuid-1.service]"
                           "\nwarning=70\n"),
             text.constData());
    QVERIFY2(text.contains("[thresholds/cgroup/pod%2Fweb%201]\nenabled=false\n"), text.constData());

    Settings again(path());
    QVERIFY(again.load());
    QCOMPARE(again.units(QStringLiteral("cgroup")), QStringList({"nginx.service", odd}));
    QCOMPARE(again.units(QStringLiteral("cgroupMemory")), QStringList{fsck});
    QCOMPARE(again.value(QStringLiteral("thresholds/cgroup/nginx.service/warning")),
             QVariant(150.0));
    // Not set for the unit: the shared level, and enabled.
    QCOMPARE(again.value(QStringLiteral("thresholds/cgroup/nginx.service/for")), QVariant(60));
    QCOMPARE(again.value(QStringLiteral("thresholds/cgroup/nginx.service/enabled")),
             QVariant(true));
    QCOMPARE(again.value(SettingsSchema::unitPrefix(QStringLiteral("cgroupMemory"), fsck) +
                         QStringLiteral("critical")),
             QVariant(98.0));
    QCOMPARE(again.value(SettingsSchema::unitPrefix(QStringLiteral("cgroup"), odd) +
                         QStringLiteral("enabled")),
             QVariant(false));
    // Every field of each unit is in the map the panels read.
    const QVariantMap map = again.toMap();
    QCOMPARE(map.value(QStringLiteral("thresholds/cgroup/pod%2Fweb%201/warning")), QVariant(90.0));
    QCOMPARE(map.value(QStringLiteral("thresholds/cgroup/nginx.service/hysteresis")),
             QVariant(10.0));
}

void TestUnitRules::badValuesRefusedFileUntouched()
{
    Settings settings(path());
    QVERIFY(settings.load());
    QCOMPARE(settings.apply({{QStringLiteral("thresholds/cgroup/nginx.service/warning"), 150}}),
             QStringList{});
    const QByteArray before = contents();
    QSignalSpy changed(&settings, &Settings::changed);

    // Its critical below its own warning; the shared critical 180 is not what counts.
    QCOMPARE(settings.apply({{QStringLiteral("thresholds/cgroup/nginx.service/critical"), 100}}),
             QStringList{QStringLiteral(
                 "Service CPU of nginx.service critical 100 % of a core is below its warning "
                 "150 % of a core: raise the critical level or lower the warning")});
    // The shared range: a percentage from 0 to 100.
    const QStringList range =
        settings.apply({{QStringLiteral("thresholds/cgroupMemory/nginx.service/warning"), 120}});
    QCOMPARE(range.size(), 1);
    QVERIFY2(range.at(0).startsWith(u"Service memory warning of nginx.service: ") &&
                 range.at(0).contains(u"0 to 100") && range.at(0).contains(u"120"),
             qPrintable(range.at(0)));
    // A hysteresis that keeps its warning from ever clearing.
    QCOMPARE(settings.apply({{QStringLiteral("thresholds/cgroupMemory/web/warning"), 2}}),
             QStringList{QStringLiteral("Service memory of web warning 2 % with hysteresis 3 % "
                                        "could never clear: lower the hysteresis or raise the "
                                        "level")});
    // A name spelt another way is no key at all, and a prefix takes only null.
    QCOMPARE(
        settings.apply({{QStringLiteral("thresholds/cgroup/nginx%2Eservice/warning"), 100}}),
        QStringList{QStringLiteral("thresholds/cgroup/nginx%2Eservice/warning: unknown setting")});
    QCOMPARE(settings.apply({{QStringLiteral("thresholds/cgroup/nginx.service/"), 5}}),
             QStringList{QStringLiteral("thresholds/cgroup/nginx.service/: unknown setting")});
    // One bad key refuses the good one beside it.
    QCOMPARE(settings
                 .apply({{QStringLiteral("thresholds/cgroup/cron.service/warning"), 50},
                         {QStringLiteral("thresholds/cgroup/cron.service/for"), -1}})
                 .size(),
             1);

    QCOMPARE(contents(), before);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(settings.units(QStringLiteral("cgroup")), QStringList{"nginx.service"});
    QCOMPARE(settings.value(QStringLiteral("thresholds/cgroup/nginx.service/critical")),
             QVariant(180.0));
}

void TestUnitRules::sharedChangeCheckedAgainstUnits()
{
    Settings settings(path());
    QVERIFY(settings.load());
    QCOMPARE(settings.apply({{QStringLiteral("thresholds/cgroup/nginx.service/warning"), 150}}),
             QStringList{});
    const QByteArray before = contents();
    // nginx follows the shared critical: 120 would sit below its own warning 150.
    QCOMPARE(settings.apply({{QStringLiteral("thresholds/cgroup/warning"), 100},
                             {QStringLiteral("thresholds/cgroup/critical"), 120}}),
             QStringList{QStringLiteral(
                 "Service CPU of nginx.service critical 120 % of a core is below its warning "
                 "150 % of a core: raise the critical level or lower the warning")});
    QCOMPARE(contents(), before);
    // With its own critical set in the same change it is fine.
    QCOMPARE(settings.apply({{QStringLiteral("thresholds/cgroup/warning"), 100},
                             {QStringLiteral("thresholds/cgroup/critical"), 120},
                             {QStringLiteral("thresholds/cgroup/nginx.service/critical"), 200}}),
             QStringList{});
}

void TestUnitRules::removedUnitFollowsSharedLevels()
{
    Settings settings(path());
    QVERIFY(settings.load());
    QCOMPARE(settings.apply({{QStringLiteral("thresholds/cgroup/nginx.service/warning"), 150},
                             {QStringLiteral("thresholds/cgroupMemory/nginx.service/warning"), 50},
                             {QStringLiteral("thresholds/cgroup/cron.service/enabled"), false}}),
             QStringList{});
    QSignalSpy changed(&settings, &Settings::changed);
    // Null on the prefix takes the CPU levels of nginx out whole; its memory levels stay.
    QCOMPARE(settings.apply({{QStringLiteral("thresholds/cgroup/nginx.service/"), QVariant()}}),
             QStringList{});
    QCOMPARE(changed.size(), 1);
    QVERIFY(changed.at(0).at(0).toStringList().contains(
        QStringLiteral("thresholds/cgroup/nginx.service/warning")));
    QCOMPARE(settings.units(QStringLiteral("cgroup")), QStringList{"cron.service"});
    QCOMPARE(settings.units(QStringLiteral("cgroupMemory")), QStringList{"nginx.service"});
    QCOMPARE(settings.value(QStringLiteral("thresholds/cgroup/nginx.service/warning")),
             QVariant(90.0));
    QVERIFY(!settings.toMap().contains(QStringLiteral("thresholds/cgroup/nginx.service/warning")));
    const QByteArray text = contents();
    QVERIFY2(!text.contains("[thresholds/cgroup/nginx.service]"), text.constData());
    QVERIFY2(text.contains("[thresholds/cgroupMemory/nginx.service]\nwarning=50\n"),
             text.constData());
    // Removing what is not set changes nothing.
    QCOMPARE(settings.apply({{QStringLiteral("thresholds/cgroup/nginx.service/"), QVariant()}}),
             QStringList{});
    QCOMPARE(changed.size(), 1);
    // A unit added with nothing but enabled (every level the shared one) and taken out again is
    // announced both times: the panels list it, then no longer.
    QCOMPARE(settings.apply({{QStringLiteral("thresholds/cgroup/web/enabled"), true}}),
             QStringList{});
    QCOMPARE(changed.size(), 2);
    QVERIFY(changed.at(1).at(0).toStringList().contains(
        QStringLiteral("thresholds/cgroup/web/enabled")));
    QCOMPARE(settings.apply({{QStringLiteral("thresholds/cgroup/web/"), QVariant()}}),
             QStringList{});
    QCOMPARE(changed.size(), 3);
    QVERIFY(changed.at(2).at(0).toStringList().contains(
        QStringLiteral("thresholds/cgroup/web/enabled")));
    QCOMPARE(settings.units(QStringLiteral("cgroup")), QStringList{"cron.service"});
}

void TestUnitRules::inconsistentUnitInFileFallsBack()
{
    QFile file(path());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[thresholds/cgroup/nginx.service]\nwarning=200\ncritical=150\nfor=5\n");
    file.close();
    Settings settings(path());
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral(
                             "Service CPU of nginx.service critical 150 % of a core is below its "
                             "warning 200 % of a core: .*; using the shared levels of "
                             "thresholds/cgroup$")));
    QVERIFY(settings.load());
    // Its levels follow the shared 90 and 180 again; its `for` stays its own.
    QCOMPARE(settings.value(QStringLiteral("thresholds/cgroup/nginx.service/warning")),
             QVariant(90.0));
    QCOMPARE(settings.value(QStringLiteral("thresholds/cgroup/nginx.service/critical")),
             QVariant(180.0));
    QCOMPARE(settings.value(QStringLiteral("thresholds/cgroup/nginx.service/for")), QVariant(5));
}

QTEST_GUILESS_MAIN(TestUnitRules)
#include "tst_unitrules.moc"
