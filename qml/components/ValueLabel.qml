import QtQuick
import QtQuick.Layouts
import QtQuick.Controls

// A caption above a value, for facts and figures ("Used" / "7.8 GiB"). Give it an objectName
// and the value label is found as <objectName>Value by tests.
ColumnLayout {
    id: item

    property string caption
    property string value
    property bool big: false
    property color valueColor: Theme.text

    spacing: 0

    Label {
        text: item.caption
        color: Theme.mutedText
        font.pointSize: Theme.smallSize
        elide: Text.ElideRight
        Layout.fillWidth: true
    }
    Label {
        objectName: item.objectName.length > 0 ? item.objectName + "Value" : ""
        text: item.value
        color: item.valueColor
        font.pointSize: item.big ? Theme.bigSize : Theme.baseSize
        font.bold: item.big
        elide: Text.ElideRight
        Layout.fillWidth: true
    }
}
