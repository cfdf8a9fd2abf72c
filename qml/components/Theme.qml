pragma Singleton
import QtQuick
import Vantage.Desktop

// Colours and sizes of the desktop window. Qt 6.4 has no colour-scheme API, so the theme is
// read from the palette the platform theme (or QT_QUICK_CONTROLS_* settings) gives the
// application: a window colour darker than mid-grey means a dark theme. The window and its text
// keep the platform's colours, which the controls draw with too; every other colour comes from
// the colour and format table (style.json) that the web dashboard reads, so the same series or
// state has the same colour in both. Sizes derive from the font, never from fixed pixels, so
// they scale at 2x.
QtObject {
    id: theme

    readonly property SystemPalette palette: SystemPalette {
        colorGroup: SystemPalette.Active
    }
    readonly property FontMetrics fontMetrics: FontMetrics {}

    // True when the system palette is dark.
    readonly property bool dark: palette.window.hslLightness < 0.5
    // The table's scheme for this theme: ui, series (by series name), devices and heat colours.
    readonly property var scheme: dark ? StyleTable.dark : StyleTable.light

    readonly property color window: palette.window
    readonly property color text: palette.windowText
    readonly property color mutedText: Qt.rgba(text.r, text.g, text.b, 0.72)
    readonly property color card: dark ? Qt.lighter(window, 1.35) : Qt.lighter(window, 1.04)
    readonly property color border: Qt.rgba(text.r, text.g, text.b, 0.16)
    readonly property color grid: scheme.ui.grid
    readonly property color track: Qt.rgba(text.r, text.g, text.b, 0.12)
    readonly property color accent: scheme.ui.accent
    readonly property color selection: Qt.rgba(accent.r, accent.g, accent.b, 0.25)

    readonly property color ok: scheme.ui.ok
    readonly property color warning: scheme.ui.warning
    readonly property color critical: scheme.ui.critical

    // Line colours of charts that tell devices (sensors, interfaces) apart, in order.
    readonly property var series: scheme.devices
    // Heat colours: an idle core and a busy one.
    readonly property color heatLow: scheme.heat.low
    readonly property color heatHigh: scheme.heat.high

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

    // The colour of each series of one chart, as the web dashboard colours it (theme.js,
    // seriesColours): a series takes its kind's colour ("net[eth0].rxBps" that of
    // "net[].rxBps"), unless the chart holds several series of that kind (one per sensor): then
    // each takes a device colour by its position.
    function seriesColors(names) {
        const kinds = names.map(name => name.replace(/\[[^\]]*\]/, "[]"))
        return kinds.map((kind, index) => {
            const several = kinds.indexOf(kind) !== kinds.lastIndexOf(kind)
            return (!several && scheme.series[kind]) || series[index % series.length]
        })
    }

    // A colour at the given opacity: backgrounds tinted by a state colour.
    function tint(base, opacity) {
        return Qt.rgba(base.r, base.g, base.b, opacity)
    }
}
