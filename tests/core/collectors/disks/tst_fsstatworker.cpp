#include "collectors/disks/fsstatworker.h"

#include "gate.h"

#include <QTest>

#include <atomic>
#include <memory>

using namespace std::chrono_literals;

namespace {

// Answers with `total` as it is when the call returns, after passing the gate.
struct FakeShare
{
    std::shared_ptr<Gate> gate = std::make_shared<Gate>();
    std::shared_ptr<std::atomic<quint64>> total = std::make_shared<std::atomic<quint64>>(1000);

    FsStatFunction function() const
    {
        return [gate = gate, total = total](const QString &) -> std::optional<FsStats> {
            gate->pass();
            if (*total == 0)
                return std::nullopt; // a share that refuses: ENOENT, EACCES
            return FsStats{*total, *total / 2, *total / 2, 7};
        };
    }
};

quint64 totalOf(const std::optional<FsStats> &stats)
{
    return stats ? stats->total : 0;
}

} // namespace

class TestFsStatWorker : public QObject
{
    Q_OBJECT

private slots:
    void answersAndFollowsChanges();
    void hungCallKeepsTheLastReading();
    void noSecondCallWhileOneHangs();
    void reportsACallStuckTooLong();
    void failureIsNotAReading();
    void destroyedWhileACallHangs();
};

void TestFsStatWorker::answersAndFollowsChanges()
{
    FakeShare share;
    FsStatWorker worker(QStringLiteral("/mnt/share"), share.function());
    QTRY_COMPARE(totalOf(worker.sizes()), quint64(1000));
    QVERIFY(worker.hasAnswered());
    *share.total = 2000;
    QTRY_COMPARE(totalOf(worker.sizes()), quint64(2000));
}

void TestFsStatWorker::hungCallKeepsTheLastReading()
{
    FakeShare share;
    FsStatWorker worker(QStringLiteral("/mnt/share"), share.function());
    QTRY_COMPARE(totalOf(worker.sizes()), quint64(1000));
    share.gate->close();
    *share.total = 3000;
    // Each call returns although the share does not answer, with what it said last.
    for (int tick = 0; tick < 3; ++tick)
        QCOMPARE(totalOf(worker.sizes()), quint64(1000));
    share.gate->open();
    QTRY_COMPARE(totalOf(worker.sizes()), quint64(3000));
}

void TestFsStatWorker::noSecondCallWhileOneHangs()
{
    FakeShare share;
    FsStatWorker worker(QStringLiteral("/mnt/share"), share.function());
    QTRY_VERIFY(worker.hasAnswered());
    const int before = share.gate->passes();
    share.gate->close();
    worker.sizes();
    QTRY_COMPARE(share.gate->passes(), before + 1); // the call that now hangs
    for (int tick = 0; tick < 5; ++tick)
        worker.sizes();
    // Ticks do not pile up calls behind the hung one: a dead server would collect threads.
    QCOMPARE(share.gate->passes(), before + 1);
    share.gate->open();
}

void TestFsStatWorker::reportsACallStuckTooLong()
{
    FakeShare share;
    FsStatWorker worker(QStringLiteral("/mnt/share"), share.function(), 50ms);
    QTRY_VERIFY(worker.hasAnswered());
    QCOMPARE(worker.stuckFor(), 0ms);
    share.gate->close();
    worker.sizes();
    QTRY_VERIFY(worker.stuckFor() >= 50ms);
    share.gate->open();
    QTRY_COMPARE(worker.stuckFor(), 0ms);
}

void TestFsStatWorker::failureIsNotAReading()
{
    FakeShare share;
    *share.total = 0;
    FsStatWorker worker(QStringLiteral("/mnt/share"), share.function());
    QTRY_VERIFY(worker.hasAnswered());
    QVERIFY(!worker.sizes().has_value());
}

void TestFsStatWorker::destroyedWhileACallHangs()
{
    FakeShare share;
    auto worker = std::make_unique<FsStatWorker>(QStringLiteral("/mnt/share"), share.function());
    QTRY_VERIFY(worker->hasAnswered());
    share.gate->close();
    worker->sizes();
    QTRY_COMPARE(share.gate->passes(), 2);
    worker.reset(); // returns: a shutdown must not hang on a dead share
    share.gate->open();
    // The abandoned thread finishes on its own, without the worker it served.
    QTRY_COMPARE(share.gate.use_count(), 1L);
}

QTEST_GUILESS_MAIN(TestFsStatWorker)
#include "tst_fsstatworker.moc"
