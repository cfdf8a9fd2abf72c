#include "protocolmessages.h"

#include "protocol/snapshotjson.h"

#include <QJsonDocument>

QByteArray ProtocolMessages::compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject ProtocolMessages::settingsObject(const QVariantMap &settings)
{
    return QJsonObject::fromVariantMap(settings);
}

QByteArray ProtocolMessages::hello(const Hello &hello)
{
    return compact(
        {{QStringLiteral("type"), QStringLiteral("hello")},
         {QStringLiteral("protocol"), Version},
         {QStringLiteral("server"), QStringLiteral("vantage")},
         {QStringLiteral("host"), SnapshotJson::host(hello.host)},
         {QStringLiteral("intervalMs"), hello.intervalMs},
         {QStringLiteral("historySeconds"), hello.historySeconds},
         {QStringLiteral("settings"), settingsObject(hello.settings)},
         {QStringLiteral("role"), hello.admin ? QStringLiteral("admin") : QStringLiteral("viewer")},
         {QStringLiteral("tokenSet"), hello.tokenSet},
         {QStringLiteral("series"), seriesJson(hello.series)}});
}

QJsonArray ProtocolMessages::seriesJson(const QList<SeriesInfo> &series)
{
    const auto orNull = [](const QString &text) {
        return text.isEmpty() ? QJsonValue() : QJsonValue(text);
    };
    QJsonArray array;
    for (const SeriesInfo &info : series) {
        array.append(
            QJsonObject{{QStringLiteral("id"), info.id},
                        {QStringLiteral("label"), info.label},
                        {QStringLiteral("unit"), orNull(info.unit)},
                        {QStringLiteral("group"), orNull(info.group)},
                        {QStringLiteral("max"), SnapshotJson::number(info.max)},
                        {QStringLiteral("instance"), orNull(info.instance)},
                        {QStringLiteral("rollup"), QJsonArray::fromStringList(info.rollup)},
                        {QStringLiteral("gone"), info.gone}});
    }
    return array;
}

QByteArray ProtocolMessages::catalog(const QList<SeriesInfo> &series)
{
    return compact({{QStringLiteral("type"), QStringLiteral("catalog")},
                    {QStringLiteral("series"), seriesJson(series)}});
}

QByteArray ProtocolMessages::history(const History::Window &window, int seconds, quint64 lastSeq)
{
    QJsonObject object = SnapshotJson::window(window);
    object.insert(QStringLiteral("type"), QStringLiteral("history"));
    object.insert(QStringLiteral("seconds"), seconds);
    object.insert(QStringLiteral("seq"), double(lastSeq));
    return compact(object);
}

QByteArray ProtocolMessages::sample(const QByteArray &snapshotText)
{
    // `type` goes first, then the Snapshot's own members: "{" + members + "}".
    static const QByteArray head = QByteArrayLiteral("{\"type\":\"sample\"");
    if (snapshotText.size() <= 2)
        return head + '}';
    return head + ',' + QByteArrayView(snapshotText).sliced(1);
}

QByteArray ProtocolMessages::settings(const QVariantMap &settings)
{
    return compact({{QStringLiteral("type"), QStringLiteral("settings")},
                    {QStringLiteral("settings"), settingsObject(settings)}});
}

QByteArray ProtocolMessages::alert(const Alert &alert)
{
    QJsonObject object = alert.toJson();
    object.insert(QStringLiteral("type"), QStringLiteral("alert"));
    return compact(object);
}

QByteArray ProtocolMessages::error(const QString &code, const QString &message,
                                   const QJsonValue &id)
{
    QJsonObject object{{QStringLiteral("type"), QStringLiteral("error")},
                       {QStringLiteral("code"), code},
                       {QStringLiteral("message"), message}};
    if (!id.isUndefined())
        object.insert(QStringLiteral("id"), id);
    return compact(object);
}

QByteArray ProtocolMessages::pong(const QJsonValue &id)
{
    return compact({{QStringLiteral("type"), QStringLiteral("pong")},
                    {QStringLiteral("id"), id.isUndefined() ? QJsonValue() : id}});
}

QByteArray ProtocolMessages::authResult(bool admin, const QJsonValue &id)
{
    QJsonObject object{
        {QStringLiteral("type"), QStringLiteral("auth")},
        {QStringLiteral("role"), admin ? QStringLiteral("admin") : QStringLiteral("viewer")}};
    if (!id.isUndefined())
        object.insert(QStringLiteral("id"), id);
    return compact(object);
}

QByteArray ProtocolMessages::result(const QJsonValue &id)
{
    QJsonObject object{{QStringLiteral("type"), QStringLiteral("result")},
                       {QStringLiteral("ok"), true}};
    if (!id.isUndefined())
        object.insert(QStringLiteral("id"), id);
    return compact(object);
}

QByteArray ProtocolMessages::historyRange(const QJsonObject &range, const QJsonValue &id)
{
    QJsonObject object = range;
    object.insert(QStringLiteral("type"), QStringLiteral("historyRange"));
    object.insert(QStringLiteral("id"), id.isUndefined() ? QJsonValue() : id);
    return compact(object);
}
