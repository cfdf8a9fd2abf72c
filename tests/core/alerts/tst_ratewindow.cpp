#include "alerts/ratewindow.h"

#include <QTest>

class TestRateWindow : public QObject
{
    Q_OBJECT

private slots:
    void growthWithinTheLastMinute();
    void counterResetStartsOver();
};

void TestRateWindow::growthWithinTheLastMinute()
{
    RateWindow window;
    // The counter grows by 1 every second from 0.
    double last = 0;
    for (int s = 0; s <= 120; ++s)
        last = window.add(s * 1000, quint64(s));
    // At t = 120 s the window holds readings from 60 s to 120 s: 120 - 60 = 60.
    QCOMPARE(last, 60.0);
    // Nothing more for a minute and a half: the growth falls to 0.
    QCOMPARE(window.add(210'000, 120), 0.0);
}

void TestRateWindow::counterResetStartsOver()
{
    RateWindow window;
    window.add(0, 100);
    window.add(1000, 150);
    QCOMPARE(window.add(2000, 3), 0.0); // the server restarted: no negative or huge growth
    QCOMPARE(window.add(3000, 8), 5.0);
}

QTEST_GUILESS_MAIN(TestRateWindow)
#include "tst_ratewindow.moc"
