#include "webassets.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>

namespace {

QByteArray contentType(const QString &fileName)
{
    static const QHash<QString, QByteArray> types = {
        {QStringLiteral("html"), "text/html; charset=utf-8"},
        {QStringLiteral("js"), "text/javascript; charset=utf-8"},
        {QStringLiteral("css"), "text/css; charset=utf-8"},
        {QStringLiteral("svg"), "image/svg+xml"},
        {QStringLiteral("png"), "image/png"},
        {QStringLiteral("json"), "application/json"},
    };
    return types.value(fileName.section(u'.', -1), "application/octet-stream");
}

QByteArray readResource(const QString &name)
{
    QFile file(name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A strong validator of these exact bytes: 128 bits of their SHA-256, which cannot repeat by
// chance between two versions of a file.
QByteArray entityTag(const QByteArray &bytes, const QByteArray &suffix = {})
{
    const QByteArray hash = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).first(16);
    return '"' + hash.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) +
           suffix + '"';
}

} // namespace

WebAssets::WebAssets()
{
    QDirIterator it(QStringLiteral(":/web"), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString resource = it.next();
        m_resources.insert(resource.mid(5).toUtf8(), resource); // ":/web/x" is served as "/x"
    }
    if (m_resources.contains("/index.html"))
        m_resources.insert("/", m_resources.value("/index.html"));
}

const WebAssets::Asset *WebAssets::find(const QByteArray &path)
{
    const auto loaded = m_loaded.constFind(path);
    if (loaded != m_loaded.constEnd())
        return &*loaded;
    const auto resource = m_resources.constFind(path);
    if (resource == m_resources.constEnd())
        return nullptr;
    Asset asset;
    asset.contentType = contentType(*resource);
    asset.identity = readResource(*resource);
    asset.identityTag = entityTag(asset.identity);
    const QByteArray gzip = readResource(QStringLiteral(":/web-gzip") + resource->mid(5));
    if (!gzip.isEmpty() && gzip.size() < asset.identity.size()) {
        asset.gzip = gzip;
        asset.gzipTag = entityTag(gzip, "-gz");
    }
    return &*m_loaded.insert(path, asset);
}
