#include "support/fixtureharness.h"

#include <QApplication>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QTest>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuickTest/quicktest.h>

Q_IMPORT_QML_PLUGIN(Vantage_DesktopPlugin)
Q_IMPORT_QML_PLUGIN(Vantage_ChartsPlugin)
Q_IMPORT_QML_PLUGIN(Vantage_WidgetsPlugin)

// The Quick Tests of the desktop views, against the real core on the fixture machine of
// tests/qml/fixtures. The QML tests reach the core through the Backend singleton, as the
// window does, and the harness (its WebSocket client, the fixture files) as `Harness`. Built a
// second time with VANTAGE_REMOTE_SOURCE, the views are fed through a remote source over the
// fixture core's WebSocket instead, and the same tests must pass (tst_desktop_remote).
class Setup : public QObject
{
    Q_OBJECT

public slots:
    void applicationAvailable()
    {
        QString error;
#ifdef VANTAGE_REMOTE_SOURCE
        m_harness.setRemote(true);
#endif
        if (!m_harness.start(&error))
            qFatal("the fixture core did not start: %s", qPrintable(error));
        qmlRegisterSingletonInstance("VantageTest", 1, 0, "Harness", &m_harness);
    }

    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
    }

private:
    FixtureHarness m_harness;
};

int main(int argc, char **argv)
{
    // Qt Charts draws through QGraphicsScene: it needs a QApplication, which the stock
    // QUICK_TEST_MAIN would not create.
    QApplication app(argc, argv);
    QQuickStyle::setStyle(QStringLiteral("Fusion"));
    Setup setup;
    return quick_test_main_with_setup(argc, argv, VANTAGE_TEST_NAME, QUICK_TEST_SOURCE_DIR, &setup);
}

#include "tst_desktop.moc"
