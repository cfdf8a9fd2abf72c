import QtQuick
import QtTest
import Vantage.Widgets

// HeatStrip: properties, cell colours, cellAt() and wrapping, checked on white.
Rectangle {
    id: background
    width: 320
    height: 120
    color: "white"

    Component {
        id: stripComponent
        HeatStrip {}
    }

    Component {
        id: imageComponent
        Image {
            cache: false
        }
    }

    // As views use it: values bound in the declaration.
    HeatStrip {
        id: declared
        y: 100
        width: 80
        height: 20
        values: [10, NaN, 90]
    }

    SignalSpy {
        id: spy
    }

    TestCase {
        name: "HeatStrip"
        when: windowShown

        readonly property color low: "#0000ff"
        readonly property color high: "#ff0000"
        readonly property color offline: "#808080"

        // Qt 6.4's createObject() cannot set a list property from its initial properties ("Could
        // not set initial property values"), so values is assigned once the item exists.
        function createStrip(properties) {
            const defaults = { width: 200, height: 20, spacing: 0, lowColor: low, highColor: high };
            const values = properties.values;
            delete properties.values;
            const item = createTemporaryObject(stripComponent, background,
                                               Object.assign(defaults, properties));
            verify(item);
            if (values !== undefined)
                item.values = values;
            return item;
        }

        function compareColor(image, x, y, expected, message) {
            fuzzyCompare(image.red(x, y), Math.round(expected.r * 255), 1, message + " red");
            fuzzyCompare(image.green(x, y), Math.round(expected.g * 255), 1, message + " green");
            fuzzyCompare(image.blue(x, y), Math.round(expected.b * 255), 1, message + " blue");
        }

        function test_defaults() {
            const item = createTemporaryObject(stripComponent, background);
            compare(item.values, []);
            compare(item.columns, 0);
            compare(item.spacing, 2);
            compare(item.lowColor, Qt.color("#3daee9"));
            compare(item.highColor, Qt.color("#da4453"));
            compare(item.implicitWidth, 160);
            compare(item.implicitHeight, 24);
            compare(item.cellAt(10, 10), -1);
        }

        function test_change_data() {
            return [
                { tag: "values", property: "values", value: [10, 20] },
                { tag: "columns", property: "columns", value: 3 },
                { tag: "lowColor", property: "lowColor", value: Qt.color("#010203") },
                { tag: "highColor", property: "highColor", value: Qt.color("#040506") },
                { tag: "spacing", property: "spacing", value: 5 },
            ];
        }

        function test_change(data) {
            const item = createStrip({});
            spy.clear();
            spy.target = item;
            spy.signalName = data.property + "Changed";
            item[data.property] = data.value;
            compare(item[data.property], data.value);
            compare(spy.count, 1);
            item[data.property] = data.value;
            compare(spy.count, 1);
        }

        // Three cores in 80 x 20 with spacing 2: one row of (80 - 2 * 2) / 3 = 25.3 px cells.
        function test_declaredBinding() {
            compare(declared.values.length, 3);
            verify(isNaN(declared.values[1]));
            compare(declared.cellAt(12, 10), 0);
            compare(declared.cellAt(70, 10), 2);
        }

        // Three cores in 80 x 20 with spacing 2: cells (80 - 2 * 2) / 3 = 25.33 px wide, the
        // second from x = 25.33 + 2 = 27.33; no rectangle for a fourth core or a negative index.
        function test_cellRect() {
            const rect = declared.cellRect(1);
            fuzzyCompare(rect.x, 27.33, 0.01);
            compare(rect.y, 0);
            fuzzyCompare(rect.width, 25.33, 0.01);
            compare(rect.height, 20);
            compare(declared.cellRect(3).width, 0);
            compare(declared.cellRect(-1).width, 0);
        }

        // The colour a label on the cell reads: blue (0, 0, 255) to red (255, 0, 0) at 50 % is
        // (127.5, 0, 127.5); grey for the offline core; transparent past the last core.
        function test_colorAt() {
            const item = createStrip({ values: [50, NaN] });
            fuzzyCompare(item.colorAt(0).r, 0.5, 0.01);
            compare(item.colorAt(0).g, 0);
            fuzzyCompare(item.colorAt(0).b, 0.5, 0.01);
            fuzzyCompare(item.colorAt(1).r, 128 / 255, 0.01);
            compare(item.colorAt(2).a, 0);
        }

        function test_negativeInputsClamped() {
            const item = createStrip({ columns: -3, spacing: -1 });
            compare(item.columns, 0);
            compare(item.spacing, 0);
        }

        function test_cellColor_data() {
            // Each channel mixes linearly: low + (high - low) * percent / 100. From blue
            // (0, 0, 255) to red (255, 0, 0): 50 -> (127.5, 0, 127.5), 25 -> (63.75, 0, 191.25).
            // Out-of-range loads are clamped; NaN is an offline core, grey (128, 128, 128).
            return [
                { tag: "0", value: 0, expected: Qt.rgba(0, 0, 1, 1) },
                { tag: "100", value: 100, expected: Qt.rgba(1, 0, 0, 1) },
                { tag: "50", value: 50, expected: Qt.rgba(127.5 / 255, 0, 127.5 / 255, 1) },
                { tag: "25", value: 25, expected: Qt.rgba(63.75 / 255, 0, 191.25 / 255, 1) },
                { tag: "below 0", value: -30, expected: Qt.rgba(0, 0, 1, 1) },
                { tag: "above 100", value: 180, expected: Qt.rgba(1, 0, 0, 1) },
                { tag: "offline", value: NaN, expected: Qt.rgba(128 / 255, 128 / 255, 128 / 255, 1) },
            ];
        }

        // A single cell fills the 200 x 20 item; its centre (100, 10) shows the mixed colour.
        function test_cellColor(data) {
            const item = createStrip({ values: [data.value] });
            compareColor(grabImage(item), 100, 10, data.expected, data.tag);
        }

        // Four cores in 200 x 20 with no spacing: one row of 50 x 20 cells (one row gives side
        // min(50, 20) = 20; two rows only min(100, 10) = 10). Centres at x = 25, 75, 125, 175.
        function test_cellsInOneRow() {
            const item = createStrip({ values: [0, 100, 50, NaN] });
            const image = grabImage(item);
            compareColor(image, 25, 10, low, "cell 0");
            compareColor(image, 75, 10, high, "cell 1");
            compareColor(image, 125, 10, Qt.rgba(127.5 / 255, 0, 127.5 / 255, 1), "cell 2");
            compareColor(image, 175, 10, offline, "cell 3");
            compare(item.cellAt(25, 10), 0);
            compare(item.cellAt(175, 10), 3);
        }

        function test_cellAt_data() {
            // Spacing 4: cells (200 - 3 * 4) / 4 = 47 px wide, at x 0..47, 51..98, 102..149,
            // 153..200, all 20 px high.
            return [
                { tag: "first cell, top left", x: 0, y: 0, cell: 0 },
                { tag: "first cell, last pixel", x: 46.9, y: 19.9, cell: 0 },
                { tag: "gap after the first", x: 49, y: 10, cell: -1 },
                { tag: "second cell start", x: 51, y: 10, cell: 1 },
                { tag: "third cell", x: 120, y: 5, cell: 2 },
                { tag: "last cell", x: 199, y: 10, cell: 3 },
                { tag: "right of the item", x: 200, y: 10, cell: -1 },
                { tag: "left of the item", x: -1, y: 10, cell: -1 },
                { tag: "below the item", x: 10, y: 20, cell: -1 },
                { tag: "above the item", x: 10, y: -0.5, cell: -1 },
            ];
        }

        function test_cellAt(data) {
            const item = createStrip({ values: [10, 20, 30, 40], spacing: 4 });
            compare(item.cellAt(data.x, data.y), data.cell);
        }

        // The gap between cells is left unpainted: x 47..51 is background.
        function test_spacingIsBackground() {
            const item = createStrip({ values: [100, 100, 100, 100], spacing: 4 });
            const image = grabImage(item);
            compareColor(image, 49, 10, Qt.rgba(1, 1, 1, 1), "gap");
            compareColor(image, 45, 10, high, "cell 0 edge");
            compareColor(image, 52, 10, high, "cell 1 edge");
        }

        // Eight cores in 100 x 40: one row gives side min(12.5, 40) = 12.5, two rows of four
        // min(25, 20) = 20, two rows of five min(20, 20) = 20 but smaller cells, three rows of
        // three min(33.3, 13.3) = 13.3, four of two min(50, 10) = 10: two rows of four 25 x 20.
        function test_wrapsIntoRows() {
            const item = createStrip({ width: 100, height: 40,
                                       values: [0, 0, 0, 0, 100, 100, 100, 100] });
            compare(item.cellAt(90, 10), 3);
            compare(item.cellAt(10, 30), 4);
            compare(item.cellAt(90, 30), 7);
            const image = grabImage(item);
            compareColor(image, 12, 10, low, "first row");
            compareColor(image, 87, 10, low, "first row end");
            compareColor(image, 12, 30, high, "second row");
            compareColor(image, 87, 30, high, "second row end");
        }

        // The same eight cores widened to 300 x 40 fit in one row: side min(37.5, 40) = 37.5
        // beats two rows' min(75, 20) = 20. The last cell spans x 262.5..300.
        function test_unwrapsWhenWide() {
            const item = createStrip({ width: 100, height: 40,
                                       values: [0, 0, 0, 0, 100, 100, 100, 100] });
            compareColor(grabImage(item), 12, 30, high, "second row before");
            item.width = 300;
            compare(item.cellAt(10, 30), 0);
            compare(item.cellAt(290, 30), 7);
            compare(item.cellAt(260, 30), 6);
            const image = grabImage(item);
            compareColor(image, 281, 30, high, "last cell");
            compareColor(image, 12, 30, low, "first cell");
        }

        // Two columns of eight cores in 100 x 40: four rows of 50 x 10 cells.
        function test_fixedColumns() {
            const item = createStrip({ width: 100, height: 40, columns: 2,
                                       values: [0, 100, 0, 0, 0, 0, 0, 100] });
            compare(item.cellAt(60, 5), 1);
            compare(item.cellAt(60, 35), 7);
            compare(item.cellAt(10, 35), 6);
            const image = grabImage(item);
            compareColor(image, 75, 5, high, "cell 1");
            compareColor(image, 25, 5, low, "cell 0");
            compareColor(image, 75, 35, high, "cell 7");
        }

        // Three cores in two fixed columns: the second row has one cell; the space of the
        // missing fourth stays background and has no cell.
        function test_partialLastRow() {
            const item = createStrip({ width: 100, height: 40, columns: 2, values: [50, 50, 50] });
            compare(item.cellAt(25, 30), 2);
            compare(item.cellAt(75, 30), -1);
            compareColor(grabImage(item), 75, 30, Qt.rgba(1, 1, 1, 1), "no fourth cell");
        }

        // Cores appear and disappear: four cores, then two (cells widen to 100 px), then none.
        function test_coresComeAndGo() {
            const item = createStrip({ values: [100, 100, 100, 100] });
            compare(item.cellAt(175, 10), 3);
            item.values = [0, 0];
            compare(item.cellAt(175, 10), 1);
            compareColor(grabImage(item), 175, 10, low, "two cores");
            item.values = [0, NaN];
            compareColor(grabImage(item), 175, 10, offline, "second core offline");
            item.values = [];
            compare(item.cellAt(175, 10), -1);
            compareColor(grabImage(item), 175, 10, Qt.rgba(1, 1, 1, 1), "no cores");
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

        // Sixteen cores in the default colours with one offline, in 200 x 60 with spacing 2. One
        // row gives cells min((200 - 15 * 2) / 16, 60) = 10.6 wide; two rows of eight
        // min((200 - 7 * 2) / 8, (60 - 2) / 2) = min(23.25, 29) = 23.25; two rows of nine 20.4;
        // three rows of six or seven min(31.7 or 26.9, 18.7) = 18.7; four rows 13.5. So two rows
        // of eight 23.25 x 29 cells, columns 25.25 px apart, the second row at y 31..60.
        // Loads (i * 37) % 101: cell 0 is 0, cell 8 is 296 % 101 = 94, cell 15 is 555 % 101 = 50.
        // Each channel is low + (high - low) * load / 100, from #3daee9 (61, 174, 233) to
        // #da4453 (218, 68, 83): 94 -> (61 + 157 * 0.94, 174 - 106 * 0.94, 233 - 150 * 0.94) =
        // (208.6, 74.4, 92); 50 -> (139.5, 121, 158).
        function test_saveRendering() {
            const values = [];
            for (let i = 0; i < 16; ++i)
                values.push(i === 11 ? NaN : (i * 37) % 101);
            const item = createTemporaryObject(stripComponent, background, { width: 200, height: 60 });
            item.values = values;
            const image = grabImage(item);
            compareColor(image, 11, 14, Qt.rgba(61 / 255, 174 / 255, 233 / 255, 1), "cold cell 0");
            compareColor(image, 11, 45, Qt.rgba(208.6 / 255, 74.4 / 255, 92 / 255, 1), "hot cell 8");
            compareColor(image, 188, 45, Qt.rgba(139.5 / 255, 121 / 255, 158 / 255, 1), "cell 15");
            // Cell 11: second row, fourth column, x 75.75..99.
            compareColor(image, 87, 45, offline, "offline cell 11");
            compareColor(image, 24, 14, Qt.rgba(1, 1, 1, 1), "gap between columns");
            compareColor(image, 11, 29, Qt.rgba(1, 1, 1, 1), "gap between rows");
            saveAndReload(item, image, "heatstrip.png");
        }
    }
}
