import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Desktop

// "Top processes at 03:12": what the store kept of the minute under the pointer, by CPU and by
// memory (HistoryFeed.processes: {minute, cpu: [{pid, name, cpu, rss}…], rss: […]}). Shown
// beside the pointer while it rests on a minute the store has; nothing while none is kept.
Rectangle {
    id: tip

    // The answer for the minute last asked, and the time under the pointer (NaN: none).
    property var processes: ({})
    property real hoverTime: NaN
    // The pointer's x in the parent, to stand beside it.
    property real pointerX: 0

    readonly property bool matches: !isNaN(hoverTime) && processes.minute !== undefined
                                    && Math.floor(hoverTime / 60000) * 60000 === processes.minute

    function clock(ms) {
        return Qt.formatTime(new Date(ms), "hh:mm")
    }

    visible: matches && ((processes.cpu ?? []).length > 0 || (processes.rss ?? []).length > 0)
    z: 10
    // Right of the pointer, or left of it where the right has no room.
    x: pointerX + Theme.spacing + width <= parent.width ? pointerX + Theme.spacing
                                                        : Math.max(0, pointerX - Theme.spacing - width)
    y: Theme.spacing
    width: content.implicitWidth + 2 * Theme.padding
    height: content.implicitHeight + 2 * Theme.padding
    color: Theme.card
    border.color: Theme.border
    radius: Theme.radius

    Column {
        id: content
        x: Theme.padding
        y: Theme.padding
        spacing: 2

        Label {
            objectName: "topProcessesTitle"
            text: tip.matches ? qsTr("Top processes at %1").arg(tip.clock(tip.processes.minute)) : ""
            font.bold: true
            color: Theme.text
            font.pointSize: Theme.smallSize
        }
        ProcessTopColumns {
            processes: tip.matches ? tip.processes : ({})
        }
    }
}
