#include "wsclient.h"

#include "messagescanner.h"
#include "runtally.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QtEndian>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <ctime>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

namespace {

qint64 wallClockUs()
{
    timespec now{};
    ::clock_gettime(CLOCK_REALTIME, &now);
    return qint64(now.tv_sec) * 1'000'000 + now.tv_nsec / 1000;
}

QByteArray randomKey()
{
    quint32 words[4];
    QRandomGenerator::global()->fillRange(words);
    return QByteArray(reinterpret_cast<const char *>(words), sizeof words).toBase64();
}

QByteArray acceptFor(const QByteArray &key)
{
    return QCryptographicHash::hash(QByteArray(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"),
                                    QCryptographicHash::Sha1)
        .toBase64();
}

// The Sec-WebSocket-Accept value of a reply head: the name is case-insensitive, the value not.
QByteArray acceptHeader(const QByteArray &head)
{
    const QByteArrayView name = "\r\nsec-websocket-accept:";
    const qsizetype at = head.toLower().indexOf(name);
    if (at < 0)
        return {};
    const qsizetype from = at + name.size();
    return head.mid(from, head.indexOf('\r', from) - from).trimmed();
}

// Reads what has arrived, and when: the kernel's receive time of the newest bytes read
// (SO_TIMESTAMPNS, set at start) when it gives one, else the time now. The kernel's time leaves
// out how long the generator itself took to get round to this socket, which on a busy machine
// is its own wait for a core, not the server's latency. *kernelStamped says which it was.
ssize_t receiveStamped(int fd, char *buffer, qsizetype size, qint64 *receivedUs,
                       bool *kernelStamped)
{
    iovec io{buffer, size_t(size)};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(timespec))];
    msghdr message{};
    message.msg_iov = &io;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    const ssize_t got = ::recvmsg(fd, &message, 0);
    *receivedUs = wallClockUs();
    *kernelStamped = false;
    for (cmsghdr *c = CMSG_FIRSTHDR(&message); got > 0 && c; c = CMSG_NXTHDR(&message, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
            timespec stamp{};
            std::memcpy(&stamp, CMSG_DATA(c), sizeof stamp);
            *receivedUs = qint64(stamp.tv_sec) * 1'000'000 + stamp.tv_nsec / 1000;
            *kernelStamped = true;
        }
    }
    return got;
}

bool sendAll(int fd, QByteArrayView bytes)
{
    return ::send(fd, bytes.data(), size_t(bytes.size()), MSG_NOSIGNAL) == bytes.size();
}

} // namespace

WsClient::WsClient(RunTally *tally, int epollFd)
    : m_tally(tally)
    , m_epollFd(epollFd)
{}

WsClient::~WsClient()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool WsClient::start(const sockaddr_in &server, const QByteArray &hostHeader,
                     const QByteArray &target, const QByteArray &subscribeTopic, qint64 nowNs)
{
    if (!subscribeTopic.isEmpty())
        m_subscribe = R"({"type":"subscribe","id":1,"topics":[")" + subscribeTopic + R"("]})";
    const QByteArray key = randomKey();
    m_expectedAccept = acceptFor(key);
    m_request = "GET " + target + " HTTP/1.1\r\nHost: " + hostHeader +
                "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key +
                "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    m_startedNs = nowNs;
    m_state = State::Connecting;
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int on = 1;
    ::setsockopt(m_fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
    epoll_event event{EPOLLIN | EPOLLOUT | EPOLLRDHUP, {this}};
    const bool connecting =
        m_fd >= 0 &&
        (::connect(m_fd, reinterpret_cast<const sockaddr *>(&server), sizeof server) == 0 ||
         errno == EINPROGRESS) &&
        ::epoll_ctl(m_epollFd, EPOLL_CTL_ADD, m_fd, &event) == 0;
    if (!connecting)
        abandon(QByteArray("cannot connect: ") + ::strerror(errno));
    return connecting;
}

void WsClient::handle(quint32 events, char *scratch, qsizetype scratchSize)
{
    if (m_state == State::Connecting && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP)))
        onConnected();
    if ((m_state == State::Handshaking || m_state == State::Open) &&
        (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)))
        readSome(scratch, scratchSize);
}

void WsClient::onConnected()
{
    int error = 0;
    socklen_t length = sizeof error;
    if (::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0 || error != 0)
        return abandon(QByteArray("cannot connect: ") + ::strerror(error ? error : errno));
    // The request is a few hundred bytes: an empty socket buffer takes it whole.
    if (!sendAll(m_fd, m_request))
        return abandon("cannot send the handshake request");
    epoll_event event{EPOLLIN | EPOLLRDHUP, {this}};
    ::epoll_ctl(m_epollFd, EPOLL_CTL_MOD, m_fd, &event);
    m_state = State::Handshaking;
}

void WsClient::readSome(char *scratch, qsizetype scratchSize)
{
    qint64 receivedUs = 0;
    bool kernelStamped = false;
    const ssize_t got = receiveStamped(m_fd, scratch, scratchSize, &receivedUs, &kernelStamped);
    if (got > 0) {
        m_tally->unstampedReads += kernelStamped ? 0 : 1;
        // Every frame this read completes arrived at receivedUs.
        return receive(QByteArrayView(scratch, got), receivedUs);
    }
    if (got < 0 && (errno == EAGAIN || errno == EINTR))
        return;
    lose(got == 0 ? QByteArray("server closed the connection")
                  : QByteArray("read failed: ") + ::strerror(errno));
}

void WsClient::receive(QByteArrayView chunk, qint64 receivedUs)
{
    if (m_partial.isEmpty() && m_state == State::Open) {
        // The usual case: whole frames straight from the read buffer, only a tail kept.
        const qsizetype used = readFrames(chunk, receivedUs);
        if (m_state == State::Open)
            m_partial = chunk.sliced(used).toByteArray();
        return;
    }
    m_partial.append(chunk);
    if (m_state == State::Handshaking && !takeHandshakeReply())
        return;
    const qsizetype used = m_state == State::Open ? readFrames(m_partial, receivedUs) : 0;
    m_partial.remove(0, used);
}

// Checks the reply head once it is whole and leaves what follows it in m_partial.
bool WsClient::takeHandshakeReply()
{
    const qsizetype end = m_partial.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    const QByteArray head = m_partial.left(end + 2);
    if (!head.startsWith("HTTP/1.1 101 ") || acceptHeader(head) != m_expectedAccept) {
        abandon("refused: " + head.left(head.indexOf('\r')));
        return false;
    }
    m_partial.remove(0, end + 4);
    m_state = State::Open;
    ++m_tally->opened;
    if (!m_subscribe.isEmpty())
        sendSmallFrame(char(0x81), m_subscribe); // FIN + text
    return true;
}

qsizetype WsClient::readFrames(QByteArrayView data, qint64 receivedUs)
{
    qsizetype used = 0;
    while (m_state == State::Open) {
        const ServerFrameParser::Frame frame = ServerFrameParser::parse(data.sliced(used));
        if (frame.status == ServerFrameParser::Status::NeedMore)
            break;
        if (frame.status == ServerFrameParser::Status::Error) {
            lose("malformed frame from the server");
            break;
        }
        used += frame.consumed;
        if (!onFrame(frame, receivedUs))
            break;
    }
    return used;
}

bool WsClient::onFrame(const ServerFrameParser::Frame &frame, qint64 receivedUs)
{
    if (frame.opcode != ServerFrameParser::Text && frame.opcode != ServerFrameParser::Continuation)
        return onControl(frame);
    if (frame.fin && m_message.isEmpty()) {
        onMessage(frame.payload, receivedUs);
        return true;
    }
    m_message.append(frame.payload);
    if (frame.fin)
        onMessage(std::exchange(m_message, {}), receivedUs);
    return true;
}

// Answers a ping, ends on a close; binary and pong carry nothing the generator measures.
bool WsClient::onControl(const ServerFrameParser::Frame &frame)
{
    if (frame.opcode == ServerFrameParser::Ping)
        sendPong(frame.payload);
    if (frame.opcode != ServerFrameParser::Close)
        return true;
    const int code = frame.payload.size() >= 2 ? qFromBigEndian<quint16>(frame.payload.data()) : 0;
    lose("server sent close " + QByteArray::number(code) + ' ' +
         frame.payload.sliced(qMin<qsizetype>(2, frame.payload.size())).toByteArray());
    return false;
}

void WsClient::onMessage(QByteArrayView message, qint64 receivedUs)
{
    if (const std::optional<SampleStamp> stamp = MessageScanner::sample(message))
        return onSample(stamp->seq, stamp->tsMs, receivedUs);
    if (const std::optional<qint64> interval = MessageScanner::helloIntervalMs(message))
        m_tally->intervalMs = *interval;
}

void WsClient::onSample(qint64 seq, double tsMs, qint64 receivedUs)
{
    if (m_tally->measuring) {
        const qint64 latencyUs = receivedUs - std::llround(tsMs * 1000.0);
        m_tally->latencies.add(latencyUs);
        const auto [earliest, first] = m_tally->earliestUs.try_emplace(seq, latencyUs);
        if (!first)
            earliest->second = qMin(earliest->second, latencyUs);
        ++m_tally->samples;
        ++m_windowSamples;
        if (m_lastSeq >= 0 && seq > m_lastSeq + 1)
            m_tally->gaps += seq - m_lastSeq - 1;
    }
    m_lastSeq = qMax(m_lastSeq, seq);
}

// Client frames are masked (RFC 6455 5.3); the server closes a connection that does not answer
// its pings, so a long run must pong.
void WsClient::sendPong(QByteArrayView payload)
{
    sendSmallFrame(char(0x8A), payload); // FIN + pong; control payloads are at most 125 bytes
}

void WsClient::sendSmallFrame(char opcode, QByteArrayView payload)
{
    QByteArray frame(2 + 4, Qt::Uninitialized);
    frame[0] = opcode;
    frame[1] = char(0x80 | payload.size());
    const quint32 mask = QRandomGenerator::global()->generate();
    std::memcpy(frame.data() + 2, &mask, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(payload[i] ^ frame[2 + i % 4]));
    sendAll(m_fd, frame);
}

void WsClient::abandon(const QByteArray &why)
{
    if (m_tally->firstFailure.isEmpty())
        m_tally->firstFailure = why;
    finish(State::Failed);
}

void WsClient::lose(const QByteArray &why)
{
    if (m_state != State::Open)
        return abandon(why);
    if (m_tally->firstClose.isEmpty())
        m_tally->firstClose = why;
    finish(State::Closed);
}

void WsClient::finish(State state)
{
    if (state == State::Failed)
        ++m_tally->failed;
    else
        ++m_tally->closed;
    m_state = state;
    m_partial.clear();
    m_message.clear();
    if (m_fd >= 0)
        ::close(m_fd); // closing also takes it out of the epoll set
    m_fd = -1;
}
