import QtQuick
import QtTest
import Vantage.Widgets

// The custom items really draw: a heat strip's cells take their load colours, a sparkline and
// a gauge put their colour on screen.
// TestCase itself is invisible: the items under test live in this visible root.
Rectangle {
    id: root
    width: 400
    height: 300
    color: "white"

    TestCase {
        id: test
        name: "Items"
        when: windowShown

        Component {
            id: heat
            HeatStrip {
                width: 200; height: 50
                values: [0, 100]
                columns: 2
                spacing: 0
                lowColor: "#0000ff"
                highColor: "#ff0000"
            }
        }
        Component {
            id: sparkline
            Sparkline {
                width: 200; height: 50
                values: [0, 100, 0, 100]
                minimum: 0
                maximum: 100
                color: "#00ff00"
                lineWidth: 4
                fillOpacity: 1
            }
        }
        Component {
            id: gauge
            Gauge {
                width: 100; height: 100
                value: 100
                maximum: 100
                color: "#00ff00"
                thickness: 20
            }
        }

        function init() {
            failOnWarning(/.*/)
        }

        function countColor(image, width, height, matches) {
            let count = 0
            for (let x = 0; x < width; x += 2) {
                for (let y = 0; y < height; y += 2) {
                    if (matches(image.pixel(x, y)))
                        ++count
                }
            }
            return count
        }

        function test_heatStripColoursItsCells() {
            const item = createTemporaryObject(heat, root)
            waitForRendering(item)
            const image = grabImage(item)
            // Idle core left: low colour; busy core right: high colour.
            compare(String(image.pixel(50, 25)), "#0000ff")
            compare(String(image.pixel(150, 25)), "#ff0000")
        }

        function test_sparklineDraws() {
            const item = createTemporaryObject(sparkline, root)
            waitForRendering(item)
            const image = grabImage(item)
            verify(countColor(image, 200, 50, c => c.g > 0.8 && c.r < 0.3) > 50)
        }

        function test_gaugeDraws() {
            const item = createTemporaryObject(gauge, root)
            waitForRendering(item)
            const image = grabImage(item)
            verify(countColor(image, 100, 100, c => c.g > 0.8 && c.r < 0.3) > 50)
        }
    }
}
