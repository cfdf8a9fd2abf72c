import QtQuick

// A horizontal bar of how full something is, coloured by its alert levels.
Rectangle {
    id: bar

    // Percent 0-100.
    property real percent: 0
    property real warning: NaN
    property real critical: NaN

    implicitHeight: Theme.line * 0.6
    radius: height / 2
    color: Theme.track

    Rectangle {
        width: parent.width * Math.max(0, Math.min(100, isNaN(bar.percent) ? 0 : bar.percent)) / 100
        height: parent.height
        radius: parent.radius
        color: Theme.levelColor(bar.percent, isNaN(bar.warning) ? Infinity : bar.warning,
                                isNaN(bar.critical) ? Infinity : bar.critical)
    }
}
