import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Desktop

// What was running at one moment, side by side: the top processes by CPU and by memory, as an
// alert event and a stored minute keep them ({cpu: [{pid, name, cpu, rss}…], rss: […]}).
GridLayout {
    id: topColumns

    // {cpu: […], rss: […]}; an empty object shows nothing.
    property var processes: ({})
    readonly property var byCpu: processes && processes.cpu ? processes.cpu : []
    readonly property var byMemory: processes && processes.rss ? processes.rss : []

    columns: 2
    columnSpacing: Theme.padding * 2
    rowSpacing: 2

    Label {
        text: qsTr("By CPU")
        color: Theme.mutedText
        font.pointSize: Theme.smallSize
    }
    Label {
        text: qsTr("By memory")
        color: Theme.mutedText
        font.pointSize: Theme.smallSize
    }
    Column {
        Layout.alignment: Qt.AlignTop
        Repeater {
            model: topColumns.byCpu
            delegate: Label {
                required property var modelData
                required property int index
                objectName: "byCpu" + index
                text: qsTr("%1 (%2)  %3").arg(modelData.name).arg(modelData.pid)
                                         .arg(Format.percent(modelData.cpu))
                color: Theme.text
                font.pointSize: Theme.smallSize
            }
        }
    }
    Column {
        Layout.alignment: Qt.AlignTop
        Repeater {
            model: topColumns.byMemory
            delegate: Label {
                required property var modelData
                required property int index
                objectName: "byMemory" + index
                text: qsTr("%1 (%2)  %3").arg(modelData.name).arg(modelData.pid)
                                         .arg(Format.bytes(modelData.rss))
                color: Theme.text
                font.pointSize: Theme.smallSize
            }
        }
    }
}
