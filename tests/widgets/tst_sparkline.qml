import QtQuick
import QtTest
import Vantage.Widgets

// Sparkline: properties, append(), and what it draws, checked pixel by pixel on white.
Rectangle {
    id: background
    width: 320
    height: 100
    color: "white"

    Component {
        id: sparklineComponent
        Sparkline {}
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

    SignalSpy {
        id: countSpy
    }

    // As views use it: values bound in the declaration.
    Sparkline {
        id: declared
        y: 80
        width: 100
        height: 20
        values: [1, NaN, 3]
    }

    TestCase {
        name: "Sparkline"
        when: windowShown

        // A 100 x 20 red sparkline on a fixed 0..100 scale, unless the caller says otherwise.
        // Qt 6.4's createObject() cannot set a list property from its initial properties ("Could
        // not set initial property values"), so values is assigned once the item exists.
        function createSparkline(properties) {
            const defaults = { width: 100, height: 20, minimum: 0, maximum: 100, color: "#ff0000" };
            const values = properties.values;
            delete properties.values;
            const item = createTemporaryObject(sparklineComponent, background,
                                               Object.assign(defaults, properties));
            verify(item);
            if (values !== undefined)
                item.values = values;
            return item;
        }

        // Pixel classes that hold on every backend: the software one smooths edges, so a pixel
        // the line only partly covers is a mix of red and white.
        function isRed(image, x, y) {
            return image.red(x, y) > 200 && image.green(x, y) < 80 && image.blue(x, y) < 80;
        }

        function isInk(image, x, y) {
            return image.red(x, y) < 248 || image.green(x, y) < 248 || image.blue(x, y) < 248;
        }

        function isWhite(image, x, y) {
            return !isInk(image, x, y);
        }

        function regionHas(image, left, top, width, height, predicate) {
            for (let y = top; y < top + height; ++y) {
                for (let x = left; x < left + width; ++x) {
                    if (predicate(image, x, y))
                        return true;
                }
            }
            return false;
        }

        function redPixelsInColumn(image, x) {
            let count = 0;
            for (let y = 0; y < image.height; ++y)
                count += isRed(image, x, y) ? 1 : 0;
            return count;
        }

        function inkPixelsInColumn(image, x) {
            let count = 0;
            for (let y = 0; y < image.height; ++y)
                count += isInk(image, x, y) ? 1 : 0;
            return count;
        }

        function test_defaults() {
            const item = createTemporaryObject(sparklineComponent, background);
            compare(item.values, []);
            compare(item.count, 0);
            compare(item.minimum, 0);
            compare(item.maximum, 0);
            compare(item.color, Qt.color("#3daee9"));
            compare(item.lineWidth, 1.5);
            compare(item.fillOpacity, 0);
            compare(item.implicitWidth, 120);
            compare(item.implicitHeight, 24);
        }

        function test_declaredBinding() {
            compare(declared.count, 3);
            verify(isNaN(declared.values[1]));
        }

        function test_change_data() {
            return [
                { tag: "values", property: "values", value: [1, 2, 3] },
                { tag: "minimum", property: "minimum", value: -5 },
                { tag: "maximum", property: "maximum", value: 250 },
                { tag: "color", property: "color", value: Qt.color("#123456") },
                { tag: "lineWidth", property: "lineWidth", value: 3 },
                { tag: "fillOpacity", property: "fillOpacity", value: 0.25 },
            ];
        }

        // Each property notifies once per real change and not when set to the same value again.
        function test_change(data) {
            const item = createSparkline({});
            spy.clear();
            spy.target = item;
            spy.signalName = data.property + "Changed";
            item[data.property] = data.value;
            compare(item[data.property], data.value);
            compare(spy.count, 1);
            item[data.property] = data.value;
            compare(spy.count, 1);
        }

        function test_clampedProperties() {
            const item = createSparkline({ fillOpacity: 2, lineWidth: -1 });
            compare(item.fillOpacity, 1);
            compare(item.lineWidth, 0);
            item.fillOpacity = -0.5;
            compare(item.fillOpacity, 0);
        }

        function test_countFollowsValues() {
            const item = createSparkline({});
            spy.clear();
            spy.target = item;
            spy.signalName = "countChanged";
            item.values = [1, 2, 3];
            compare(item.count, 3);
            item.values = [4, 5, 6];
            compare(spy.count, 1);
            item.values = [];
            compare(item.count, 0);
            compare(spy.count, 2);
        }

        // Appending 1..5 with maxCount 3 keeps the newest three; count grows to 3 and then stays
        // (3 countChanged), while every append changes values (5 valuesChanged).
        function test_appendBoundedByMaxCount() {
            const item = createSparkline({});
            countSpy.clear();
            countSpy.target = item;
            countSpy.signalName = "countChanged";
            spy.clear();
            spy.target = item;
            spy.signalName = "valuesChanged";
            for (let value = 1; value <= 5; ++value)
                item.append(value, 3);
            compare(item.values, [3, 4, 5]);
            compare(item.count, 3);
            compare(spy.count, 5);
            compare(countSpy.count, 3);
        }

        function test_appendUnbounded() {
            const item = createSparkline({ values: [1, 2] });
            item.append(3, 0);
            item.append(4, -1);
            compare(item.values, [1, 2, 3, 4]);
        }

        function test_appendShrinksToSmallerMaxCount() {
            const item = createSparkline({ values: [1, 2, 3, 4, 5] });
            item.append(6, 2);
            compare(item.values, [5, 6]);
            compare(item.count, 2);
        }

        function test_nanIsKept() {
            const item = createSparkline({ values: [1, NaN, 3] });
            compare(item.count, 3);
            verify(isNaN(item.values[1]));
            item.append(NaN, 10);
            verify(isNaN(item.values[3]));
        }

        // The line's half width (0.75) stays inside the item: value 0 is drawn at
        // y = 0.75 + (20 - 1.5) = 19.25 and value 100 at y = 0.75, so over x = 0..100 the centre
        // of the line is y(x) = 19.25 - 18.5 * x / 100. Across that slope the line is
        // 1.5 / cos(10.5 degrees) = 1.53 px tall, so every column has a pixel it covers almost
        // fully (strong red). No pixel centre with any ink is more than 2 px from y(x): half the
        // height (0.76) plus a smoothed edge pixel (its centre up to 0.5 + 0.7 further out).
        // So: red at the bottom left and the top right, nothing in the other corners.
        function checkDiagonal(image) {
            verify(regionHas(image, 0, 16, 5, 4, isRed), "bottom left");
            verify(regionHas(image, 95, 0, 5, 4, isRed), "top right");
            verify(!regionHas(image, 0, 0, 20, 5, isInk), "top left");
            verify(!regionHas(image, 80, 15, 20, 5, isInk), "bottom right");
            for (let x = 0; x < 100; ++x) {
                const centre = 19.25 - 18.5 * (x + 0.5) / 100;
                verify(redPixelsInColumn(image, x) > 0, "column " + x + " has no line");
                for (let y = 0; y < 20; ++y) {
                    if (isInk(image, x, y))
                        verify(Math.abs(y + 0.5 - centre) <= 2, "stray ink at " + x + "," + y);
                }
            }
        }

        function test_renderDiagonal() {
            const item = createSparkline({ values: [0, 100] });
            checkDiagonal(grabImage(item));
        }

        // With maximum <= minimum the range runs from minimum to the largest sample: minimum 10
        // and samples 10, 20 give 10..20, the same picture.
        function test_renderAutoscaled() {
            const item = createSparkline({ values: [10, 20], minimum: 10, maximum: 0 });
            checkDiagonal(grabImage(item));
        }

        // An autoscaled series that stays at minimum (an idle rate) is a line along the bottom,
        // not a band: range 0..1, 2 px line centred at y = 19 over rows 18 and 19; with a fill
        // of 0.5 nothing above row 17 has ink.
        function test_renderZeroAutoscaledAtBottom() {
            const item = createSparkline({ values: [0, 0, 0], minimum: 0, maximum: 0, lineWidth: 2,
                                           fillOpacity: 0.5 });
            const image = grabImage(item);
            verify(isRed(image, 50, 18));
            verify(isRed(image, 50, 19));
            for (let y = 0; y < 17; ++y)
                verify(isWhite(image, 50, y), "row " + y + " is above a zero line");
        }

        // The autoscaled range starts at minimum, not at the data: samples 10, 10, 20 over minimum
        // 0 span 0..20, so the first half (x 0..50, value 10) is drawn half way up, at
        // y = 1 + 0.5 * 18 = 10 (2 px: rows 9 and 10), and a flat 7 is drawn at the top (range
        // 0..7: y = 1, rows 0 and 1).
        function test_renderAutoscaledFromMinimum() {
            const item = createSparkline({ values: [10, 10, 20], minimum: 0, maximum: 0,
                                           lineWidth: 2 });
            let image = grabImage(item);
            verify(isRed(image, 25, 9));
            verify(isRed(image, 25, 10));
            verify(isWhite(image, 25, 2));
            verify(isWhite(image, 25, 17));
            item.values = [7, 7, 7];
            image = grabImage(item);
            verify(isRed(image, 50, 0));
            verify(isRed(image, 50, 1));
            verify(isWhite(image, 50, 5));
        }

        // The line keeps its full width inside the item: a 2 px line at 0 is centred at y = 19 and
        // covers rows 18 and 19; at 100 it is centred at y = 1 and covers rows 0 and 1.
        function test_renderExtremesInside() {
            const item = createSparkline({ values: [0, 0], lineWidth: 2 });
            let image = grabImage(item);
            verify(isRed(image, 50, 18));
            verify(isRed(image, 50, 19));
            verify(isWhite(image, 50, 17));
            item.values = [100, 100];
            image = grabImage(item);
            verify(isRed(image, 50, 0));
            verify(isRed(image, 50, 1));
            verify(isWhite(image, 50, 2));
        }

        // Values beyond the scale are clamped to the edges: 500 draws at the top (y 0.75, the line
        // covering y 0..1.5, so row 0 fully).
        function test_renderClampsToScale() {
            const item = createSparkline({ values: [500, 500] });
            const image = grabImage(item);
            verify(isRed(image, 50, 0));
            verify(isWhite(image, 50, 5));
        }

        // Samples at x = 0, 25, 50, 75, 100, all at y = 1 + 0.5 * 18 = 10 (2 px line: rows 9 and
        // 10) except the NaN at x = 50: segments 0..25 and 75..100 are drawn, nothing between.
        function test_renderNanGap() {
            const item = createSparkline({ values: [50, 50, NaN, 50, 50], lineWidth: 2 });
            const image = grabImage(item);
            verify(isRed(image, 12, 9));
            verify(isRed(image, 12, 10));
            verify(isRed(image, 88, 10));
            verify(isRed(image, 24, 10));
            verify(isRed(image, 75, 10));
            for (let x = 26; x <= 74; ++x)
                compare(inkPixelsInColumn(image, x), 0, "column " + x + " is in the gap");
        }

        // A sample alone between gaps is a square dot, lineWidth wide: 3 px around (50, 10).
        function test_renderLoneSampleAsDot() {
            const item = createSparkline({ values: [NaN, NaN, 50, NaN, NaN], lineWidth: 3 });
            const image = grabImage(item);
            verify(isRed(image, 50, 10));
            verify(isWhite(image, 55, 10));
            verify(isWhite(image, 45, 10));
        }

        function test_renderNothingWithoutFiniteValues() {
            const item = createSparkline({ values: [NaN, Infinity] });
            const image = grabImage(item);
            for (let x = 0; x < 100; x += 5)
                compare(inkPixelsInColumn(image, x), 0);
        }

        function test_fill_data() {
            // A 2 px line at y = 10 (value 50) covers rows 9 and 10; rows 14..19 lie under it, row
            // 3 above it. Red at alpha
            // a over white: red stays 255, green and blue are 255 * (1 - a); a = 0.5 stored in
            // 8 bits is 128/255, so 255 * 127/255 = 127.
            return [
                { tag: "no fill", fillOpacity: 0, under: 255 },
                { tag: "half", fillOpacity: 0.5, under: 127 },
                { tag: "full", fillOpacity: 1, under: 0 },
            ];
        }

        function test_fill(data) {
            const item = createSparkline({ values: [50, 50], fillOpacity: data.fillOpacity,
                                           lineWidth: 2 });
            const image = grabImage(item);
            for (let y = 14; y < 20; ++y) {
                compare(image.red(40, y), 255);
                fuzzyCompare(image.green(40, y), data.under, 2);
                fuzzyCompare(image.blue(40, y), data.under, 2);
            }
            verify(isWhite(image, 40, 3));
            verify(isRed(image, 40, 10));
        }

        // A change after the first frame reaches the screen: the strip is rebuilt on change. A 2 px
        // line at 50 covers rows 9 and 10, at 100 rows 0 and 1, at 0 rows 18 and 19, and at 0
        // once the item is 40 px tall (only the size changed) rows 38 and 39.
        function test_renderFollowsChanges() {
            const item = createSparkline({ values: [50, 50], lineWidth: 2 });
            verify(isRed(grabImage(item), 50, 10));
            item.values = [100, 100];
            let image = grabImage(item);
            verify(isWhite(image, 50, 10));
            verify(isRed(image, 50, 0));
            item.color = "#0000ff";
            image = grabImage(item);
            compare(image.blue(50, 0), 255);
            compare(image.red(50, 0), 0);
            item.values = [0, 0];
            compare(grabImage(item).blue(50, 19), 255);
            item.height = 40;
            image = grabImage(item);
            verify(isWhite(image, 50, 19));
            compare(image.blue(50, 39), 255);
            compare(image.red(50, 39), 0);
        }

        // A streamed series the size of an hour at 1 Hz: drawn, and still bounded.
        function test_streamingAnHour() {
            const item = createSparkline({ width: 300, height: 60 });
            for (let i = 0; i < 4000; ++i)
                item.append(50 + 40 * Math.sin(i / 200), 3600);
            compare(item.count, 3600);
            const image = grabImage(item);
            for (let x = 0; x < 300; x += 10)
                verify(inkPixelsInColumn(image, x) > 0, "column " + x);
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

        function compareNear(image, x, y, red, green, blue, message) {
            fuzzyCompare(image.red(x, y), red, 2, message + " red");
            fuzzyCompare(image.green(x, y), green, 2, message + " green");
            fuzzyCompare(image.blue(x, y), blue, 2, message + " blue");
        }

        // A load that idles at 20, ramps up to 80, holds, goes missing for ten samples and
        // comes back at 56; filled, in 300 x 60. 121 samples are 300 / 120 = 2.5 px apart, and
        // a 1.5 px line maps v to y = 0.75 + (1 - v / 100) * 58.5: 20 -> 47.55, 80 -> 12.45,
        // 56 -> 26.49. The line covers y +- 0.75, so rows 47, 12 and 26 are wholly line colour
        // (61, 174, 233) where the series is flat: x 50 (samples 20, 21), x 160 (64, 65) and
        // x 250 (100, 101). Above the line is white; below it the fill, the colour at 0.3 over
        // white: 255 - (255 - c) * 0.3 = (196.8, 230.7, 248.4). Samples 70..79 are missing:
        // the runs end at x 172.5 and start again at x 200.
        function test_saveRendering() {
            const values = [];
            for (let i = 0; i <= 120; ++i) {
                if (i < 40)
                    values.push(20);
                else if (i < 60)
                    values.push(20 + 3 * (i - 40));
                else if (i < 70)
                    values.push(80);
                else if (i < 80)
                    values.push(NaN);
                else
                    values.push(56);
            }
            const item = createSparkline({ width: 300, height: 60, values: values,
                                           color: "#3daee9", fillOpacity: 0.3 });
            const image = grabImage(item);
            for (const [x, lineRow] of [[50, 47], [160, 12], [250, 26]]) {
                compareNear(image, x, lineRow, 61, 174, 233, "line at " + x);
                verify(isWhite(image, x, lineRow - 7), "above the line at " + x);
                compareNear(image, x, lineRow + 7, 197, 231, 248, "fill under the line at " + x);
            }
            for (let x = 176; x < 198; ++x)
                compare(inkPixelsInColumn(image, x), 0, "column " + x + " is in the gap");
            saveAndReload(item, image, "sparkline.png");
        }
    }
}
