#include "styletable.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QRegularExpression>
#include <QTest>
#include <QtQml/QQmlExtensionPlugin>

Q_IMPORT_QML_PLUGIN(Vantage_DesktopPlugin)

// The colour and format table (resources/web/assets/style.json) is the one both front ends use:
// the desktop carries it unchanged, the page's CSS variables are written from it, it has every
// colour both need in both schemes, and no QML or web file names a colour of its own.
class TestStyleTable : public QObject
{
    Q_OBJECT

private slots:
    void coloursReadAsCssWritesThem();
    void desktopCarriesTheTable();
    void schemesHaveEveryColour_data();
    void schemesHaveEveryColour();
    void seriesOfOneChartDiffer_data();
    void seriesOfOneChartDiffer();
    void pageCssComesFromTheTable();
    void desktopColoursSeriesAsThePage();
    void noColourOutsideTheTable();

private:
    static QByteArray read(const QString &path);
};

QByteArray TestStyleTable::read(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestStyleTable::coloursReadAsCssWritesThem()
{
    QCOMPARE(StyleTable::colour(QStringLiteral("#c62828")), QColor(0xc6, 0x28, 0x28));
    // CSS puts the alpha last: 0x1a = 26 of 255, the light grid's 10 %.
    QCOMPARE(StyleTable::colour(QStringLiteral("#17202b1a")), QColor(0x17, 0x20, 0x2b, 0x1a));
    QVERIFY(!StyleTable::colour(QStringLiteral("red")).isValid());
    QVERIFY(!StyleTable::colour(QStringLiteral("#c628")).isValid());
}

void TestStyleTable::desktopCarriesTheTable()
{
    const QByteArray source = read(QFINDTESTDATA("../../../resources/web/assets/style.json"));
    QVERIFY(!source.isEmpty());
    QCOMPARE(read(QStringLiteral(":/vantage/style.json")), source);
}

void TestStyleTable::schemesHaveEveryColour_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::newRow("light") << "light";
    QTest::newRow("dark") << "dark";
}

void TestStyleTable::schemesHaveEveryColour()
{
    QFETCH(QString, scheme);
    const QJsonObject colours = StyleTable::table().value(scheme).toObject();
    const QJsonObject ui = colours.value(u"ui").toObject();
    const QJsonObject series = colours.value(u"series").toObject();
    for (const char *name : {"bg", "surface", "surface-2", "text", "text-muted", "border", "grid",
                             "accent", "ok", "warning", "critical"})
        QVERIFY2(StyleTable::colour(ui.value(QLatin1StringView(name)).toString()).isValid(), name);
    for (const char *name :
         {"cpu.total", "cpu.user", "cpu.system", "cpu.iowait", "cpu.steal", "mem.used",
          "mem.cached", "mem.buffers", "mem.available", "swap.used", "net[].rxBps", "net[].txBps",
          "disks[].readBps", "disks[].writeBps", "temps[].celsius", "load.1", "load.5", "load.15"})
        QVERIFY2(StyleTable::colour(series.value(QLatin1StringView(name)).toString()).isValid(),
                 name);
    const QJsonArray devices = colours.value(u"devices").toArray();
    QVERIFY(devices.size() >= 6);
    for (const QJsonValue &device : devices)
        QVERIFY(StyleTable::colour(device.toString()).isValid());
    const QJsonObject heat = colours.value(u"heat").toObject();
    QVERIFY(StyleTable::colour(heat.value(u"low").toString()).isValid());
    QVERIFY(StyleTable::colour(heat.value(u"high").toString()).isValid());
    // The other scheme names the same colours: a name missing from one would fall back silently.
    const QJsonObject other =
        StyleTable::table().value(scheme == u"light" ? u"dark" : u"light").toObject();
    QCOMPARE(ui.keys(), other.value(u"ui").toObject().keys());
    QCOMPARE(series.keys(), other.value(u"series").toObject().keys());
    QCOMPARE(devices.size(), other.value(u"devices").toArray().size());
}

void TestStyleTable::seriesOfOneChartDiffer_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QStringList>("names");
    for (const char *scheme : {"light", "dark"}) {
        QTest::addRow("%s cpu", scheme)
            << scheme
            << QStringList{"cpu.total", "cpu.user", "cpu.system", "cpu.iowait", "cpu.steal"};
        QTest::addRow("%s memory", scheme)
            << scheme
            << QStringList{"mem.used", "mem.cached", "mem.buffers", "mem.available", "swap.used"};
        QTest::addRow("%s load", scheme) << scheme << QStringList{"load.1", "load.5", "load.15"};
        QTest::addRow("%s network", scheme) << scheme << QStringList{"net[].rxBps", "net[].txBps"};
        QTest::addRow("%s disk", scheme)
            << scheme << QStringList{"disks[].readBps", "disks[].writeBps"};
    }
}

void TestStyleTable::seriesOfOneChartDiffer()
{
    QFETCH(QString, scheme);
    QFETCH(QStringList, names);
    const QJsonObject series =
        StyleTable::table().value(scheme).toObject().value(u"series").toObject();
    QSet<QString> colours;
    for (const QString &name : names)
        colours.insert(series.value(name).toString());
    QCOMPARE(colours.size(), names.size());
}

void TestStyleTable::pageCssComesFromTheTable()
{
    const QString css = QString::fromUtf8(read(QStringLiteral(":/web/assets/palette.css")));
    const qsizetype media = css.indexOf(u"@media (prefers-color-scheme: dark)");
    QVERIFY2(media > 0, "palette.css has a light block and then a dark one");
    const QString light = css.left(media);
    const QString dark = css.mid(media);
    // The two reds the front ends used to disagree on, by hand: the table's critical colours.
    QVERIFY(light.contains(u"--critical: #c62828;"));
    QVERIFY(dark.contains(u"--critical: #f56565;"));
    for (const auto &[block, scheme] : {std::pair{light, u"light"}, std::pair{dark, u"dark"}}) {
        const QJsonObject ui = StyleTable::table().value(scheme).toObject().value(u"ui").toObject();
        for (auto it = ui.begin(); it != ui.end(); ++it) {
            const QString line = QStringLiteral("--%1: %2;").arg(it.key(), it.value().toString());
            QVERIFY2(block.contains(line), qPrintable(line));
        }
    }
}

void TestStyleTable::desktopColoursSeriesAsThePage()
{
    QQmlEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
    QQmlComponent component(&engine);
    component.setData(R"(
        import QtQml
        import Vantage.Desktop
        QtObject {
            readonly property bool dark: Theme.dark
            readonly property var colours: Theme.seriesColors(["cpu.user", "net[eth0].rxBps",
                "net[eth0].txBps", "temps[a].celsius", "temps[b].celsius", "self.cpu"])
        })",
                      QUrl());
    std::unique_ptr<QObject> object(component.create());
    QVERIFY2(object, qPrintable(component.errorString()));
    QVERIFY2(!object->property("dark").toBool(), "the offscreen platform's palette is light");
    QStringList names;
    for (const QVariant &colour : object->property("colours").toList())
        names.append(colour.value<QColor>().name(QColor::HexRgb));
    // The colours tst_theme.mjs expects of the page for the same chart, from style.json, light:
    // cpu.user, net[].rxBps, net[].txBps; two sensors on one chart take devices[3] and
    // devices[4] by position, and self.cpu, which has no colour of its own, devices[5].
    QCOMPARE(names,
             (QStringList{"#0f8a7e", "#1d5fd6", "#0f8a7e", "#8a3ccf", "#c2336f", "#5a8a00"}));
}

void TestStyleTable::noColourOutsideTheTable()
{
    // Files other parts of the desktop and the page still colour by themselves, each to move its
    // colours to the table: a default line colour and the threshold lines' fallbacks.
    const QStringList waiting = {QStringLiteral("qml/charts/HistoryChart.qml")};
    static const QRegularExpression colour(
        QStringLiteral(R"(#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?(?:[0-9a-fA-F]{2})?\b|)"
                       R"(\b(?:rgba?|hsla?)\(\s*[0-9]|Qt\.(?:rgba|hsla|hsva)\(\s*[0-9.])"));
    const QString root =
        QFINDTESTDATA("../../../CMakeLists.txt").chopped(int(strlen("CMakeLists.txt")));
    QVERIFY(!root.isEmpty());
    QStringList found;
    for (const char *folder : {"qml", "resources/web"}) {
        QDirIterator it(root + QLatin1StringView(folder),
                        {QStringLiteral("*.qml"), QStringLiteral("*.js"), QStringLiteral("*.css"),
                         QStringLiteral("*.html")},
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next().mid(root.size());
            if (waiting.contains(path))
                continue;
            const QRegularExpressionMatch match =
                colour.match(QString::fromUtf8(read(it.filePath())));
            if (match.hasMatch())
                found.append(QStringLiteral("%1: %2").arg(path, match.captured()));
        }
    }
    QVERIFY2(found.isEmpty(), qPrintable(QStringLiteral("colours written outside style.json: %1")
                                             .arg(found.join(QStringLiteral(", ")))));
}

QTEST_MAIN(TestStyleTable)
#include "tst_styletable.moc"
