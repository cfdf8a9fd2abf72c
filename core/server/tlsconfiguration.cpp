#include "tlsconfiguration.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>

std::optional<QSslConfiguration> TlsConfiguration::load(const QString &certPath,
                                                        const QString &keyPath, QString *error)
{
    QFile certFile(certPath), keyFile(keyPath);
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
        *error =
            QStringLiteral("cannot read the TLS certificate %1 or key %2").arg(certPath, keyPath);
        return std::nullopt;
    }
    const QSslCertificate certificate(&certFile, QSsl::Pem);
    const QByteArray keyBytes = keyFile.readAll();
    QSslKey key(keyBytes, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyBytes, QSsl::Ec, QSsl::Pem);
    if (certificate.isNull() || key.isNull()) {
        *error = QStringLiteral("%1 or %2 is not a PEM certificate and key").arg(certPath, keyPath);
        return std::nullopt;
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    // OpenSSL negotiates TLS 1.3 whenever the client offers it.
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setCiphers(ciphers());
    configuration.setLocalCertificate(certificate);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    return configuration;
}

QList<QSslCipher> TlsConfiguration::ciphers()
{
    static const char *const names[] = {
        "TLS_AES_128_GCM_SHA256",       "TLS_AES_256_GCM_SHA384",
        "TLS_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256",
        "ECDHE-RSA-AES128-GCM-SHA256",  "ECDHE-ECDSA-AES256-GCM-SHA384",
        "ECDHE-RSA-AES256-GCM-SHA384",  "ECDHE-ECDSA-CHACHA20-POLY1305",
        "ECDHE-RSA-CHACHA20-POLY1305",
    };
    QList<QSslCipher> result;
    for (const char *name : names) {
        const QSslCipher cipher(QString::fromLatin1(name));
        if (!cipher.isNull())
            result.append(cipher);
    }
    return result;
}
