#include <QApplication>
#include <QObject>
#include <QQmlContext>
#include <QQmlEngine>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

Q_IMPORT_QML_PLUGIN(Vantage_WidgetsPlugin)

// Gives the tests the build folder as renderFolder, an absolute path: they save their renderings
// there for people to look at, and load them back through a file URL to check what was saved.
class Setup : public QObject
{
    Q_OBJECT

public slots:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->rootContext()->setContextProperty(QStringLiteral("renderFolder"),
                                                  QStringLiteral(VANTAGE_RENDER_DIR));
    }
};

// The project's Quick Test main: a QApplication, because Qt Charts views crash without one (see
// TOOLCHAIN.md), then the stock runner on this executable's one QML file.
int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    Setup setup;
    return quick_test_main_with_setup(argc, argv, VANTAGE_TEST_NAME, VANTAGE_TEST_FILE, &setup);
}

#include "quicktestmain.moc"
