package org.doorstep.sim;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTSP control connection: reads requests (skipping interleaved RTCP from the client), answers them,
 * and — once a session plays — sends RTP from its own sender thread, so a slow client only ever delays
 * itself. Anything that is not a well-formed request gets an error response; framing errors close only
 * this connection.
 */
final class RtspConnection implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RtspConnection.class);
    static final int MAX_HEAD = 8192;
    static final int MAX_BODY = 8192;
    private static final int READ_TIMEOUT_MS = 15_000;
    private static final int IDLE_LIMIT_MS = 60_000;
    private static final int QUEUE_FRAMES = 96;
    private static final long SENDER_REPORT_NANOS = 5_000_000_000L;
    private static final String PUBLIC = "OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER, SET_PARAMETER";
    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    /** One queued packet group: a picture (video) or an audio payload, with its media time. */
    record Outgoing(RtpTrack track, VideoFrame frame, byte[] audio, long mediaTime) { }

    /**
     * Ends the sender thread. Not an interrupt: the server's UDP channel is shared by every connection, and a thread
     * interrupted while sending on it closes it for all of them (ClosedByInterruptException) — every later UDP client
     * got its connection closed right after PLAY.
     */
    private static final Outgoing STOP = new Outgoing(null, null, null, 0);

    private final RtspServer server;
    private final Socket socket;
    private final int id;
    private final Object writeLock = new Object();
    private final ArrayBlockingQueue<Outgoing> queue = new ArrayBlockingQueue<>(QUEUE_FRAMES);
    private final byte[] head = new byte[MAX_HEAD];
    private int headLen;
    private InputStream in;
    private OutputStream out;
    private volatile RtspSession session;
    private Thread sender;
    private volatile boolean closed;
    private byte[] sendBuf = new byte[64 * 1024];
    private final byte[] rtpHeader = new byte[12];

    RtspConnection(RtspServer server, Socket socket, int id) {
        this.server = server;
        this.socket = socket;
        this.id = id;
    }

    int id() {
        return id;
    }

    @Override
    public void run() {
        try {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
            int idleMs = 0;
            while (!closed) {
                RtspRequest req;
                try {
                    req = readRequest();
                } catch (SocketTimeoutException e) {
                    if (headLen > 0) {
                        LOG.debug("conn {}: request not completed in time, closing", id);
                        break;
                    }
                    idleMs += READ_TIMEOUT_MS;
                    if (session == null && idleMs >= IDLE_LIMIT_MS) {
                        break;
                    }
                    continue;
                } catch (RtspRequest.BadRequest e) {
                    LOG.debug("conn {}: {} -> {}", id, e.getMessage(), e.status);
                    respond(e.status, null, List.of("Connection: close"), null, null);
                    lingerBeforeClose();
                    break;
                }
                if (req == null) {
                    break;
                }
                idleMs = 0;
                try {
                    handle(req);
                } catch (IOException e) {
                    throw e;
                } catch (RuntimeException e) {
                    LOG.warn("conn {}: failed to handle {}", id, req.method, e);
                    respond(500, req.cseq(), List.of(), null, null);
                }
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.debug("conn {}: {}", id, e.toString());
            }
        } finally {
            close(false);
        }
    }

    /**
     * Closing with unread input makes the kernel send a reset, which can destroy the error response before
     * the client reads it; so stop sending, then swallow what the client still sends, briefly and boundedly.
     */
    private void lingerBeforeClose() {
        try {
            socket.shutdownOutput();
            socket.setSoTimeout(500);
            long deadline = System.nanoTime() + 1_000_000_000L;
            byte[] sink = new byte[8192];
            int total = 0;
            while (System.nanoTime() < deadline && total < 1 << 20) {
                int n = in.read(sink);
                if (n < 0) {
                    break;
                }
                total += n;
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Reads one request; null at end of stream. Interleaved frames from the client (RTCP) are skipped. */
    private RtspRequest readRequest() throws IOException, RtspRequest.BadRequest {
        headLen = 0;
        int end;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (headLen == 0) {
                if (b == '$') {
                    headLen = 1; // partial until the frame is skipped
                    in.read();
                    int len = (in.read() << 8) | in.read();
                    if (len < 0) {
                        return null;
                    }
                    in.skipNBytes(len);
                    headLen = 0;
                    continue;
                }
                if (b == '\r' || b == '\n') {
                    continue;
                }
            }
            if (headLen >= MAX_HEAD) {
                throw new RtspRequest.BadRequest(400, "request head larger than " + MAX_HEAD + " bytes");
            }
            head[headLen++] = (byte) b;
            if (b == '\n') {
                if (headLen >= 4 && head[headLen - 2] == '\r' && head[headLen - 3] == '\n' && head[headLen - 4] == '\r') {
                    end = headLen - 4;
                    break;
                }
                if (headLen >= 2 && head[headLen - 2] == '\n') {
                    end = headLen - 2;
                    break;
                }
            }
        }
        RtspRequest req = RtspRequest.parseHead(head, end);
        String cl = req.header("Content-Length");
        if (cl != null) {
            int n;
            try {
                n = Integer.parseInt(cl.trim());
            } catch (NumberFormatException e) {
                throw new RtspRequest.BadRequest(400, "bad Content-Length");
            }
            if (n < 0) {
                throw new RtspRequest.BadRequest(400, "bad Content-Length");
            }
            if (n > MAX_BODY) {
                throw new RtspRequest.BadRequest(413, "body larger than " + MAX_BODY + " bytes");
            }
            req = req.withBody(in.readNBytes(n));
        }
        headLen = 0;
        return req;
    }

    private void handle(RtspRequest req) throws IOException {
        String cseq = req.cseq();
        if (cseq == null) {
            respond(400, null, List.of(), null, null);
            return;
        }
        if (!"RTSP/1.0".equals(req.version)) {
            respond(505, cseq, List.of(), null, null);
            return;
        }
        switch (req.method) {
            case "OPTIONS" -> respond(200, cseq, List.of("Public: " + PUBLIC), null, null);
            case "DESCRIBE", "SETUP", "PLAY", "PAUSE", "TEARDOWN", "GET_PARAMETER", "SET_PARAMETER" -> {
                if (authorized(req)) {
                    dispatch(req);
                }
            }
            case "ANNOUNCE", "RECORD", "REDIRECT" -> respond(405, cseq, List.of("Allow: " + PUBLIC), null, null);
            default -> respond(501, cseq, List.of("Public: " + PUBLIC), null, null);
        }
    }

    private boolean authorized(RtspRequest req) throws IOException {
        RtspAuth auth = server.auth();
        if (auth == null) {
            return true;
        }
        RtspAuth.Result r = auth.check(req);
        if (r == RtspAuth.Result.OK) {
            return true;
        }
        List<String> headers = auth.challenges(r == RtspAuth.Result.STALE).stream()
                .map(c -> "WWW-Authenticate: " + c).toList();
        respond(401, req.cseq(), headers, null, null);
        return false;
    }

    private void dispatch(RtspRequest req) throws IOException {
        switch (req.method) {
            case "DESCRIBE" -> describe(req);
            case "SETUP" -> setup(req);
            case "PLAY" -> play(req);
            case "PAUSE" -> pause(req);
            case "TEARDOWN" -> teardown(req);
            default -> parameter(req);
        }
    }

    private void describe(RtspRequest req) throws IOException {
        String redirect = server.describeRedirect();
        if (redirect != null) {
            respond(302, req.cseq(), List.of("Location: " + redirect), null, null);
            return;
        }
        String path = req.path();
        LiveStream stream = path == null ? null : server.stream(trimSlash(path));
        if (stream == null) {
            respond(404, req.cseq(), List.of(), null, null);
            return;
        }
        String base = req.uri.endsWith("/") ? req.uri : req.uri + "/";
        String sdp = stream.sdp(server.sessionVersion(), socket.getLocalAddress().getHostAddress());
        respond(200, req.cseq(), List.of("Content-Base: " + base), "application/sdp", sdp);
    }

    private static String trimSlash(String p) {
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private void setup(RtspRequest req) throws IOException {
        String path = req.path();
        if (path == null) {
            respond(404, req.cseq(), List.of(), null, null);
            return;
        }
        path = trimSlash(path);
        LiveStream stream = server.stream(path);
        int track = 0;
        if (stream == null) {
            int slash = path.lastIndexOf('/');
            stream = slash > 0 ? server.stream(path.substring(0, slash)) : null;
            String control = path.substring(slash + 1);
            if (stream == null || !control.startsWith("trackID=")) {
                respond(404, req.cseq(), List.of(), null, null);
                return;
            }
            try {
                track = Integer.parseInt(control.substring("trackID=".length()));
            } catch (NumberFormatException e) {
                track = -1;
            }
            if (track < 0 || track >= stream.trackCount()) {
                respond(404, req.cseq(), List.of(), null, null);
                return;
            }
        }
        String sessionHeader = sessionId(req);
        if (sessionHeader != null && (session == null || !session.id.equals(sessionHeader))) {
            respond(454, req.cseq(), List.of(), null, null);
            return;
        }
        if (session != null && session.stream != stream) {
            respond(459, req.cseq(), List.of(), null, null);
            return;
        }
        String transport = req.header("Transport");
        RtpTrack rtp = transport == null ? null : chooseTransport(transport, stream, track);
        if (rtp == null) {
            respond(461, req.cseq(), List.of(), null, null);
            return;
        }
        if (session == null) {
            session = new RtspSession(String.format("%016X", ThreadLocalRandom.current().nextLong()), stream, this);
        }
        session.tracks[track] = rtp;
        String reply = rtp.isUdp()
                ? String.format("RTP/AVP;unicast;client_port=%d-%d;server_port=%d-%d;ssrc=%s", rtp.rtpDest.getPort(),
                        rtp.rtcpDest.getPort(), server.udpRtpPort(), server.udpRtpPort() + 1, rtp.ssrcHex())
                : String.format("RTP/AVP/TCP;unicast;interleaved=%d-%d;ssrc=%s", rtp.rtpChannel, rtp.rtcpChannel, rtp.ssrcHex());
        respond(200, req.cseq(), List.of("Transport: " + reply, "Session: " + session.id + ";timeout=60"), null, null);
    }

    private RtpTrack chooseTransport(String header, LiveStream stream, int track) {
        int pt = track == 0 ? 96 : stream.audio().payloadType();
        int clock = track == 0 ? 90_000 : stream.audio().sampleRate();
        for (String alt : header.split(",")) {
            String[] parts = alt.trim().split(";");
            String proto = parts[0].trim().toUpperCase(Locale.ROOT);
            boolean multicast = false;
            int[] interleaved = null;
            int[] clientPort = null;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                if (p.equalsIgnoreCase("multicast")) {
                    multicast = true;
                } else if (p.startsWith("interleaved=")) {
                    interleaved = range(p.substring("interleaved=".length()));
                } else if (p.startsWith("client_port=")) {
                    clientPort = range(p.substring("client_port=".length()));
                }
            }
            if (multicast) {
                continue;
            }
            if (proto.equals("RTP/AVP/TCP")) {
                int a = interleaved != null ? interleaved[0] : 2 * track;
                int b = interleaved != null ? interleaved[1] : a + 1;
                if (a < 0 || a > 255 || b < 0 || b > 255) {
                    continue;
                }
                return RtpTrack.interleaved(track, pt, clock, a, b);
            }
            if ((proto.equals("RTP/AVP") || proto.equals("RTP/AVP/UDP")) && clientPort != null
                    && clientPort[0] > 0 && clientPort[0] < 65536 && clientPort[1] > 0 && clientPort[1] < 65536
                    && server.udpRtpPort() > 0) {
                // only ever send to the address the request came from, never to a "destination" parameter
                var addr = socket.getInetAddress();
                return RtpTrack.udp(track, pt, clock, new InetSocketAddress(addr, clientPort[0]),
                        new InetSocketAddress(addr, clientPort[1]));
            }
        }
        return null;
    }

    private static int[] range(String s) {
        try {
            String[] ab = s.split("-");
            int a = Integer.parseInt(ab[0].trim());
            int b = ab.length > 1 ? Integer.parseInt(ab[1].trim()) : a + 1;
            return new int[] {a, b};
        } catch (NumberFormatException e) {
            return new int[] {-1, -1};
        }
    }

    private static String sessionId(RtspRequest req) {
        String s = req.header("Session");
        if (s == null) {
            return null;
        }
        int semi = s.indexOf(';');
        return (semi < 0 ? s : s.substring(0, semi)).trim();
    }

    /** Checks the Session header against this connection's session; answers 454/455 when wrong. */
    private boolean sessionMatches(RtspRequest req) throws IOException {
        String sid = sessionId(req);
        if (session == null) {
            respond(sid == null ? 455 : 454, req.cseq(), List.of(), null, null);
            return false;
        }
        if (sid != null && !sid.equals(session.id)) {
            respond(454, req.cseq(), List.of(), null, null);
            return false;
        }
        return true;
    }

    private void play(RtspRequest req) throws IOException {
        if (!sessionMatches(req)) {
            return;
        }
        if (session.tracks[0] == null && (session.tracks.length < 2 || session.tracks[1] == null)) {
            respond(455, req.cseq(), List.of(), null, null);
            return;
        }
        String base = req.uri.endsWith("/") ? req.uri : req.uri + "/";
        long tick = server.currentTick();
        StringBuilder info = new StringBuilder("RTP-Info: ");
        boolean first = true;
        for (RtpTrack t : session.tracks) {
            if (t == null) {
                continue;
            }
            long media = t.index == 0 ? tick * 90_000L / session.stream.fps()
                    : tick * (long) t.clockRate / session.stream.fps();
            if (!first) {
                info.append(',');
            }
            first = false;
            info.append("url=").append(base).append("trackID=").append(t.index)
                .append(";seq=").append(t.seq & 0xffff).append(";rtptime=").append((t.timestampBase + media) & 0xffffffffL);
        }
        startSender();
        respond(200, req.cseq(), List.of("Session: " + session.id + ";timeout=60", "Range: npt=0.000-", info.toString()),
                null, null);
        session.waitingForKey = true;
        session.playing = true;
        session.stream.subscribe(session);
    }

    private void pause(RtspRequest req) throws IOException {
        if (!sessionMatches(req)) {
            return;
        }
        session.playing = false;
        respond(200, req.cseq(), List.of("Session: " + session.id), null, null);
    }

    private void teardown(RtspRequest req) throws IOException {
        if (!sessionMatches(req)) {
            return;
        }
        endSession();
        respond(200, req.cseq(), List.of(), null, null);
    }

    private void parameter(RtspRequest req) throws IOException {
        String sid = sessionId(req);
        if (sid != null && (session == null || !session.id.equals(sid))) {
            respond(454, req.cseq(), List.of(), null, null);
            return;
        }
        List<String> headers = session == null ? List.of() : List.of("Session: " + session.id);
        if (req.body.length > 0 && new String(req.body, StandardCharsets.UTF_8).trim().length() > 0) {
            respond(451, req.cseq(), headers, null, null); // we have no parameters to get or set
            return;
        }
        respond(200, req.cseq(), headers, null, null);
    }

    private void endSession() {
        if (session != null) {
            session.playing = false;
            session.stream.unsubscribe(session);
            session = null;
        }
        queue.clear();
    }

    private void respond(int status, String cseq, List<String> headers, String contentType, String body)
            throws IOException {
        StringBuilder sb = new StringBuilder(256);
        sb.append("RTSP/1.0 ").append(status).append(' ').append(reason(status)).append("\r\n");
        if (cseq != null) {
            sb.append("CSeq: ").append(cseq).append("\r\n");
        }
        sb.append("Server: Doorstep-VirtualDoorbell/1.0\r\n");
        sb.append("Date: ").append(DATE.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        byte[] bodyBytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            sb.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (bodyBytes.length > 0 || status >= 400) {
            sb.append("Content-Length: ").append(bodyBytes.length).append("\r\n");
        }
        sb.append("\r\n");
        byte[] headBytes = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        synchronized (writeLock) {
            out.write(headBytes);
            if (bodyBytes.length > 0) {
                out.write(bodyBytes);
            }
            out.flush();
        }
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 302 -> "Moved Temporarily";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Request Entity Too Large";
            case 451 -> "Parameter Not Understood";
            case 454 -> "Session Not Found";
            case 455 -> "Method Not Valid in This State";
            case 459 -> "Aggregate Operation Not Allowed";
            case 461 -> "Unsupported Transport";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "RTSP Version Not Supported";
            default -> "Error";
        };
    }

    // ---------------------------------------------------------------- sending

    /** Called by the pacer thread; never blocks. False when the queue is full (the client is too slow). */
    boolean enqueue(Outgoing o) {
        return !closed && queue.offer(o);
    }

    private void startSender() {
        if (sender != null) {
            return;
        }
        sender = new Thread(this::sendLoop, "rtsp-send-" + id);
        sender.setDaemon(true);
        sender.start();
    }

    private void sendLoop() {
        ByteBuffer datagram = ByteBuffer.allocateDirect(2048);
        try {
            while (!closed) {
                Outgoing o = queue.take();
                if (o == STOP) {
                    break;
                }
                if (o.track().isUdp()) {
                    sendUdp(o, datagram);
                } else {
                    sendInterleaved(o);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            if (!closed) {
                LOG.debug("conn {}: send failed: {}", id, e.toString());
                close(false);
            }
        }
    }

    private void sendInterleaved(Outgoing o) throws IOException {
        RtpTrack t = o.track();
        int ts = (int) (t.timestampBase + o.mediaTime());
        int n = 0;
        if (o.frame() != null) {
            VideoFrame f = o.frame();
            int need = f.bytes() + f.payloadCount() * 24 + 64;
            if (sendBuf.length < need) {
                sendBuf = new byte[Math.max(need, sendBuf.length * 2)];
            }
            for (int i = 0; i < f.payloadCount(); i++) {
                n = putInterleaved(sendBuf, n, t, f.payload(i), ts, i == f.payloadCount() - 1);
            }
        } else {
            n = putInterleaved(sendBuf, n, t, o.audio(), ts, true);
        }
        long now = System.nanoTime();
        if (now - t.lastReportNanos >= SENDER_REPORT_NANOS) {
            t.lastReportNanos = now;
            sendBuf[n] = '$';
            sendBuf[n + 1] = (byte) t.rtcpChannel;
            sendBuf[n + 2] = 0;
            sendBuf[n + 3] = 28;
            n = putSenderReport(sendBuf, n + 4, t, ts, server.ntpTime(o.mediaTime(), t.clockRate));
        }
        synchronized (writeLock) {
            out.write(sendBuf, 0, n);
        }
    }

    private static int putInterleaved(byte[] buf, int n, RtpTrack t, byte[] payload, int ts, boolean marker) {
        int len = 12 + payload.length;
        buf[n] = '$';
        buf[n + 1] = (byte) t.rtpChannel;
        buf[n + 2] = (byte) (len >> 8);
        buf[n + 3] = (byte) len;
        n = putRtpHeader(buf, n + 4, t, ts, marker);
        System.arraycopy(payload, 0, buf, n, payload.length);
        t.packets++;
        t.octets += payload.length;
        return n + payload.length;
    }

    private static int putRtpHeader(byte[] buf, int n, RtpTrack t, int ts, boolean marker) {
        int seq = t.seq++ & 0xffff;
        buf[n] = (byte) 0x80;
        buf[n + 1] = (byte) ((marker ? 0x80 : 0) | t.payloadType);
        buf[n + 2] = (byte) (seq >> 8);
        buf[n + 3] = (byte) seq;
        putInt(buf, n + 4, ts);
        putInt(buf, n + 8, t.ssrc);
        return n + 12;
    }

    /** RTCP sender report (RFC 3550 6.4.1) without report blocks: 28 bytes. */
    private static int putSenderReport(byte[] buf, int n, RtpTrack t, int ts, long ntp) {
        buf[n] = (byte) 0x80;
        buf[n + 1] = (byte) 200;
        buf[n + 2] = 0;
        buf[n + 3] = 6;
        putInt(buf, n + 4, t.ssrc);
        putInt(buf, n + 8, (int) (ntp >>> 32));
        putInt(buf, n + 12, (int) ntp);
        putInt(buf, n + 16, ts);
        putInt(buf, n + 20, (int) t.packets);
        putInt(buf, n + 24, (int) t.octets);
        return n + 28;
    }

    private static void putInt(byte[] b, int n, int v) {
        b[n] = (byte) (v >>> 24);
        b[n + 1] = (byte) (v >>> 16);
        b[n + 2] = (byte) (v >>> 8);
        b[n + 3] = (byte) v;
    }

    private void sendUdp(Outgoing o, ByteBuffer dg) throws IOException {
        RtpTrack t = o.track();
        int ts = (int) (t.timestampBase + o.mediaTime());
        byte[] hdr = rtpHeader;
        if (o.frame() != null) {
            VideoFrame f = o.frame();
            for (int i = 0; i < f.payloadCount(); i++) {
                sendDatagram(dg, hdr, t, f.payload(i), ts, i == f.payloadCount() - 1);
            }
        } else {
            sendDatagram(dg, hdr, t, o.audio(), ts, true);
        }
        long now = System.nanoTime();
        if (now - t.lastReportNanos >= SENDER_REPORT_NANOS) {
            t.lastReportNanos = now;
            byte[] sr = new byte[28];
            putSenderReport(sr, 0, t, ts, server.ntpTime(o.mediaTime(), t.clockRate));
            dg.clear();
            dg.put(sr).flip();
            server.sendRtcp(dg, t.rtcpDest);
        }
    }

    private void sendDatagram(ByteBuffer dg, byte[] hdr, RtpTrack t, byte[] payload, int ts, boolean marker)
            throws IOException {
        putRtpHeader(hdr, 0, t, ts, marker);
        dg.clear();
        dg.put(hdr).put(payload).flip();
        server.sendRtp(dg, t.rtpDest);
        t.packets++;
        t.octets += payload.length;
    }

    /** Closes the connection; {@code abrupt} resets it (RST) instead of a normal close. */
    void close(boolean abrupt) {
        if (closed) {
            return;
        }
        closed = true;
        endSession();
        try {
            if (abrupt) {
                socket.setSoLinger(true, 0);
            }
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        // after endSession emptied the queue, so there is room (enqueue refuses once closed is set)
        queue.offer(STOP);
        server.closed(this);
    }
}
