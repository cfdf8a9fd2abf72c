import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Vantage.Widgets

// A round gauge with the value in its middle and a caption below, coloured by the alert levels.
ColumnLayout {
    id: tile

    property string caption
    property real value: 0
    property real maximum: 100
    property real warning: NaN
    property real critical: NaN
    // The text in the middle, e.g. "42.0%".
    property string text
    // A second line under the caption, e.g. "7.8 GiB of 15.6 GiB".
    property string detail

    spacing: Theme.spacing / 2

    Gauge {
        Layout.alignment: Qt.AlignHCenter
        Layout.preferredWidth: Theme.line * 6
        Layout.preferredHeight: Theme.line * 6
        value: tile.value
        minimum: 0
        maximum: tile.maximum
        warning: tile.warning
        critical: tile.critical
        color: Theme.ok
        warningColor: Theme.warning
        criticalColor: Theme.critical
        trackColor: Theme.track
        thickness: Theme.line * 0.6

        Label {
            objectName: tile.objectName.length > 0 ? tile.objectName + "Value" : ""
            anchors.centerIn: parent
            text: tile.text
            color: Theme.text
            font.pointSize: Theme.titleSize
            font.bold: true
        }
    }
    Label {
        Layout.alignment: Qt.AlignHCenter
        text: tile.caption
        color: Theme.text
        font.bold: true
    }
    // The layout sees this box, never the text: as wide as the widest detail shown so far, so
    // "7.8 GiB of 15.6 GiB" turning into "7.81 GiB …" does not re-lay out the page every tick.
    Item {
        property real widest: 0
        Layout.alignment: Qt.AlignHCenter
        Layout.maximumWidth: Theme.line * 10
        implicitWidth: widest
        implicitHeight: detailLabel.implicitHeight
        visible: tile.detail.length > 0

        Label {
            id: detailLabel
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: tile.detail
            color: Theme.mutedText
            font.pointSize: Theme.smallSize
            elide: Text.ElideRight
            onImplicitWidthChanged: parent.widest = Math.max(parent.widest, implicitWidth)
            Component.onCompleted: parent.widest = implicitWidth
        }
    }
}
