#include "notify/notifysender.h"

#include "notify/desktopnotifications.h"
#include "notify/notifypayload.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QProcess>
#include <QTimer>
#include <QUrl>

namespace {

QString networkError(QNetworkReply *reply)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 0)
        return QStringLiteral("HTTP status %1").arg(status);
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("connection refused");
    case QNetworkReply::RemoteHostClosedError:
        return QStringLiteral("the server closed the connection");
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("host not found");
    case QNetworkReply::OperationCanceledError:
    case QNetworkReply::TimeoutError:
        return QStringLiteral("no answer in time");
    case QNetworkReply::SslHandshakeFailedError:
        return QStringLiteral("TLS handshake failed (certificate not trusted?)");
    default:
        return QStringLiteral("network error %1").arg(int(reply->error()));
    }
}

QUrl targetUrl(const NotifySender::Request &request)
{
    QUrl url(request.channel.url);
    if (request.channel.type == NotifyChannel::Type::Alertmanager) {
        QString path = url.path();
        while (path.endsWith(u'/'))
            path.chop(1);
        url.setPath(path + QStringLiteral("/api/v2/alerts"));
    }
    return url;
}

} // namespace

NotifySender::NotifySender(int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_timeoutMs(timeoutMs)
    , m_network(new QNetworkAccessManager(this))
    , m_insecureNetwork(new QNetworkAccessManager(this))
{}

NotifySender::~NotifySender()
{
    abortAll();
}

void NotifySender::send(const Request &request, const Done &done)
{
    if (request.channel.type == NotifyChannel::Type::Command)
        runCommand(request, done);
    else if (request.channel.type == NotifyChannel::Type::Desktop)
        desktop()->show(request.events, request.channel.resolved, done);
    else
        sendHttp(request, done);
}

void NotifySender::sendHttp(const Request &request, const Done &done)
{
    QNetworkRequest http(targetUrl(request));
    http.setTransferTimeout(m_timeoutMs);
    http.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Vantage"));
    QByteArray body;
    const NotifyChannel &channel = request.channel;
    if (channel.type == NotifyChannel::Type::Ntfy) {
        const NotifyPayload::Ntfy message = NotifyPayload::ntfy(request.events, request.host);
        http.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("text/plain"));
        http.setRawHeader("Title", message.title);
        http.setRawHeader("Priority", message.priority);
        http.setRawHeader("Tags", message.tags);
        body = message.body;
    } else {
        http.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        body = channel.type == NotifyChannel::Type::Alertmanager
                   ? NotifyPayload::alertmanagerBody(request.events, request.open,
                                                     request.generatorUrl)
                   : NotifyPayload::webhookBody(request.events, request.host);
        if (!channel.secret.isEmpty())
            http.setRawHeader("X-Vantage-Signature",
                              NotifyPayload::signature(channel.secret, body));
    }
    if (!channel.token.isEmpty())
        http.setRawHeader("Authorization", "Bearer " + channel.token);
    for (const auto &[name, value] : channel.headers)
        http.setRawHeader(name, value);
    QNetworkReply *reply = (channel.insecure ? m_insecureNetwork : m_network)->post(http, body);
    if (channel.insecure)
        connect(reply, &QNetworkReply::sslErrors, reply,
                [reply](const QList<QSslError> &errors) { reply->ignoreSslErrors(errors); });
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, done] { finishHttp(reply, done); });
}

void NotifySender::finishHttp(QNetworkReply *reply, const Done &done)
{
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    done(reply->error() == QNetworkReply::NoError && status >= 200 && status < 300
             ? QString()
             : networkError(reply));
}

// No shell: the program and its arguments come from the url field split as a shell would split
// words, but nothing in them is expanded or run by a shell.
void NotifySender::runCommand(const Request &request, const Done &done)
{
    QStringList words = QProcess::splitCommand(request.channel.url);
    auto *process = new QProcess(this);
    auto *timer = new QTimer(process);
    auto finished = std::make_shared<bool>(false);
    auto late = std::make_shared<bool>(false);
    const auto finish = [process, done, finished](const QString &error) {
        if (*finished)
            return;
        *finished = true;
        process->deleteLater();
        done(error);
    };
    process->setProgram(words.takeFirst());
    process->setArguments(words);
    process->setProcessEnvironment(NotifyPayload::commandEnvironment(request.events));
    process->setStandardOutputFile(QProcess::nullDevice());
    process->setStandardErrorFile(QProcess::nullDevice());
    connect(process, &QProcess::errorOccurred, process, [finish](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            finish(QStringLiteral("the program could not be started"));
    });
    connect(process, &QProcess::finished, process,
            [finish, timer, late](int code, QProcess::ExitStatus status) {
                timer->stop();
                if (*late)
                    finish(QStringLiteral("the program ran past its time and was killed"));
                else if (status == QProcess::CrashExit)
                    finish(QStringLiteral("the program was killed or crashed"));
                else
                    finish(code == 0
                               ? QString()
                               : QStringLiteral("the program exited with status %1").arg(code));
            });
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, process, [process, late] {
        *late = true;
        process->kill(); // finished() follows and reports it
    });
    timer->start(m_timeoutMs);
    process->start();
    process->write(NotifyPayload::webhookBody(request.events, request.host));
    process->closeWriteChannel();
}

DesktopNotifications *NotifySender::desktop()
{
    if (!m_desktop) {
        m_desktop = new DesktopNotifications(m_timeoutMs, this);
        connect(m_desktop, &DesktopNotifications::acknowledgeRequested, this,
                &NotifySender::acknowledgeRequested);
        connect(m_desktop, &DesktopNotifications::openRequested, this,
                &NotifySender::openRequested);
    }
    return m_desktop;
}

void NotifySender::abortAll()
{
    if (m_desktop)
        m_desktop->abortAll();
    for (QNetworkReply *reply : findChildren<QNetworkReply *>()) {
        reply->disconnect(this);
        reply->abort();
    }
    for (QProcess *process : findChildren<QProcess *>()) {
        process->disconnect();
        process->kill();
        process->waitForFinished(1000);
    }
}
