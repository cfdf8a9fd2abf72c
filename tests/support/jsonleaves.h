#pragma once

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

// Every leaf of a JSON tree as "path=value", sorted: two trees compare line by line, so a test's
// failure names the field whose value differs.
namespace JsonLeaves {

inline void flatten(const QString &path, const QJsonValue &value, QStringList &lines)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            flatten(path.isEmpty() ? it.key() : path + u'.' + it.key(), it.value(), lines);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            flatten(path + u'[' + QString::number(i) + u']', array.at(i), lines);
    } else {
        const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        lines.append(path + u'=' + QString::fromUtf8(text.mid(1, text.size() - 2)));
    }
}

inline QStringList of(const QJsonObject &object)
{
    QStringList lines;
    flatten(QString(), object, lines);
    lines.sort();
    return lines;
}

} // namespace JsonLeaves
