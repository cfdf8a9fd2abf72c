#pragma once

#include "serverframeparser.h"

#include <QByteArray>
#include <QByteArrayView>

#include <netinet/in.h>

struct RunTally;

// One WebSocket connection on a non-blocking socket that the generator's epoll loop drives: the
// client side of the handshake, frames read in place (no copy unless a frame spans two reads),
// pong for ping, and for every sample message its latency, seq gap and count into the RunTally.
class WsClient
{
public:
    enum class State { Idle, Connecting, Handshaking, Open, Closed, Failed };

    WsClient(RunTally *tally, int epollFd);
    ~WsClient();
    WsClient(const WsClient &) = delete;
    WsClient &operator=(const WsClient &) = delete;

    // Starts connecting to server and registers with the epoll set; false (and Failed) at once
    // if the socket cannot be made. nowNs: CLOCK_MONOTONIC, ns.
    // subscribeTopic, where not empty, is subscribed to as soon as the connection opens.
    bool start(const sockaddr_in &server, const QByteArray &hostHeader, const QByteArray &target,
               const QByteArray &subscribeTopic, qint64 nowNs);
    // Handles epoll events for this socket; scratch is a buffer for reading, shared by all.
    void handle(quint32 events, char *scratch, qsizetype scratchSize);
    // Gives up on a connection that has not opened yet (handshake timeout).
    void abandon(const QByteArray &why);

    State state() const { return m_state; }
    bool isSettled() const { return m_state >= State::Open; }
    qint64 startedNs() const { return m_startedNs; } // when start() ran, CLOCK_MONOTONIC ns
    // Samples this client received in the measured window.
    qint64 windowSamples() const { return m_windowSamples; }

private:
    void onConnected();
    void readSome(char *scratch, qsizetype scratchSize);
    void receive(QByteArrayView chunk, qint64 receivedUs);
    bool takeHandshakeReply();
    qsizetype readFrames(QByteArrayView data, qint64 receivedUs);
    bool onFrame(const ServerFrameParser::Frame &frame, qint64 receivedUs);
    bool onControl(const ServerFrameParser::Frame &frame);
    void onMessage(QByteArrayView message, qint64 receivedUs);
    void onSample(qint64 seq, double tsMs, qint64 receivedUs);
    void sendPong(QByteArrayView payload);
    // One masked frame of at most 125 bytes: a pong or a short request.
    void sendSmallFrame(char opcode, QByteArrayView payload);
    void lose(const QByteArray &why);
    void finish(State state);

    RunTally *m_tally;
    int m_epollFd;
    int m_fd = -1;
    State m_state = State::Idle;
    QByteArray m_request;        // the handshake request, sent once connected
    QByteArray m_expectedAccept; // Sec-WebSocket-Accept the server must answer with
    QByteArray m_partial;        // received bytes not yet a whole frame (or the reply head)
    QByteArray m_subscribe;      // the subscribe request to send once open, or empty
    QByteArray m_message;        // a fragmented message being assembled
    qint64 m_startedNs = 0;
    qint64 m_lastSeq = -1; // seq of the latest sample received, -1 before the first
    qint64 m_windowSamples = 0;
};
