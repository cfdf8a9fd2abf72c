#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

// The dashboard's files, compiled into the executable under :/web, with their gzip forms
// (compressed at build time under :/web-gzip). A file is read, with the ETags of both forms, the
// first time a browser asks for it, and kept: the files never change while we run, and a headless
// server that no browser visits holds none of them in memory.
class WebAssets
{
public:
    struct Asset
    {
        QByteArray contentType;
        QByteArray identity;
        QByteArray identityTag;
        QByteArray gzip; // empty where gzip would not be smaller
        QByteArray gzipTag;
    };

    WebAssets();

    bool contains(const QByteArray &path) const { return m_resources.contains(path); }
    // The file served at path ("/" is /index.html); nullptr where there is none.
    const Asset *find(const QByteArray &path);

private:
    QHash<QByteArray, QString> m_resources; // served path -> its resource under :/web
    QHash<QByteArray, Asset> m_loaded;
};
