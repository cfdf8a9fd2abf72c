#pragma once

#include <QList>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QString>

#include <optional>

// The TLS side of the one port: the certificate and key from PEM files, and the protocol and
// cipher policy every TLS connection gets.
class TlsConfiguration
{
public:
    // The server's configuration from two PEM files, or nothing with the reason in *error.
    static std::optional<QSslConfiguration> load(const QString &certPath, const QString &keyPath,
                                                 QString *error);
    // Mozilla's "intermediate" profile without its finite-field DHE suites: TLS 1.3's suites,
    // then for TLS 1.2 only forward-secret ECDHE key exchange with AEAD ciphers. No static RSA
    // key exchange, no CBC, no SHA-1 MACs.
    static QList<QSslCipher> ciphers();
};
