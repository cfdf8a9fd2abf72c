import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Desktop

// The settings panel: alert thresholds, sampling, the web server and its token, and the URL to
// open in a browser. Every value is checked by the core's own rules and applied at once; the
// thresholds table has the four settings of each rule, as the web dialog has.
ViewPage {
    id: view
    title: qsTr("Settings")
    hasCharts: false

    readonly property var settings: Backend.settings
    property bool showToken: false

    readonly property var ruleNames: ({
        cpu: qsTr("CPU"), memory: qsTr("Memory"), swap: qsTr("Swap"), disk: qsTr("Disk space"),
        temperature: qsTr("Temperature"), errors: qsTr("Server errors"),
        connections: qsTr("Refused clients"), tick: qsTr("Tick time"),
        history: qsTr("Store failures"), notify: qsTr("Failing channel"),
        pressure: qsTr("Pressure"),
        cgroup: qsTr("Service CPU"), cgroupMemory: qsTr("Service memory"),
        gpu: qsTr("GPU temperature"), gpuMemory: qsTr("GPU memory"), host: qsTr("Fleet host")
    })
    // The four settings of a rule, as the web dialog lists them.
    readonly property var fieldNames: [
        { field: "warning", header: qsTr("Warning"), spoken: qsTr("warning") },
        { field: "critical", header: qsTr("Critical"), spoken: qsTr("critical") },
        { field: "for", header: qsTr("For (s)"), spoken: qsTr("duration in seconds") },
        { field: "hysteresis", header: qsTr("Hysteresis"), spoken: qsTr("hysteresis") }
    ]
    readonly property real fieldWidth: Theme.line * 5.5
    readonly property real ruleColumnWidth: Theme.line * 9
    readonly property real columnSpacing: Theme.padding * 1.5
    readonly property var ruleUnits: ({
        cpu: "%", memory: "%", swap: "%", disk: "%", temperature: "°C",
        errors: qsTr("/min"), connections: qsTr("/min"), tick: qsTr("% of interval"),
        history: qsTr("/min"), notify: qsTr("min"), pressure: "%",
        cgroup: qsTr("% of a core"), cgroupMemory: "%", gpu: "°C", gpuMemory: "%",
        host: qsTr("s")
    })

    // Side by side where both columns fit (the thresholds table is about 40 lines wide, the web
    // server card about 42, with a margin for wider fonts), else one above the other; the page
    // scrolls either way, so no card is ever out of reach. The width is fixed rather than
    // measured, so that a message or "Saved" appearing never flips the layout.
    GridLayout {
        id: cards
        columns: view.width >= Theme.line * 88 ? 2 : 1
        columnSpacing: Theme.padding
        rowSpacing: Theme.padding
        Layout.fillWidth: true
        // The room left in a tall window goes below the cards, not above them.
        Layout.alignment: Qt.AlignTop

        Card {
            id: thresholdsCard
            objectName: "thresholdsCard"
            title: qsTr("Alert thresholds")
            // Beside the other cards the table keeps its own width and they take the rest.
            Layout.fillWidth: cards.columns === 1
            Layout.alignment: Qt.AlignTop

            // One row per rule: the four settings of the web dialog, and below them the rule's
            // refusal or "Saved" across the whole row, where a long message has room.
            RowLayout {
                spacing: view.columnSpacing
                Label {
                    text: qsTr("Rule")
                    color: Theme.mutedText
                    font.bold: true
                    Layout.preferredWidth: view.ruleColumnWidth
                }
                Repeater {
                    model: view.fieldNames
                    delegate: Label {
                        required property var modelData
                        text: modelData.header
                        color: Theme.mutedText
                        font.bold: true
                        elide: Text.ElideRight
                        Layout.preferredWidth: view.fieldWidth
                    }
                }
            }

            Repeater {
                model: view.settings.rules
                delegate: ColumnLayout {
                    id: ruleRow
                    required property string modelData
                    readonly property string rule: modelData
                    readonly property string name: view.ruleNames[rule] ?? rule
                    // The fields of this rule, for the line below them.
                    property var fields: []
                    readonly property string message: fields.map(f => f.message)
                                                            .filter(m => m.length > 0)
                                                            .filter((m, i, all) => all.indexOf(m) === i)
                                                            .join("\n")
                    readonly property bool saved: fields.some(f => f.saved)
                    spacing: Theme.spacing / 3
                    Layout.fillWidth: true

                    RowLayout {
                        spacing: view.columnSpacing
                        Layout.fillWidth: true
                        ColumnLayout {
                            spacing: 0
                            Layout.preferredWidth: view.ruleColumnWidth
                            Layout.maximumWidth: view.ruleColumnWidth
                            Layout.alignment: Qt.AlignTop
                            Label {
                                text: ruleRow.name
                                color: Theme.text
                                elide: Text.ElideRight
                                Layout.fillWidth: true
                            }
                            Label {
                                text: view.ruleUnits[ruleRow.rule] ?? ""
                                color: Theme.mutedText
                                font.pointSize: Theme.smallSize
                                elide: Text.ElideRight
                                Layout.fillWidth: true
                            }
                        }
                        Repeater {
                            model: view.fieldNames
                            delegate: SettingField {
                                id: ruleField
                                required property var modelData
                                compact: true
                                showsStatus: false
                                key: "thresholds/" + ruleRow.rule + "/" + modelData.field
                                label: ruleRow.name + " " + modelData.spoken
                                fieldWidth: view.fieldWidth
                                Layout.alignment: Qt.AlignTop
                                Component.onCompleted: ruleRow.fields = ruleRow.fields.concat([ruleField])
                            }
                        }
                        // Its room is kept while hidden, so the table does not move.
                        Item {
                            implicitWidth: savedLabel.implicitWidth
                            implicitHeight: savedLabel.implicitHeight
                            Layout.alignment: Qt.AlignTop
                            Layout.fillWidth: true
                            Label {
                                id: savedLabel
                                objectName: "rule_" + ruleRow.rule + "_saved"
                                visible: ruleRow.saved && ruleRow.message.length === 0
                                text: qsTr("✓ Saved")
                                color: Theme.ok
                                topPadding: Theme.spacing / 2
                            }
                        }
                    }
                    Label {
                        objectName: "rule_" + ruleRow.rule + "_message"
                        visible: ruleRow.message.length > 0
                        text: ruleRow.message
                        color: Theme.critical
                        wrapMode: Text.Wrap
                        font.pointSize: Theme.smallSize
                        // Wraps in the row's width instead of widening the table.
                        Layout.preferredWidth: 0
                        Layout.fillWidth: true
                        Layout.leftMargin: view.ruleColumnWidth + view.columnSpacing
                    }
                }
            }
        }

        ColumnLayout {
            id: sideColumn
            spacing: Theme.padding
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop

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
                objectName: "serverCard"
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
                        fieldWidth: Theme.line * 15
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
                    fieldWidth: Theme.line * 22
                }
                SettingField {
                    key: "server/publicNames"
                    label: qsTr("Public names")
                    fieldWidth: Theme.line * 22
                }
            }

            Card {
                objectName: "samplingCard"
                title: qsTr("Sampling")
                Layout.fillWidth: true
                SettingField { key: "general/interval"; label: qsTr("Interval"); unit: qsTr("s") }
                SettingField { key: "general/historySeconds"; label: qsTr("History kept"); unit: qsTr("s") }
            }

            Card {
                objectName: "historyCard"
                title: qsTr("History on disk")
                Layout.fillWidth: true
                SettingField { key: "history/enabled"; label: qsTr("Keep on disk"); unit: qsTr("true or false") }
                SettingField { key: "history/rawHours"; label: qsTr("Every tick, kept"); unit: qsTr("h") }
                SettingField { key: "history/minuteDays"; label: qsTr("Per minute, kept"); unit: qsTr("days") }
                SettingField { key: "history/hourDays"; label: qsTr("Per hour, kept"); unit: qsTr("days") }
                SettingField { key: "history/flushSeconds"; label: qsTr("Written every"); unit: qsTr("s") }
                SettingField {
                    key: "history/dataDir"
                    label: qsTr("Folder")
                    fieldWidth: Theme.line * 22
                }
            }
            ThemeCard { Layout.fillWidth: true }
        }

        UnitRulesCard {
            ruleNames: view.ruleNames
            ruleUnits: view.ruleUnits
            fieldNames: view.fieldNames
            Layout.columnSpan: cards.columns
            Layout.fillWidth: true
        }

        NotifyChannelsCard {
            Layout.columnSpan: cards.columns
            Layout.fillWidth: true
        }

        FleetHostsCard {
            Layout.columnSpan: cards.columns
            Layout.fillWidth: true
        }
    }

    Label {
        text: qsTr("Changes are saved at once to %1").arg(view.settings.filePath)
        color: Theme.mutedText
        font.pointSize: Theme.smallSize
        elide: Text.ElideMiddle
        Layout.fillWidth: true
    }
}
