import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Desktop

// The desktop window: a list of views on the left, the current view on the right. Only the
// current view exists (a Loader), so hidden views cost nothing per tick. Ctrl+1 ... Ctrl+9 and
// Ctrl+0 pick a view, Ctrl+Tab and Ctrl+Shift+Tab step through them.
ApplicationWindow {
    id: window
    objectName: "mainWindow"

    // Index of the view shown; the application restores and saves it.
    property int currentView: 0
    // Seconds of history every chart shows; the application restores and saves it.
    property int windowSeconds: 300
    // The colour theme choice (theme: "system", "light" or "dark") for the Settings view's
    // Appearance card; the application hands it over, and without it the window keeps the
    // platform's palette and the card is not shown.
    property QtObject themeChoice: null
    readonly property alias currentItem: loader.item
    readonly property int viewCount: views.length

    readonly property var views: [
        { name: qsTr("Overview"), view: overview },
        { name: qsTr("CPU"), view: cpu },
        { name: qsTr("Memory"), view: memory },
        { name: qsTr("Disks"), view: disks },
        { name: qsTr("Network"), view: network },
        { name: qsTr("Sensors"), view: sensors },
        { name: qsTr("Processes"), view: processes },
        { name: qsTr("Clients"), view: clients },
        { name: qsTr("Settings"), view: settings },
        // On Ctrl+0: the views before it keep the keys they had.
        { name: qsTr("Alerts"), view: alerts },
        // Past the ten number keys: Ctrl+Tab and the list reach it, and no view's key moves.
        { name: qsTr("Services"), view: services },
        // Listed only on a machine with a GPU Vantage can read (stepping skips it elsewhere).
        { name: qsTr("GPU"), view: gpu },
        // Listed only on a hub, a Vantage with a fleet list (stepping skips it elsewhere).
        { name: qsTr("Fleet"), view: fleet }
    ]
    readonly property bool hasGpu: Backend.gpus.count > 0
    readonly property bool isHub: Backend.fleet.hub

    // Whether the list offers the view with this index.
    function offered(index) {
        const view = views[index].view
        return (view !== gpu || hasGpu) && (view !== fleet || isHub)
    }

    // Ctrl+Tab and Ctrl+Shift+Tab: the next or previous view the list offers.
    function stepView(delta) {
        let next = currentView
        do {
            next = (next + delta + views.length) % views.length
        } while (!offered(next))
        currentView = next
    }

    function showView(index) {
        currentView = (index + views.length) % views.length
    }

    function showAlerts() {
        showView(views.findIndex(entry => entry.view === alerts))
    }

    title: qsTr("Vantage")
    width: Math.round(Theme.line * 76)
    height: Math.round(Theme.line * 47)
    minimumWidth: Math.round(Theme.line * 40)
    minimumHeight: Math.round(Theme.line * 25)
    color: Theme.window
    // The controls take the application's palette too, so that they follow a palette the
    // platform theme sets while the window runs (see docs/desktop.md, Theme).
    palette.window: Theme.palette.window
    palette.windowText: Theme.palette.windowText
    palette.base: Theme.palette.base
    palette.alternateBase: Theme.palette.alternateBase
    palette.text: Theme.palette.text
    palette.button: Theme.palette.button
    palette.buttonText: Theme.palette.buttonText
    palette.highlight: Theme.palette.highlight
    palette.highlightedText: Theme.palette.highlightedText
    palette.placeholderText: Theme.palette.placeholderText
    palette.light: Theme.palette.light
    palette.midlight: Theme.palette.midlight
    palette.mid: Theme.palette.mid
    palette.dark: Theme.palette.dark
    palette.shadow: Theme.palette.shadow

    ViewShortcuts {
        id: shortcuts
        count: window.views.length
        onPicked: index => window.showView(index)
        onStepped: delta => window.stepView(delta)
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        Rectangle {
            Layout.fillHeight: true
            Layout.preferredWidth: Math.round(Theme.line * 11)
            color: Theme.card
            border.color: Theme.border

            ColumnLayout {
                anchors.fill: parent
                anchors.margins: Theme.spacing
                spacing: Theme.spacing

                Label {
                    text: qsTr("Vantage")
                    font.pointSize: Theme.titleSize
                    font.bold: true
                    color: Theme.accent
                    Layout.margins: Theme.spacing
                }
                Label {
                    text: Backend.live.hostname
                    color: Theme.mutedText
                    font.pointSize: Theme.smallSize
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                    Layout.leftMargin: Theme.spacing
                }

                ListView {
                    id: navigation
                    objectName: "navigation"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.topMargin: Theme.spacing
                    model: window.views
                    currentIndex: window.currentView
                    activeFocusOnTab: true
                    focus: true
                    keyNavigationWraps: true
                    clip: true
                    onCurrentIndexChanged: window.currentView = currentIndex
                    Keys.onReturnPressed: loader.forceActiveFocus()
                    // The arrows step as Ctrl+Tab does, over a view the list does not offer.
                    Keys.onUpPressed: window.stepView(-1)
                    Keys.onDownPressed: window.stepView(1)
                    delegate: ItemDelegate {
                        required property int index
                        required property var modelData
                        objectName: "nav" + index
                        width: ListView.view.width
                        visible: window.offered(index)
                        height: visible ? implicitHeight : 0
                        highlighted: ListView.isCurrentItem
                        text: modelData.name
                        onClicked: window.showView(index)
                        // A view past the number keys has no shortcut to name.
                        Accessible.name: shortcuts.sequenceOf(index)
                                         ? qsTr("%1 view (%2)").arg(modelData.name)
                                                               .arg(shortcuts.sequenceOf(index))
                                         : qsTr("%1 view").arg(modelData.name)

                        // The number of alerts firing, in the colour of the worst.
                        Rectangle {
                            objectName: "alertsBadge"
                            visible: modelData.view === alerts && Backend.alerts.count > 0
                            anchors.right: keys.left
                            anchors.rightMargin: Theme.spacing
                            anchors.verticalCenter: parent.verticalCenter
                            width: Math.max(height, badgeText.implicitWidth + Theme.spacing)
                            height: badgeText.implicitHeight
                            radius: height / 2
                            color: Backend.alerts.worst === 2 ? Theme.critical : Theme.warning
                            Label {
                                id: badgeText
                                anchors.centerIn: parent
                                text: Backend.alerts.count
                                // Dark text on the light state colours of a dark theme.
                                color: Theme.dark ? Theme.window : "white"
                                font.pointSize: Theme.smallSize
                                font.bold: true
                            }
                        }
                        Label {
                            id: keys
                            anchors.right: parent.right
                            anchors.rightMargin: Theme.spacing
                            anchors.verticalCenter: parent.verticalCenter
                            text: shortcuts.sequenceOf(index)
                            color: Theme.mutedText
                            font.pointSize: Theme.smallSize
                        }
                    }
                }

                Label {
                    objectName: "statusLine"
                    Layout.fillWidth: true
                    Layout.margins: Theme.spacing
                    text: Backend.settings.listenUrl.length > 0
                          ? (Backend.clients.count === 1 ? qsTr("1 browser connected")
                             : qsTr("%1 browsers connected").arg(Backend.clients.count))
                          : qsTr("Web server stopped")
                    color: Theme.mutedText
                    font.pointSize: Theme.smallSize
                    wrapMode: Text.Wrap
                }
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 0

            // Web access is off while the server cannot listen (its port taken by another
            // program, say): the window says so above every view until a new address or port
            // in Settings lets it start.
            Rectangle {
                id: webNotice
                objectName: "webAccessNotice"
                readonly property string text: qsTr("Web access off: %1 — change it in Settings")
                                               .arg(Backend.settings.serverError)
                visible: Backend.settings.listenUrl.length === 0
                         && Backend.settings.serverError.length > 0
                Layout.fillWidth: true
                Layout.preferredHeight: noticeRow.implicitHeight + 2 * Theme.spacing
                color: Qt.tint(Theme.card, Qt.rgba(Theme.warning.r, Theme.warning.g, Theme.warning.b, 0.25))
                border.color: Theme.warning

                RowLayout {
                    id: noticeRow
                    anchors.fill: parent
                    anchors.margins: Theme.spacing
                    spacing: Theme.spacing

                    Label {
                        objectName: "webAccessNoticeText"
                        Layout.fillWidth: true
                        text: webNotice.text
                        wrapMode: Text.Wrap
                    }
                    Button {
                        objectName: "webAccessNoticeSettings"
                        text: qsTr("Settings")
                        visible: window.views[window.currentView].view !== settings
                        onClicked: window.showView(window.views.findIndex(entry => entry.view === settings))
                    }
                }
            }

            // Another host shown in the views (opened from the Fleet view): named above every view,
            // with its connection's state (its numbers are stale while it is down), and the way
            // back. The clients, settings and fleet stay this machine's.
            Rectangle {
                id: sourceBanner
                objectName: "sourceBanner"
                readonly property bool down: Backend.sourceState === "down"
                visible: Backend.remote
                Layout.fillWidth: true
                Layout.preferredHeight: sourceRow.implicitHeight + 2 * Theme.spacing
                color: Qt.tint(Theme.card, Theme.tint(down ? Theme.critical : Theme.accent, 0.18))
                border.color: down ? Theme.critical : Theme.accent

                RowLayout {
                    id: sourceRow
                    anchors.fill: parent
                    anchors.margins: Theme.spacing
                    spacing: Theme.spacing

                    Label {
                        objectName: "sourceBannerText"
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        text: {
                            const name = Backend.hostName
                            if (Backend.sourceState === "down")
                                return qsTr("Showing %1: down (%2), the numbers below are its last")
                                       .arg(name).arg(Backend.sourceReason)
                            if (Backend.sourceState === "connecting")
                                return qsTr("Showing %1: connecting…").arg(name)
                            const views = window.views[window.currentView].view
                            return views === settings || views === clients || views === fleet
                                   ? qsTr("Showing %1 in the other views; this view is this machine's")
                                     .arg(name)
                                   : qsTr("Showing %1").arg(name)
                        }
                    }
                    Button {
                        objectName: "sourceBannerBack"
                        text: qsTr("Back to this machine")
                        onClicked: Backend.openLocal()
                    }
                }
            }

            Loader {
                id: loader
                objectName: "viewLoader"
                Layout.fillWidth: true
                Layout.fillHeight: true
                focus: true
                activeFocusOnTab: true
                sourceComponent: window.views[window.currentView].view
            }
        }
    }

    Component {
        id: overview
        OverviewView {
            windowSeconds: window.windowSeconds
            onWindowPicked: s => window.windowSeconds = s
            onAlertsRequested: window.showAlerts()
        }
    }
    Component { id: cpu; CpuView { windowSeconds: window.windowSeconds; onWindowPicked: s => window.windowSeconds = s } }
    Component { id: memory; MemoryView { windowSeconds: window.windowSeconds; onWindowPicked: s => window.windowSeconds = s } }
    Component { id: disks; DisksView { windowSeconds: window.windowSeconds; onWindowPicked: s => window.windowSeconds = s } }
    Component { id: network; NetworkView { windowSeconds: window.windowSeconds; onWindowPicked: s => window.windowSeconds = s } }
    Component { id: sensors; SensorsView { windowSeconds: window.windowSeconds; onWindowPicked: s => window.windowSeconds = s } }
    Component { id: processes; ProcessesView {} }
    Component { id: clients; ClientsView {} }
    Component { id: settings; SettingsView {} }
    Component { id: alerts; AlertsView {} }
    Component { id: services; ServicesView { windowSeconds: window.windowSeconds; onWindowPicked: s => window.windowSeconds = s } }
    Component { id: gpu; GpuView { windowSeconds: window.windowSeconds; onWindowPicked: s => window.windowSeconds = s } }
    Component {
        id: fleet
        FleetView {
            windowSeconds: window.windowSeconds
            onWindowPicked: s => window.windowSeconds = s
            onHostOpened: window.showView(0)
        }
    }
}
