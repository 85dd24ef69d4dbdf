package org.doorstep.media.rtsp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One RTSP session over TCP with interleaved RTP (RFC 2326 10.12), from DESCRIBE to TEARDOWN, on a socket to an
 * address the caller has checked. Reads what the socket holds into one buffer and hands out interleaved frames from
 * it; the session is kept alive while reading. Not thread-safe, except {@link #interrupt()}.
 */
public final class RtspClient implements AutoCloseable {
    /** How often a blocked read looks at the stop condition and its deadline. */
    private static final int POLL_MILLIS = 500;
    /** The longest reply head accepted; a peer sending more is not speaking RTSP. */
    private static final int MAX_HEAD = 64 * 1024;
    private static final int DEFAULT_SESSION_TIMEOUT_S = 60;

    /** Receives one interleaved frame; the bytes are valid only during the call. */
    public interface FrameSink {
        void frame(int channel, byte[] buf, int offset, int length) throws IOException;
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String url;
    /** What PLAY, keep-alives and TEARDOWN name: the session's control URL once described. */
    private String sessionUrl;
    private final String display;
    private final String user;
    private final String password;
    private final BooleanSupplier stop;
    /** Room for the largest interleaved frame (4 + 65535 bytes) and a read of 64 KiB after it. */
    private final byte[] buf = new byte[128 * 1024];
    private int pos;
    private int lim;
    private int cseq;
    private RtspAuthorization authorization;
    private String session;
    private long keepAliveNanos = Duration.ofSeconds(DEFAULT_SESSION_TIMEOUT_S / 2).toNanos();
    private long nextKeepAlive;
    private boolean getParameterSupported;
    private volatile boolean interrupted;
    /** The least time from one read of the socket to the next; 0: read as soon as anything arrives. */
    private long gatherNanos;
    private long lastReadNanos;
    /** The last read took all the room there was: more may be waiting, so the next read does not wait. */
    private boolean lastReadFilled;
    private long socketReads;

    private RtspClient(Socket socket, String url, String display, String user, String password, BooleanSupplier stop)
            throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.url = url;
        this.sessionUrl = url;
        this.display = display;
        this.user = user;
        this.password = password;
        this.stop = stop;
    }

    /**
     * Connects to {@code address}, which the caller has checked.
     *
     * @param url      the stream's URL without credentials, as requests name it
     * @param display  how messages name the camera
     * @param user     null for none
     * @param stop     polled while waiting (twice a second); true ends the wait
     */
    public static RtspClient connect(InetSocketAddress address, String url, String display, String user,
                                     String password, Duration connectTimeout, BooleanSupplier stop)
            throws RtspException {
        long deadline = System.nanoTime() + connectTimeout.toNanos();
        while (true) {
            // in slices, so that the owner's stop is seen while a camera does not answer its SYN
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new RtspException(RtspException.Kind.TIMED_OUT, "Could not open " + display
                        + ": no answer within " + connectTimeout.toSeconds() + " s.");
            }
            if (stop.getAsBoolean()) {
                throw new RtspException(RtspException.Kind.STOPPED, "Stopped while opening " + display + ".");
            }
            Socket s = new Socket();
            try {
                s.setTcpNoDelay(true);
                s.connect(address, (int) Math.min(left, POLL_MILLIS));
                s.setSoTimeout(POLL_MILLIS);
                return new RtspClient(s, url, display, user, password, stop);
            } catch (SocketTimeoutException e) {
                closeQuietly(s);
            } catch (IOException e) {
                closeQuietly(s);
                throw new RtspException(RtspException.Kind.FAILED, "Could not open " + display + ": "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ".", e);
            }
        }
    }

    /** DESCRIBE: the session description. Learns first (OPTIONS) which keep-alive the camera takes. */
    public Sdp describe(Duration timeout) throws RtspException {
        RtspReply options = request("OPTIONS", url, Map.of(), timeout);
        String methods = options.status() == 200 ? options.header("public") : null;
        getParameterSupported = methods != null && methods.toUpperCase(Locale.ROOT).contains("GET_PARAMETER");
        RtspReply r = request("DESCRIBE", url, Map.of("Accept", "application/sdp"), timeout);
        requireOk(r, "DESCRIBE");
        String base = r.header("content-base");
        if (base == null) {
            base = r.header("content-location");
        }
        return Sdp.parse(new String(r.body(), StandardCharsets.UTF_8), base == null ? url : base.trim());
    }

    /**
     * SETUP of one track, asking for interleaved channels {@code channel} (RTP) and {@code channel + 1} (RTCP).
     *
     * @return the RTP channel the camera chose (its RTCP comes on the next one): the one asked for, unless it says
     *         otherwise
     */
    public int setup(SdpTrack track, int channel, Duration timeout) throws RtspException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Transport", "RTP/AVP/TCP;unicast;interleaved=" + channel + "-" + (channel + 1));
        RtspReply r = request("SETUP", track.control(), headers, timeout);
        requireOk(r, "SETUP");
        String transport = r.header("transport");
        if (transport != null && !transport.toUpperCase(Locale.ROOT).contains("TCP")) {
            throw new RtspException(RtspException.Kind.UNSUPPORTED, display + " offered RTP over UDP only.");
        }
        int chosen = interleavedChannel(transport, channel);
        String s = r.header("session");
        if (s != null && session == null) {
            String[] parts = s.split(";");
            session = parts[0].trim();
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim().toLowerCase(Locale.ROOT);
                if (p.startsWith("timeout=")) {
                    try {
                        int seconds = Integer.parseInt(p.substring(8).trim());
                        keepAliveNanos = Duration.ofSeconds(Math.max(2, seconds / 2)).toNanos();
                    } catch (NumberFormatException ignored) {
                        // the default then
                    }
                }
            }
        }
        return chosen;
    }

    /** The first channel of "interleaved=a-b" in a Transport header, or {@code asked}. */
    static int interleavedChannel(String transport, int asked) {
        if (transport == null) {
            return asked;
        }
        for (String p : transport.split(";")) {
            String t = p.trim().toLowerCase(Locale.ROOT);
            if (t.startsWith("interleaved=")) {
                try {
                    int c = Integer.parseInt(t.substring(12).split("-")[0].trim());
                    return c >= 0 && c < 255 ? c : asked;
                } catch (NumberFormatException e) {
                    return asked;
                }
            }
        }
        return asked;
    }

    /** PLAY of the session, at its aggregate control URL (the description's). */
    public void play(Sdp sdp, Duration timeout) throws RtspException {
        sessionUrl = sdp.control();
        RtspReply r = request("PLAY", sessionUrl, Map.of("Range", "npt=0.000-"), timeout);
        requireOk(r, "PLAY");
        nextKeepAlive = System.nanoTime() + keepAliveNanos;
    }

    /**
     * Reads until one interleaved frame has arrived and hands it to {@code sink}; RTSP messages on the way (replies to
     * keep-alives, requests from the camera) are read past. Sends the keep-alive when due.
     *
     * @param stallTimeout the longest wait for the frame
     */
    public void readFrame(FrameSink sink, Duration stallTimeout) throws RtspException {
        long deadline = System.nanoTime() + stallTimeout.toNanos();
        try {
            while (true) {
                if (System.nanoTime() - nextKeepAlive >= 0) {
                    keepAlive();
                }
                ensure(1, deadline, stallTimeout);
                if (buf[pos] == '$') {
                    int length = wholeFrame(deadline, stallTimeout);
                    int channel = buf[pos + 1] & 0xff;
                    int at = pos + 4;
                    pos += 4 + length;
                    sink.frame(channel, buf, at, length);
                    return;
                }
                readMessage(deadline, stallTimeout); // a reply to a keep-alive, or a request from the camera
            }
        } catch (RtspException e) {
            throw e;
        } catch (IOException e) {
            throw lost(e);
        }
    }

    private void keepAlive() throws RtspException {
        nextKeepAlive = System.nanoTime() + keepAliveNanos;
        // no wait for the reply: it comes among the frames and is read past
        send(getParameterSupported ? "GET_PARAMETER" : "OPTIONS", sessionUrl, Map.of());
    }

    /** Sends one interleaved frame on {@code channel} (an RTCP receiver report on a track's second channel). */
    public void sendInterleaved(int channel, byte[] payload) throws RtspException {
        byte[] frame = new byte[4 + payload.length];
        frame[0] = '$';
        frame[1] = (byte) channel;
        frame[2] = (byte) (payload.length >> 8);
        frame[3] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 4, payload.length);
        try {
            out.write(frame);
            out.flush();
        } catch (IOException e) {
            throw lost(e);
        }
    }

    /**
     * From now on, reads the socket at most once per {@code every}: one read then takes what several pictures brought.
     * Waking up to read costs far more than the bytes read (RtspReadCostBench: 1080p at 15 fps, a read a picture
     * against one a quarter second, half the reader's CPU), so readers that may be a fraction of a second behind the
     * camera (the recorder, motion) gather; the live view does not. The socket's receive buffer holds what arrives
     * meanwhile (the kernel grows it as the reads grow); a read that fills this client's buffer is followed at once by
     * the next, so a camera sending faster than the buffer per period is read more often, not held back.
     */
    public void gatherReads(Duration every) {
        gatherNanos = every.toNanos();
    }

    /** Reads of the socket that brought bytes, so far: what {@link #gatherReads} saves shows here. */
    public long socketReads() {
        return socketReads;
    }

    /** Ends any blocking call at once, and every later one; from any thread. */
    public void interrupt() {
        interrupted = true;
        closeQuietly(socket);
    }

    /** TEARDOWN, without waiting for its answer (a dead link must not hold anyone up), then the socket closes. */
    @Override
    public void close() {
        if (session != null && !interrupted && !socket.isClosed()) {
            try {
                send("TEARDOWN", sessionUrl, Map.of());
            } catch (RtspException ignored) {
                // going anyway
            }
        }
        closeQuietly(socket);
    }

    // ------------------------------------------------------------------ requests

    private RtspReply request(String method, String uri, Map<String, String> headers, Duration timeout)
            throws RtspException {
        RtspReply r = exchange(method, uri, headers, timeout);
        if (r.status() == 401 && user != null && authorization == null) {
            authorization = RtspAuthorization.answering(r.header("www-authenticate"), user, password);
            if (authorization != null) {
                r = exchange(method, uri, headers, timeout);
            }
        } else if (r.status() == 401 && authorization != null && isStale(r)) {
            authorization = RtspAuthorization.answering(r.header("www-authenticate"), user, password);
            r = exchange(method, uri, headers, timeout);
        }
        if (r.status() == 401 || r.status() == 403) {
            throw new RtspException(RtspException.Kind.AUTH_FAILED, display
                    + " refused the user name or password.");
        }
        if (r.status() >= 300 && r.status() < 400) {
            String host = hostOf(r.header("location"));
            throw RtspException.redirect(display + " redirected to " + host + "; a redirect is not followed.", host);
        }
        return r;
    }

    private static boolean isStale(RtspReply r) {
        String h = r.header("www-authenticate");
        return h != null && h.toLowerCase(Locale.ROOT).contains("stale=true");
    }

    private RtspReply exchange(String method, String uri, Map<String, String> headers, Duration timeout)
            throws RtspException {
        int sent = send(method, uri, headers);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                ensure(1, deadline, timeout);
                if (buf[pos] == '$') {
                    // media before the reply (some cameras start sending before they answer PLAY): let it go
                    int length = wholeFrame(deadline, timeout);
                    pos += 4 + length;
                    continue;
                }
                RtspReply r = readMessage(deadline, timeout);
                if (r != null && (r.cseq() == sent || r.cseq() < 0)) {
                    return r;
                }
            }
        } catch (RtspException e) {
            if (e.kind() == RtspException.Kind.TIMED_OUT) {
                throw new RtspException(RtspException.Kind.TIMED_OUT, "Could not open " + display + ": no answer to "
                        + method + " within " + timeout.toSeconds() + " s.", e);
            }
            throw e;
        } catch (IOException e) {
            if (interrupted || stop.getAsBoolean()) {
                throw new RtspException(RtspException.Kind.STOPPED, "Stopped while opening " + display + ".", e);
            }
            throw new RtspException(RtspException.Kind.FAILED, "Could not open " + display + ": the connection "
                    + "ended during " + method + ".", e);
        }
    }

    private int send(String method, String uri, Map<String, String> headers) throws RtspException {
        int n = ++cseq;
        StringBuilder req = new StringBuilder(method).append(' ').append(uri).append(" RTSP/1.0\r\nCSeq: ").append(n)
                .append("\r\nUser-Agent: Doorstep\r\n");
        if (session != null) {
            req.append("Session: ").append(session).append("\r\n");
        }
        if (authorization != null) {
            req.append("Authorization: ").append(authorization.header(method, uri)).append("\r\n");
        }
        headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
        req.append("\r\n");
        try {
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw lost(e);
        }
        return n;
    }

    private void requireOk(RtspReply r, String method) throws RtspException {
        if (r.status() != 200) {
            throw new RtspException(RtspException.Kind.FAILED, "Could not open " + display + ": it answered "
                    + r.status() + " " + r.reason() + " to " + method + ".");
        }
    }

    // ------------------------------------------------------------------ reading

    /** At a '$': makes the whole interleaved frame available from pos (which may move) and answers its length. */
    private int wholeFrame(long deadline, Duration timeout) throws IOException {
        ensure(4, deadline, timeout);
        int length = ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
        ensure(4 + length, deadline, timeout);
        return length;
    }

    /** Reads one RTSP message at pos; a reply is returned, a request from the camera is read past (null). */
    private RtspReply readMessage(long deadline, Duration timeout) throws IOException {
        int end;
        int from = pos;
        while ((end = headEnd(from)) < 0) {
            if (lim - pos > MAX_HEAD) {
                throw new RtspException(RtspException.Kind.FAILED, display + " does not speak RTSP.");
            }
            from = Math.max(pos, lim - 3);
            int had = lim - pos;
            ensure(had + 1, deadline, timeout);
        }
        String head = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
        pos = end;
        String[] lines = head.split("\r?\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).trim();
                if (name.equals("www-authenticate") && headers.containsKey(name)) {
                    headers.put(name, headers.get(name) + "\n" + value);
                } else {
                    headers.putIfAbsent(name, value);
                }
            }
        }
        int length = 0;
        try {
            length = Math.max(0, Integer.parseInt(headers.getOrDefault("content-length", "0").trim()));
        } catch (NumberFormatException ignored) {
            // no body then
        }
        if (length > MAX_HEAD) {
            throw new RtspException(RtspException.Kind.FAILED, display + " sent an RTSP body too large.");
        }
        ensure(length, deadline, timeout);
        byte[] body = new byte[length];
        System.arraycopy(buf, pos, body, 0, length);
        pos += length;
        String first = lines[0];
        if (!first.startsWith("RTSP/")) {
            return null; // a request from the camera (ANNOUNCE, SET_PARAMETER...): nothing it needs from us
        }
        String[] f = first.split(" ", 3);
        int status;
        try {
            status = Integer.parseInt(f[1].trim());
        } catch (RuntimeException e) {
            throw new RtspException(RtspException.Kind.FAILED, display + " does not speak RTSP.");
        }
        return new RtspReply(status, f.length > 2 ? f[2].trim() : "", headers, body);
    }

    /** The index after the empty line that ends a head starting at pos (searching from {@code from}), or -1. */
    private int headEnd(int from) {
        for (int i = Math.max(pos, from); i < lim; i++) {
            if (buf[i] == '\n') {
                if (i + 1 < lim && buf[i + 1] == '\n') {
                    return i + 2;
                }
                if (i + 2 < lim && buf[i + 1] == '\r' && buf[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    /** Makes at least {@code n} bytes available from pos, reading what the socket holds. */
    private void ensure(int n, long deadline, Duration timeout) throws IOException {
        if (lim - pos >= n) {
            return;
        }
        if (pos + n > buf.length) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        while (lim - pos < n) {
            if (gatherNanos > 0 && !lastReadFilled) {
                waitToGather();
            }
            int room = buf.length - lim;
            int r;
            try {
                r = in.read(buf, lim, room);
            } catch (SocketTimeoutException e) {
                if (interrupted || stop.getAsBoolean()) {
                    throw new RtspException(RtspException.Kind.STOPPED, "Stopped reading " + display + ".");
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw new RtspException(RtspException.Kind.TIMED_OUT, "No data from " + display + " for "
                            + timeout.toSeconds() + " s.");
                }
                continue;
            }
            if (r < 0) {
                throw new RtspException(RtspException.Kind.FAILED, "Lost the stream from " + display
                        + ": the camera closed the connection.");
            }
            lim += r;
            socketReads++;
            lastReadNanos = System.nanoTime();
            lastReadFilled = r == room;
        }
    }

    /** Sleeps until {@link #gatherReads} allows the next read; a stop ends the wait (at most one period late). */
    private void waitToGather() throws RtspException {
        long wait = lastReadNanos + gatherNanos - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RtspException(RtspException.Kind.STOPPED, "Stopped reading " + display + ".");
            }
        }
        if (interrupted || stop.getAsBoolean()) {
            throw new RtspException(RtspException.Kind.STOPPED, "Stopped reading " + display + ".");
        }
    }

    private RtspException lost(IOException e) {
        if (interrupted || stop.getAsBoolean()) {
            return new RtspException(RtspException.Kind.STOPPED, "Stopped reading " + display + ".", e);
        }
        return new RtspException(RtspException.Kind.FAILED, "Lost the stream from " + display + ": "
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ".", e);
    }

    /** The host a Location header's value names, without user info or path, or "?" when it names none. */
    public static String hostOf(String location) {
        if (location == null) {
            return "?";
        }
        try {
            String host = java.net.URI.create(location.trim()).getHost();
            return host == null ? "?" : host;
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
