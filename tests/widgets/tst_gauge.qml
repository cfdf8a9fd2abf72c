import QtQuick
import QtTest
import Vantage.Widgets

// Gauge: properties, and the colours of its arc at known angles, checked on white.
Rectangle {
    id: background
    width: 320
    height: 200
    color: "white"

    Component {
        id: gaugeComponent
        Gauge {}
    }

    Component {
        id: imageComponent
        Image {
            cache: false
        }
    }

    SignalSpy {
        id: spy
    }

    TestCase {
        name: "Gauge"
        when: windowShown

        // A 100 x 100 gauge: centre (50, 50), outer radius 50, inner 40 (thickness 10), so the
        // middle of the arc is at radius 45. With the angle t measured clockwise from twelve
        // o'clock, t = -120 + 240 * fraction degrees, a point is (50 + r sin t, 50 - r cos t).
        // The sample pixels below (pixel x, y covers x..x+1, y..y+1; the centre is used):
        //   fraction 0.02 (t = -115.2): (50 - 45 * 0.905, 50 + 45 * 0.426) = (9.3, 69.2) -> 9, 69
        //   fraction 0.25 (t = -60):    (50 - 45 * 0.866, 50 - 45 * 0.5) = (11.0, 27.5) -> 11, 27
        //   fraction 0.75 (t = 60):     (89.0, 27.5) -> 88, 27
        //   fraction 0.98 (t = 115.2):  (90.7, 69.2) -> 90, 69
        // Each pixel centre lies 44.6 to 45 px from (50, 50), inside the 40..50 ring.
        readonly property var arcPixels: [[9, 69], [11, 27], [88, 27], [90, 69]]
        readonly property color valueColor: "#00ff00"
        readonly property color warningColor: "#ff8000"
        readonly property color criticalColor: "#ff0000"
        readonly property color trackColor: "#0000ff"

        function createGauge(properties) {
            const defaults = { width: 100, height: 100, thickness: 10, color: valueColor,
                               warningColor: warningColor, criticalColor: criticalColor,
                               trackColor: trackColor };
            const item = createTemporaryObject(gaugeComponent, background,
                                               Object.assign(defaults, properties));
            verify(item);
            return item;
        }

        function compareColor(image, x, y, expected, message) {
            const actual = Qt.rgba(image.red(x, y) / 255, image.green(x, y) / 255,
                                   image.blue(x, y) / 255, 1);
            verify(Qt.colorEqual(actual, expected),
                   message + ": pixel " + x + "," + y + " is " + actual + ", expected " + expected);
        }

        function test_defaults() {
            const item = createTemporaryObject(gaugeComponent, background);
            compare(item.value, 0);
            compare(item.minimum, 0);
            compare(item.maximum, 100);
            verify(isNaN(item.warning));
            verify(isNaN(item.critical));
            compare(item.thickness, 10);
            compare(item.color, Qt.color("#3daee9"));
            compare(item.warningColor, Qt.color("#f67400"));
            compare(item.criticalColor, Qt.color("#da4453"));
            compare(item.trackColor, Qt.rgba(0x80 / 255, 0x80 / 255, 0x80 / 255, 0x40 / 255));
            compare(item.implicitWidth, 120);
            compare(item.implicitHeight, 120);
        }

        function test_change_data() {
            return [
                { tag: "value", property: "value", value: 42 },
                { tag: "minimum", property: "minimum", value: -10 },
                { tag: "maximum", property: "maximum", value: 200 },
                { tag: "warning", property: "warning", value: 70 },
                { tag: "critical", property: "critical", value: 90 },
                { tag: "color", property: "color", value: Qt.color("#112233") },
                { tag: "warningColor", property: "warningColor", value: Qt.color("#445566") },
                { tag: "criticalColor", property: "criticalColor", value: Qt.color("#778899") },
                { tag: "trackColor", property: "trackColor", value: Qt.color("#aabbcc") },
                { tag: "thickness", property: "thickness", value: 4 },
            ];
        }

        function test_change(data) {
            const item = createGauge({});
            spy.clear();
            spy.target = item;
            spy.signalName = data.property + "Changed";
            item[data.property] = data.value;
            compare(item[data.property], data.value);
            compare(spy.count, 1);
            item[data.property] = data.value;
            compare(spy.count, 1);
        }

        // NaN levels equal each other: setting NaN again is no change.
        function test_nanLevelIsNoChange() {
            const item = createGauge({ warning: 50 });
            spy.clear();
            spy.target = item;
            spy.signalName = "warningChanged";
            item.warning = NaN;
            item.warning = NaN;
            compare(spy.count, 1);
        }

        function test_arc_data() {
            // Which of the four sample angles (fractions 0.02, 0.25, 0.75, 0.98) the value arc
            // covers: value / 100 of the way along.
            return [
                { tag: "0", value: 0, covered: [false, false, false, false] },
                { tag: "50", value: 50, covered: [true, true, false, false] },
                { tag: "100", value: 100, covered: [true, true, true, true] },
                { tag: "below minimum", value: -20, covered: [false, false, false, false] },
                { tag: "above maximum", value: 150, covered: [true, true, true, true] },
                { tag: "NaN", value: NaN, covered: [false, false, false, false] },
            ];
        }

        function test_arc(data) {
            const item = createGauge({ value: data.value });
            const image = grabImage(item);
            for (let i = 0; i < arcPixels.length; ++i) {
                const [x, y] = arcPixels[i];
                compareColor(image, x, y, data.covered[i] ? valueColor : trackColor, "sample " + i);
            }
            // The centre and the open bottom of the ring stay background.
            compareColor(image, 50, 50, "white", "centre");
            compareColor(image, 50, 95, "white", "open bottom");
            // Just left of twelve o'clock (pixel centre 49.5, 2.5: 0.6 degrees left): covered from
            // value 50 on.
            compareColor(image, 49, 2, data.value >= 50 ? valueColor : trackColor, "top");
        }

        // On a 50..150 scale, 100 is half way: the same picture as 50 on 0..100.
        function test_arcOnOtherRange() {
            const item = createGauge({ minimum: 50, maximum: 150, value: 100 });
            const image = grabImage(item);
            compareColor(image, 11, 27, valueColor, "a quarter");
            compareColor(image, 88, 27, trackColor, "three quarters");
        }

        function test_levelColor_data() {
            return [
                { tag: "below warning", value: 40, expected: valueColor },
                { tag: "at warning", value: 50, expected: warningColor },
                { tag: "between", value: 60, expected: warningColor },
                { tag: "at critical", value: 80, expected: criticalColor },
                { tag: "above critical", value: 95, expected: criticalColor },
            ];
        }

        // Warning 50, critical 80: the whole value arc takes the colour of the level reached,
        // seen at the quarter sample (11, 27) which every value here covers.
        function test_levelColor(data) {
            const item = createGauge({ value: data.value, warning: 50, critical: 80 });
            compareColor(grabImage(item), 11, 27, data.expected, data.tag);
        }

        function test_levelNotShown_data() {
            return [
                { tag: "NaN", warning: NaN, critical: NaN },
                { tag: "at minimum", warning: 0, critical: -5 },
            ];
        }

        // A level that is NaN or not above minimum neither colours the arc nor gets a tick.
        function test_levelNotShown(data) {
            const item = createGauge({ value: 60, warning: data.warning, critical: data.critical });
            const image = grabImage(item);
            compareColor(image, 11, 27, valueColor, "arc");
            compareColor(image, 17, 68, "white", "no tick at the start");
        }

        // Ticks sit just inside the track, 6 px long (0.6 * thickness, radii 34..40), 2 px wide.
        // At radius 37: warning 50 (t = 0) is at (50, 13) -> pixel 49, 12 (centre 0.5 px off
        // the tick's axis); critical 75 (t = 60) at (50 + 37 * 0.866, 50 - 37 * 0.5) =
        // (82.0, 31.5) -> pixel 82, 31; the start (t = -120) at (18.0, 68.5) -> pixel 17, 68.
        function test_ticks() {
            const item = createGauge({ value: 10, warning: 50, critical: 75 });
            let image = grabImage(item);
            compareColor(image, 49, 12, warningColor, "warning tick");
            compareColor(image, 82, 31, criticalColor, "critical tick");
            compareColor(image, 50, 25, "white", "inside the ticks");
            item.warning = NaN;
            image = grabImage(item);
            compareColor(image, 49, 12, "white", "warning tick removed");
            compareColor(image, 82, 31, criticalColor, "critical tick kept");
        }

        function test_tickOffScaleNotShown() {
            const item = createGauge({ value: 10, maximum: 100, warning: 150 });
            const image = grabImage(item);
            compareColor(image, 82, 31, "white", "no tick");
            compareColor(image, 17, 68, "white", "no tick at the start either");
        }

        // In a wide item the ring is centred with the radius of the shorter side: 200 x 100
        // puts the centre at (100, 50), so the quarter sample moves 50 px right.
        function test_centredInWideItem() {
            const item = createGauge({ width: 200, value: 50 });
            const image = grabImage(item);
            compareColor(image, 61, 27, valueColor, "quarter");
            compareColor(image, 11, 27, "white", "left of the ring");
        }

        // Thickness 20: inner radius 30, so radius 33 (pixel 50, 17) is now on the track.
        function test_thickness() {
            const item = createGauge({ value: 0 });
            compareColor(grabImage(item), 50, 17, "white", "thin");
            item.thickness = 20;
            compareColor(grabImage(item), 50, 17, trackColor, "thick");
        }

        // Saves the rendering in the build folder for people to look at, then shows the file in
        // the item's place with the item hidden: the file must hold exactly that rendering.
        function saveAndReload(item, rendered, name) {
            const path = renderFolder + "/" + name;
            rendered.save(path); // throws, failing the test, when the file cannot be written
            const loaded = createTemporaryObject(imageComponent, background,
                                                 { x: item.x, y: item.y, source: "file://" + path });
            tryCompare(loaded, "status", Image.Ready);
            compare(loaded.sourceSize.width, item.width);
            compare(loaded.sourceSize.height, item.height);
            item.visible = false;
            verify(grabImage(loaded).equals(rendered), name + " does not hold the rendering");
        }

        function compareNear(image, x, y, expected, message) {
            fuzzyCompare(image.red(x, y), Math.round(expected.r * 255), 1, message + " red");
            fuzzyCompare(image.green(x, y), Math.round(expected.g * 255), 1, message + " green");
            fuzzyCompare(image.blue(x, y), Math.round(expected.b * 255), 1, message + " blue");
        }

        // In the default colours: 160 x 160, thickness 14, so the centre is (80, 80), the ring
        // runs from radius 66 to 80 and its middle is radius 73. Value 83 is at or above the
        // warning 75 and below the critical 90: the value arc is warning orange (#f67400) up to
        // t = -120 + 240 * 0.83 = 79.2 degrees, and the grey track (#80808040 over white:
        // 32 + 255 * (255 - 64) / 255 = 223) goes on to t = 120. Pixels at radius 73 (centre of
        // pixel x, y is x + 0.5, y + 0.5):
        //   t = -60:  (80 - 73 * 0.866, 80 - 73 * 0.5) = (16.8, 43.5) -> 16, 43: arc
        //   t = 72:   (80 + 73 * 0.951, 80 - 73 * 0.309) = (149.4, 57.4) -> 149, 57: arc
        //   t = 86.4: (80 + 73 * 0.998, 80 - 73 * 0.063) = (152.9, 75.4) -> 152, 75: track
        //   t = 108:  (80 + 73 * 0.951, 80 + 73 * 0.309) = (149.4, 102.6) -> 149, 102: track
        // Ticks are 0.6 * 14 = 8.4 long inside the ring (radii 57.6..66) and 2.8 wide; at radius
        // 62: warning 75 (t = 60) at (80 + 62 * 0.866, 80 - 62 * 0.5) = (133.7, 49) -> 133, 48,
        // critical 90 (t = 96) at (80 + 62 * 0.995, 80 + 62 * 0.105) = (141.7, 86.5) -> 141, 86.
        function test_saveRendering() {
            const item = createTemporaryObject(gaugeComponent, background, {
                width: 160, height: 160, value: 83, warning: 75, critical: 90, thickness: 14 });
            const image = grabImage(item);
            const warningOrange = Qt.color("#f67400");
            const track = Qt.rgba(223 / 255, 223 / 255, 223 / 255, 1);
            compareNear(image, 16, 43, warningOrange, "arc at -60 degrees");
            compareNear(image, 149, 57, warningOrange, "arc at 72 degrees");
            compareNear(image, 152, 75, track, "track at 86.4 degrees");
            compareNear(image, 149, 102, track, "track at 108 degrees");
            compareNear(image, 133, 48, warningOrange, "warning tick");
            compareNear(image, 141, 86, Qt.color("#da4453"), "critical tick");
            compareNear(image, 79, 79, Qt.color("white"), "centre");
            saveAndReload(item, image, "gauge.png");
        }
    }
}
