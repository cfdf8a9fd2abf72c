import QtQuick
import QtTest
import Vantage.Desktop
import VantageTest

// Every view loads without a single QML warning and shows the numbers of the fixture machine
// (tests/qml/fixtures), worked out by hand in the comments.
// TestCase itself is invisible: the items under test live in this visible root.
Rectangle {
    id: root
    width: 1280
    height: 800
    color: "white"

    TestCase {
        id: test
        name: "Views"
        when: windowShown

        Component { id: overview; OverviewView { anchors.fill: parent } }
        Component { id: cpu; CpuView { anchors.fill: parent } }
        Component { id: memory; MemoryView { anchors.fill: parent } }
        Component { id: disks; DisksView { anchors.fill: parent } }
        Component { id: network; NetworkView { anchors.fill: parent } }
        Component { id: sensors; SensorsView { anchors.fill: parent } }
        Component { id: noSensors; SensorsView { anchors.fill: parent; sensors: ListModel {} } }
        // The lists SensorsModel gives for a fan, a mains adapter, a battery and two CPU clocks.
        Component {
            id: devices
            SensorsView {
                anchors.fill: parent
                sensors: ListModel {
                    property var fans: [{ label: "nct6798 Pump", rpm: 830.4, series: "fans[nct6798 Pump].rpm" }]
                    property var power: [
                        { name: "AC", type: "Mains", capacity: NaN, status: "", watts: NaN,
                          energyWh: NaN, energyFullWh: NaN, online: 1 },
                        { name: "BAT0", type: "Battery", capacity: 87, status: "Discharging",
                          watts: 9.876, energyWh: 41.3, energyFullWh: 47.52, online: -1 }]
                    property var clocks: [{ cpu: 0, mhz: 3400, series: "cpu.coreMhz[0]" },
                                          { cpu: 2, mhz: 800.123, series: "cpu.coreMhz[2]" }]
                }
            }
        }
        Component { id: processes; ProcessesView { anchors.fill: parent } }
        Component { id: clients; ClientsView { anchors.fill: parent } }
        Component { id: settings; SettingsView { anchors.fill: parent } }
        Component { id: alerts; AlertsView { anchors.fill: parent } }

        function init() {
            failOnWarning(/.*/)
            // Two ticks: the harness's counter steps are in every published sample.
            tryVerify(() => Backend.live.seq >= 2, 5000, "the fixture core ticks")
        }

        function show(component) {
            const view = createTemporaryObject(component, root)
            verify(view)
            waitForRendering(view)
            return view
        }

        function textOf(view, name) {
            const item = findChild(view, name)
            verify(item, "no item named " + name)
            return item.text
        }

        function test_everyViewLoads_data() {
            return [
                { tag: "overview", component: overview, title: "Overview" },
                { tag: "cpu", component: cpu, title: "CPU" },
                { tag: "memory", component: memory, title: "Memory" },
                { tag: "disks", component: disks, title: "Disks" },
                { tag: "network", component: network, title: "Network" },
                { tag: "sensors", component: sensors, title: "Sensors" },
                { tag: "processes", component: processes, title: "Processes" },
                { tag: "clients", component: clients, title: "Clients" },
                { tag: "settings", component: settings, title: "Settings" },
                { tag: "alerts", component: alerts, title: "Alerts" }
            ]
        }

        function test_everyViewLoads(data) {
            const view = show(data.component)
            compare(textOf(view, "viewTitle"), data.title)
            // A few ticks later still no warning (failOnWarning fails the test on the first).
            const seq = Backend.live.seq
            tryVerify(() => Backend.live.seq >= seq + 2, 5000)
            waitForRendering(view)
        }

        function test_overviewShowsTheFixture() {
            const view = show(overview)
            // proc/stat steps: (40 user + 20 system) of 200 jiffies = 30%.
            compare(textOf(view, "cpuGaugeValue"), "30 %")
            // meminfo: (16384000 - 8192000) / 16384000 = 50%.
            compare(textOf(view, "memoryGaugeValue"), "50 %")
            // swap: (2048000 - 1536000) / 2048000 = 25%.
            compare(textOf(view, "swapGaugeValue"), "25 %")
            compare(textOf(view, "hostKernelValue"), "6.1.0-fixture")
            // uptime 12345.67 s = 3 h 25 min 45 s, shown to the minute.
            compare(textOf(view, "hostUptimeValue"), "3 h 25 min")
            compare(textOf(view, "hostLoadValue"), "0.42  0.37  0.30")
            compare(textOf(view, "hostCpuValue"), "2 × Fixture CPU @ 3.00GHz")
            // 5 process folders; only pid 42 is in state R.
            compare(textOf(view, "hostProcessesValue"), "5 (1 running)")
        }

        function test_overviewShowsPressure() {
            const view = show(overview)
            // fixtures/proc/pressure: the averages as the files give them (below 10 with one
            // decimal); the totals never move, so the stall rate of every tick is 0. The cpu
            // file has no full line (as before Linux 5.13): no full part for CPU.
            compare(textOf(view, "hostPressure_cpuValue"), "some 12 / 8.5 / 0.0 %")
            compare(textOf(view, "hostPressure_memoryValue"),
                    "some 3.0 / 1.5 / 0.0 %  full 2.5 / 0.5 / 0.0 %")
            compare(textOf(view, "hostPressure_ioValue"),
                    "some 0.0 / 0.0 / 0.0 %  full 0.0 / 0.0 / 0.0 %")
        }

        function test_overviewChartsAreFedWithThresholds() {
            const view = show(overview)
            const chart = findChild(view, "cpuChart")
            tryVerify(() => chart.chart.pointCount >= 3, 5000, "points from the history")
            compare(chart.chart.latestValues[0], 30)
            // The default cpu rule: warning 75, critical 90 (docs/settings.md).
            compare(chart.warning, 75)
            compare(chart.critical, 90)
            compare(chart.note, "warning 75 %  ·  critical 90 %")
            compare(textOf(view, "cpuChartLegend0"), "total  30 %")
            const net = findChild(view, "networkChart")
            compare(net.title, "Network eth0")
        }

        function test_cpuShowsEveryCore() {
            const view = show(cpu)
            // cpu0: (30 + 10) / 100 jiffies; cpu1: (10 + 10) / 100.
            compare(textOf(view, "core0Value"), "40 %")
            compare(textOf(view, "core1Value"), "20 %")
            compare(findChild(view, "coreHeatStrip").values, [40, 20])
        }

        // The fixture's /proc/stat lists cpu0 and cpu1: two cells, each labelled with its number
        // and shown, and no third label; the scale beside them runs from 0 to 100 %.
        function test_heatStripLabelsEveryCore() {
            const view = show(cpu)
            for (const core of [0, 1]) {
                const label = findChild(view, "coreLabel" + core)
                verify(label, "label of core " + core)
                compare(label.text, String(core))
                verify(label.visible, "label of core " + core + " fits its cell")
            }
            compare(findChild(view, "coreLabel2"), null)
            verify(findChild(view, "heatScale").visible)
        }

        function test_memoryShowsTheFixture() {
            const view = show(memory)
            // 16384000 kB = 16777216000 B = 15.625 GiB.
            compare(textOf(view, "memTotalValue"), "15.6 GiB")
            // 16384000 - 8192000 kB = 8192000 kB = 7.8125 GiB.
            compare(textOf(view, "memUsedValue"), "7.8 GiB")
            compare(textOf(view, "memAvailableValue"), "7.8 GiB")
            // Cached counts SReclaimable too, as free does: 3072000 + 256000 = 3328000 kB
            // = 3.173828125 GiB. Buffers 512000 kB = 500 MiB.
            compare(textOf(view, "memCachedValue"), "3.2 GiB")
            compare(textOf(view, "memBuffersValue"), "500 MiB")
            // 2048000 kB = 1.953125 GiB; used 512000 kB = 500 MiB.
            compare(textOf(view, "swapTotalValue"), "2.0 GiB")
            compare(textOf(view, "swapUsedValue"), "500 MiB")
            // Largest RSS: firefox 250000 pages x 4096 B = 976.5625 MiB, then Zeta 16000 pages
            // = 62.5 MiB.
            tryVerify(() => findChild(view, "consumer0Name")?.text === "firefox", 5000)
            compare(textOf(view, "consumer0Rss"), "977 MiB")
            compare(textOf(view, "consumer1Name"), "Zeta")
            compare(textOf(view, "consumer1Rss"), "62.5 MiB")
        }

        function test_disksShowTheMountTable() {
            const view = show(disks)
            compare(textOf(view, "disk0Mount"), "/")
            compare(textOf(view, "disk0Device"), "/dev/vda1  ·  ext4")
            // vda1 moves 400 sectors of 512 B read per tick: a rate above zero.
            tryVerify(() => Backend.live.diskReadBps > 0, 5000)
            verify(/^↓ \d/.test(textOf(view, "disk0Io")))
            compare(findChild(view, "diskIoChart").title, "I/O of /")
        }

        function test_networkShowsEveryInterface() {
            const view = show(network)
            // The collector leaves out lo: eth0 is the one interface.
            compare(Backend.network.count, 1)
            compare(textOf(view, "net0Name"), "eth0")
            verify(findChild(view, "net1Name") === null)
            // eth0 receives 200000 B and sends 50000 B per tick: rates in KiB/s or MiB/s, and
            // totals above the fixture's 500000 B (488.3 KiB) and 250000 B (244.1 KiB).
            verify(/^↓ [\d.]+ (KiB|MiB)\/s$/.test(textOf(view, "net0Rx")), textOf(view, "net0Rx"))
            verify(/^↑ [\d.]+ (KiB|MiB)\/s$/.test(textOf(view, "net0Tx")), textOf(view, "net0Tx"))
            verify(/^[\d.]+ (KiB|MiB) received$/.test(textOf(view, "net0RxTotal")))
            compare(findChild(view, "interfaceChart").title, "Traffic of eth0")
            // eth0 moved bytes since boot (500000 received): it is listed, and with no idle
            // interface there is nothing to show on demand.
            verify(findChild(view, "net0Name").visible)
            verify(!findChild(view, "idleInterfacesToggle").visible)
        }

        // The memory chart's axis ends at the fixture's memory, MemTotal 16384000 kB =
        // 16777216000 B = 15.625 GiB, not at a round number above it; its labels every 5 GiB
        // (15.625 / 4 = 3.9, rounded up to 5).
        function test_memoryAxisEndsAtTheTotal() {
            const view = show(memory)
            const chart = findChild(view, "memoryBytesChart").chart
            tryVerify(() => chart.pointCount > 0, 5000, "points from the history")
            compare(chart.unitSuffix, "GiB")
            tryCompare(chart, "valueAxisMaximum", 15.625)
            compare(chart.valueAxisInterval, 5)
        }

        function test_sensorsShowTheFixture() {
            const view = show(sensors)
            // hwmon0 "coretemp": temp1 48000 m°C labelled "Package id 0", max 80000, crit 100000.
            compare(textOf(view, "sensor0Label"), "coretemp Package id 0")
            compare(textOf(view, "sensor0Value"), "48 °C")
            compare(textOf(view, "sensor0Levels"), "high 80 °C, critical 100 °C")
            compare(textOf(view, "sensor1Label"), "coretemp Core 0")
            compare(textOf(view, "sensor1Value"), "46 °C")
            verify(!findChild(view, "noSensors").visible)
        }

        function test_fansPowerAndClocksShowTheirValues() {
            const view = show(devices)
            // 830.4 rpm whole: 830; 87 % from 10 up without decimals; 9.876 W to two decimals:
            // 9.88; 3400 MHz / 1000 = 3.40 GHz; 800.123 MHz below 1 GHz, whole: 800.
            compare(textOf(view, "fan0Value"), "830 rpm")
            compare(textOf(view, "supply0Value"), "plugged in")
            compare(textOf(view, "supply1Value"), "87 %")
            compare(textOf(view, "supply1Detail"), "Discharging, 9.88 W, 41.3 of 47.52 Wh")
            compare(textOf(view, "clock0Value"), "3.40 GHz")
            compare(textOf(view, "clock1Value"), "800 MHz")
        }

        function test_noDevicesNoCards() {
            const view = show(noSensors)
            verify(findChild(view, "fan0Value") === null)
            verify(findChild(view, "supply0Value") === null)
            verify(findChild(view, "clock0Value") === null)
        }

        function test_noSensorsIsSaid() {
            const view = show(noSensors)
            verify(findChild(view, "noSensors").visible)
            compare(textOf(view, "noSensors"), "No temperature sensors on this machine.")
            verify(findChild(view, "sensorChart") === null || !findChild(view, "sensorChart").visible)
        }

        function test_clientsListTheWebSocketClient() {
            if (Harness.remote)
                skip("the Clients view lists this machine's clients, of which the remote source is one")
            tryVerify(() => Harness.clientReady, 5000, "the harness client is connected")
            const view = show(clients)
            tryCompare(Backend.clients, "count", 1)
            compare(textOf(view, "client0Address"), "127.0.0.1")
            compare(textOf(view, "client0Role"), "viewer")
            // hello, history and settings messages at least, then one sample per tick.
            tryVerify(() => Number(textOf(view, "client0Messages")) >= 3, 5000)
            mouseClick(findChild(view, "client0Disconnect"))
            tryCompare(Backend.clients, "count", 0)
            verify(findChild(view, "noClients").visible)
            Harness.reconnect()
            tryVerify(() => Harness.clientReady, 5000, "the harness client is back")
        }
    }
}
