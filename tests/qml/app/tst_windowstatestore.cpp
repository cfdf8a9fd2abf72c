#include "windowstatestore.h"

#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QScreen>
#include <QTemporaryDir>
#include <QTest>

// The window's own state lives beside the settings file and comes back on the next start;
// values that no longer make sense (a view that does not exist, a place off every screen, a
// chart window the choice does not offer) are ignored.
class TestWindowStateStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void fileIsBesideTheSettings();
    void stateComesBack();
    void nonsenseIsIgnored();

private:
    QQuickWindow *makeWindow();

    QTemporaryDir m_dir;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
};

void TestWindowStateStore::init()
{
    m_engine = std::make_unique<QQmlApplicationEngine>();
}

void TestWindowStateStore::cleanup()
{
    m_engine.reset();
}

// A stand-in for Main.qml: the same three properties the store reads and writes.
QQuickWindow *TestWindowStateStore::makeWindow()
{
    m_engine->loadData("import QtQuick\n"
                       "Window { property int currentView: 0; readonly property int viewCount: 9;"
                       " property int windowSeconds: 300; width: 640; height: 480 }");
    return qobject_cast<QQuickWindow *>(m_engine->rootObjects().constLast());
}

void TestWindowStateStore::fileIsBesideTheSettings()
{
    QCOMPARE(WindowStateStore::pathBeside(QStringLiteral("/home/u/.config/vantage/vantage.conf")),
             QStringLiteral("/home/u/.config/vantage/desktop.ini"));
}

void TestWindowStateStore::stateComesBack()
{
    const WindowStateStore store(m_dir.filePath(QStringLiteral("sub/desktop.ini")));
    QQuickWindow *first = makeWindow();
    QVERIFY(first);
    const QRect screen = QGuiApplication::primaryScreen()->availableGeometry();
    const QRect geometry(screen.x() + 20, screen.y() + 30, 500, 400);
    first->setGeometry(geometry);
    first->setProperty("currentView", 6);
    first->setProperty("windowSeconds", 900);
    store.save(first);
    QVERIFY(QFile::exists(store.filePath()));

    QQuickWindow *second = makeWindow();
    store.restore(second);
    QCOMPARE(second->geometry(), geometry);
    QCOMPARE(second->property("currentView").toInt(), 6);
    QCOMPARE(second->property("windowSeconds").toInt(), 900);
}

void TestWindowStateStore::nonsenseIsIgnored()
{
    const QString path = m_dir.filePath(QStringLiteral("nonsense.ini"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[window]\ngeometry=@Rect(-90000 -90000 300 200)\nview=42\nchartSeconds=7\n");
    file.close();
    QQuickWindow *window = makeWindow();
    WindowStateStore(path).restore(window);
    QCOMPARE(window->size(), QSize(640, 480));
    QCOMPARE(window->property("currentView").toInt(), 0);
    QCOMPARE(window->property("windowSeconds").toInt(), 300);
}

QTEST_MAIN(TestWindowStateStore)
#include "tst_windowstatestore.moc"
