#include <QApplication>
#include <QDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

Q_IMPORT_QML_PLUGIN(Vantage_WidgetsPlugin)

// The project's Quick Test main: a QApplication, because Qt Charts views crash without one (see
// TOOLCHAIN.md), then the stock runner on this executable's one QML file.
int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    // The tests save their renderings under relative names; this puts them in the build folder.
    QDir::setCurrent(QStringLiteral(VANTAGE_RENDER_DIR));
    return quick_test_main(argc, argv, VANTAGE_TEST_NAME, VANTAGE_TEST_FILE);
}
