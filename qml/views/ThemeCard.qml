import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Desktop

// The colour theme of the window: the platform's (System), light or dark, applied at once. The
// choice belongs to the window (the application hands it to Main.qml as themeChoice and keeps
// it in desktop.ini), so without one, as in a test harness, the card is not shown.
Card {
    id: card
    objectName: "themeCard"

    readonly property QtObject choice: ApplicationWindow.window
                                       ? ApplicationWindow.window.themeChoice : null
    readonly property var themes: ["system", "light", "dark"]

    title: qsTr("Appearance")
    visible: choice !== null

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacing

        Label {
            text: qsTr("Theme")
            color: Theme.text
        }
        ComboBox {
            objectName: "themeChoice"
            Layout.fillWidth: true
            model: [qsTr("System"), qsTr("Light"), qsTr("Dark")]
            currentIndex: card.choice ? card.themes.indexOf(card.choice.theme) : 0
            onActivated: index => card.choice.theme = card.themes[index]
        }
    }
}
