#include "settings/settings.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

// Settings::remove: a notification channel taken out as a whole, by a panel.
class TestSettingsRemove : public QObject
{
    Q_OBJECT

private slots:
    void aChannelLeavesTheFileAndReadsAsDefaults();
    void removingNothingSavesNothing();
};

namespace {

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

bool write(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

void TestSettingsRemove::aChannelLeavesTheFileAndReadsAsDefaults()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("vantage.conf"));
    QVERIFY(write(path, "; where alerts go\n"
                        "[notify/ops]\n"
                        "type = webhook\n"
                        "url = https://hooks.example.org/x\n"
                        "[notify/phone]\n"
                        "type = ntfy\n"
                        "url = https://ntfy.sh/t\n"
                        "[notify]\n"
                        "groupSeconds = 5\n"
                        "ops/repeat = 30\n"));
    Settings settings(path);
    QVERIFY(settings.load());
    QCOMPARE(settings.channels(), (QStringList{"ops", "phone"}));
    QSignalSpy changed(&settings, &Settings::changed);

    QCOMPARE(settings.remove(QStringLiteral("notify/ops/")), QString());

    // Every key of the channel, in its own section or written under [notify], is gone with its
    // header; the comment, the other channel and notify/groupSeconds stay as written.
    QCOMPARE(contents(path), QByteArray("; where alerts go\n"
                                        "[notify/phone]\n"
                                        "type = ntfy\n"
                                        "url = https://ntfy.sh/t\n"
                                        "[notify]\n"
                                        "groupSeconds = 5\n"));
    QCOMPARE(settings.channels(), QStringList{"phone"});
    QCOMPARE(settings.value("notify/ops/url").toString(), QString());
    QCOMPARE(settings.value("notify/groupSeconds").toInt(), 5);
    // Changed: repeat 30 → 0, type webhook → "", url → ""; the rest were at their defaults.
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toStringList(),
             (QStringList{"notify/ops/repeat", "notify/ops/type", "notify/ops/url"}));
    Settings reread(path);
    QVERIFY(reread.load());
    QCOMPARE(reread.channels(), QStringList{"phone"});
}

void TestSettingsRemove::removingNothingSavesNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("vantage.conf"));
    Settings settings(path);
    QVERIFY(settings.load());
    QSignalSpy changed(&settings, &Settings::changed);
    QCOMPARE(settings.remove(QStringLiteral("notify/nobody/")), QString());
    QCOMPARE(changed.size(), 0);
    QVERIFY(!QFile::exists(path));
}

QTEST_GUILESS_MAIN(TestSettingsRemove)
#include "tst_settingsremove.moc"
