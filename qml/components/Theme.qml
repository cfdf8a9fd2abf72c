pragma Singleton
import QtQuick

// Colours and sizes of the desktop window. Qt 6.4 has no colour-scheme API, so the theme is
// read from the palette the platform theme (or QT_QUICK_CONTROLS_* settings) gives the
// application: a window colour darker than mid-grey means a dark theme, and every colour below
// follows from that. Sizes derive from the font, never from fixed pixels, so they scale at 2x.
QtObject {
    id: theme

    readonly property SystemPalette palette: SystemPalette {
        colorGroup: SystemPalette.Active
    }
    readonly property FontMetrics fontMetrics: FontMetrics {}

    // True when the system palette is dark.
    readonly property bool dark: palette.window.hslLightness < 0.5

    readonly property color window: palette.window
    readonly property color text: palette.windowText
    readonly property color mutedText: Qt.rgba(text.r, text.g, text.b, 0.72)
    readonly property color card: dark ? Qt.lighter(window, 1.35) : Qt.lighter(window, 1.04)
    readonly property color border: Qt.rgba(text.r, text.g, text.b, 0.16)
    readonly property color grid: Qt.rgba(text.r, text.g, text.b, 0.12)
    readonly property color track: Qt.rgba(text.r, text.g, text.b, 0.12)
    readonly property color accent: dark ? "#5aa9ff" : "#1f6fd1"
    readonly property color selection: Qt.rgba(accent.r, accent.g, accent.b, 0.25)

    readonly property color ok: dark ? "#5cc26b" : "#2e8540"
    readonly property color warning: dark ? "#f2b53c" : "#b86e00"
    readonly property color critical: dark ? "#ff6b6b" : "#c62828"

    // Line colours of charts, told apart in both themes.
    readonly property var series: dark ? ["#5aa9ff", "#f2b53c", "#5cc26b", "#d58cff", "#ff8a65"]
                                       : ["#1f6fd1", "#c77800", "#2e8540", "#8e44ad", "#d84315"]
    // Heat colours: an idle core and a busy one.
    readonly property color heatLow: dark ? "#23415e" : "#d6e6f7"
    readonly property color heatHigh: critical

    // One line of text: the unit every size below is made of.
    readonly property real line: fontMetrics.height
    readonly property real spacing: Math.round(line * 0.5)
    readonly property real padding: Math.round(line * 0.75)
    readonly property real radius: Math.round(line * 0.3)
    readonly property real baseSize: fontMetrics.font.pointSize > 0 ? fontMetrics.font.pointSize : 10
    readonly property real smallSize: baseSize * 0.85
    readonly property real titleSize: baseSize * 1.25
    readonly property real bigSize: baseSize * 1.9

    // The colour of a level: critical, warning or ok.
    function levelColor(value, warningLevel, criticalLevel) {
        if (value >= criticalLevel)
            return critical
        if (value >= warningLevel)
            return warning
        return ok
    }

    // The colour of an alert severity by name: "critical", "warning" (anything else is ok).
    function severityColor(severity) {
        if (severity === "critical")
            return critical
        if (severity === "warning")
            return warning
        return ok
    }

    // A colour at the given opacity: backgrounds tinted by a state colour.
    function tint(base, opacity) {
        return Qt.rgba(base.r, base.g, base.b, opacity)
    }
}
