import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Desktop

// The settings panel: alert thresholds, sampling, the web server and its token, and the URL to
// open in a browser. Every value is checked by the core's own rules and applied at once.
ViewPage {
    id: view
    title: qsTr("Settings")
    hasCharts: false

    readonly property var settings: Backend.settings
    property bool showToken: false

    readonly property var ruleNames: ({
        cpu: qsTr("CPU"), memory: qsTr("Memory"), swap: qsTr("Swap"), disk: qsTr("Disk space"),
        temperature: qsTr("Temperature"), errors: qsTr("Server errors"),
        connections: qsTr("Refused clients"), tick: qsTr("Tick time")
    })
    readonly property var ruleUnits: ({
        cpu: "%", memory: "%", swap: "%", disk: "%", temperature: "°C",
        errors: qsTr("/min"), connections: qsTr("/min"), tick: qsTr("% of interval")
    })

    Card {
        title: qsTr("Web dashboard")
        Layout.fillWidth: true

        Label {
            objectName: "serverStatus"
            text: view.settings.listenUrl.length > 0
                  ? qsTr("Listening at %1").arg(view.settings.listenUrl)
                  : qsTr("Not serving: %1").arg(view.settings.serverError.length > 0
                                                ? view.settings.serverError : qsTr("stopped"))
            color: view.settings.listenUrl.length > 0 ? Theme.text : Theme.critical
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        RowLayout {
            Layout.fillWidth: true
            visible: view.settings.browserUrl.length > 0
            spacing: Theme.spacing
            TextField {
                objectName: "browserUrl"
                readOnly: true
                selectByMouse: true
                text: view.settings.browserUrl
                Layout.fillWidth: true
                Accessible.name: qsTr("Dashboard address")
            }
            Button {
                objectName: "copyUrl"
                text: qsTr("Copy")
                onClicked: view.settings.copyToClipboard(view.settings.browserUrl)
                Accessible.name: qsTr("Copy the dashboard address")
            }
            Button {
                text: qsTr("Open")
                onClicked: Qt.openUrlExternally(view.settings.browserUrl)
                Accessible.name: qsTr("Open the dashboard in a browser")
            }
        }
        Label {
            visible: view.settings.browserUrl.indexOf("token=") >= 0
            text: qsTr("This address carries the token: whoever opens it can change settings.")
            color: Theme.mutedText
            font.pointSize: Theme.smallSize
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
    }

    Card {
        title: qsTr("Alert thresholds")
        Layout.fillWidth: true

        GridLayout {
            columns: 4
            columnSpacing: Theme.padding * 1.5
            rowSpacing: Theme.spacing
            Layout.fillWidth: true

            Label { text: qsTr("Rule"); color: Theme.mutedText; font.bold: true }
            Label { text: qsTr("Warning at"); color: Theme.mutedText; font.bold: true }
            Label { text: qsTr("Critical at"); color: Theme.mutedText; font.bold: true }
            Label { text: qsTr("For"); color: Theme.mutedText; font.bold: true }

            Repeater {
                model: view.settings.rules.length * 4
                delegate: Loader {
                    required property int index
                    readonly property string rule: view.settings.rules[Math.floor(index / 4)]
                    readonly property int part: index % 4
                    Layout.alignment: Qt.AlignTop
                    sourceComponent: part === 0 ? ruleLabel : ruleField
                    Component {
                        id: ruleLabel
                        Label {
                            text: view.ruleNames[rule] ?? rule
                            color: Theme.text
                            topPadding: Theme.spacing / 2
                        }
                    }
                    Component {
                        id: ruleField
                        SettingField {
                            compact: true
                            key: "thresholds/" + rule + "/" + ["", "warning", "critical", "for"][part]
                            label: (view.ruleNames[rule] ?? rule) + " " + ["", qsTr("warning"),
                                                                          qsTr("critical"), qsTr("duration")][part]
                            unit: part === 3 ? qsTr("s") : view.ruleUnits[rule] ?? ""
                            fieldWidth: Theme.line * 5
                        }
                    }
                }
            }
        }
    }

    Card {
        title: qsTr("Web server")
        Layout.fillWidth: true
        SettingField { key: "server/bind"; label: qsTr("Listen address"); fieldWidth: Theme.line * 12 }
        SettingField { key: "server/port"; label: qsTr("Port") }
        RowLayout {
            spacing: Theme.spacing
            Layout.fillWidth: true
            SettingField {
                id: token
                key: "server/token"
                label: qsTr("Admin token")
                echoMode: view.showToken ? TextInput.Normal : TextInput.Password
                fieldWidth: Theme.line * 18
            }
            Button {
                objectName: "showToken"
                text: view.showToken ? qsTr("Hide") : qsTr("Show")
                Layout.alignment: Qt.AlignTop
                onClicked: view.showToken = !view.showToken
                Accessible.name: view.showToken ? qsTr("Hide the token") : qsTr("Show the token")
            }
            Button {
                objectName: "generateToken"
                text: qsTr("Generate")
                Layout.alignment: Qt.AlignTop
                onClicked: token.set(view.settings.generateToken())
                Accessible.name: qsTr("Generate a new random token")
            }
            Item { Layout.fillWidth: true }
        }
        SettingField { key: "server/maxConnections"; label: qsTr("Most connections") }
        SettingField {
            key: "server/allowedOrigins"
            label: qsTr("Allowed origins")
            fieldWidth: Theme.line * 30
        }
        SettingField {
            key: "server/publicNames"
            label: qsTr("Public names")
            fieldWidth: Theme.line * 30
        }
    }

    Card {
        title: qsTr("Sampling")
        Layout.fillWidth: true
        SettingField { key: "general/interval"; label: qsTr("Interval"); unit: qsTr("s") }
        SettingField { key: "general/historySeconds"; label: qsTr("History kept"); unit: qsTr("s") }
    }

    Label {
        text: qsTr("Saved to %1").arg(view.settings.filePath)
        color: Theme.mutedText
        font.pointSize: Theme.smallSize
        elide: Text.ElideMiddle
        Layout.fillWidth: true
    }
}
