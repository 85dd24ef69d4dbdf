package org.doorstep.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small RTSP server (RFC 2326 subset) for live H.264 streams: OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE,
 * TEARDOWN, GET_PARAMETER/SET_PARAMETER; RTP (RFC 6184 single NAL + FU-A) over TCP interleaved or UDP;
 * RTCP sender reports; Digest (and optionally Basic) authentication when a user is set.
 *
 * <p>Each connection has a reader thread and, while playing, a sender thread; connections are capped
 * ({@link #MAX_CONNECTIONS}); a refused one gets {@code 503}. Media comes from {@link LiveStream}s that a
 * pacer feeds; the server itself never encodes anything.
 */
public final class RtspServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RtspServer.class);
    public static final int MAX_CONNECTIONS = 32;

    private final InetAddress bindAddress;
    private final RtspAuth auth;
    private volatile String describeRedirect;
    private final Map<String, LiveStream> streams = new ConcurrentHashMap<>();
    private final Set<RtspConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionIds = new AtomicInteger();
    private final long sessionVersion = System.currentTimeMillis() / 1000;
    private final ScheduledExecutorService timer;
    private volatile LongSupplier tickSource = () -> 0;
    private volatile long mediaEpochMillis = System.currentTimeMillis();
    private volatile int mediaEpochNanos;
    private volatile ServerSocket serverSocket;
    private volatile Thread acceptor;
    /** While refusing: holds the port, bound but not listening, so connects are refused and nobody else takes it. */
    private Socket portHolder;
    private volatile int port;
    private DatagramChannel udpRtp;
    private DatagramChannel udpRtcp;
    private int udpPort = -1;
    private volatile boolean closed;
    private volatile boolean refusing;

    /**
     * @param user      null or empty for no authentication
     * @param basicAuth also offer and accept Basic authentication (Digest is always offered first)
     */
    public RtspServer(InetAddress bindAddress, int port, String user, String password, boolean basicAuth,
                      List<LiveStream> streams) {
        this.bindAddress = bindAddress;
        this.port = port;
        this.auth = user == null || user.isEmpty() ? null : new RtspAuth(user, password == null ? "" : password, basicAuth);
        for (LiveStream s : streams) {
            this.streams.put(s.path(), s);
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rtsp-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Where the RTP timestamps of PLAY's RTP-Info come from: the pacer's current picture number. */
    public void tickSource(LongSupplier ticks) {
        this.tickSource = ticks;
    }

    /**
     * The wall-clock time of media time zero (picture 0, audio sample 0); RTCP sender reports map RTP
     * timestamps to wall-clock time from it, so they carry the pictures' nominal times without send jitter.
     */
    public void mediaEpoch(Instant epoch) {
        this.mediaEpochMillis = epoch.toEpochMilli();
        this.mediaEpochNanos = epoch.getNano() % 1_000_000;
    }

    public synchronized void start() throws IOException {
        if (serverSocket != null) {
            return;
        }
        openUdp();
        listen();
        LOG.info("RTSP server listening on {}:{} ({})", bindAddress.getHostAddress(), port, String.join(", ", streams.keySet()));
    }

    private void openUdp() throws IOException {
        // RTP on an even port and RTCP on the next one, as RFC 3550 recommends and some clients expect
        for (int attempt = 0; attempt < 50; attempt++) {
            DatagramChannel rtp = DatagramChannel.open();
            rtp.bind(new InetSocketAddress(bindAddress, 0));
            int p = ((InetSocketAddress) rtp.getLocalAddress()).getPort();
            if (p % 2 != 0 || p >= 65535) {
                rtp.close();
                continue;
            }
            DatagramChannel rtcp = DatagramChannel.open();
            try {
                rtcp.bind(new InetSocketAddress(bindAddress, p + 1));
            } catch (IOException e) {
                rtp.close();
                rtcp.close();
                continue;
            }
            rtp.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
            udpRtp = rtp;
            udpRtcp = rtcp;
            udpPort = p;
            return;
        }
        LOG.warn("No UDP port pair free; RTSP clients must use TCP");
    }

    private void listen() throws IOException {
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        ss.bind(new InetSocketAddress(bindAddress, port), 64);
        port = ss.getLocalPort();
        serverSocket = ss;
        Thread t = new Thread(() -> acceptLoop(ss), "rtsp-accept");
        t.setDaemon(true);
        acceptor = t;
        t.start();
    }

    private void acceptLoop(ServerSocket ss) {
        while (!ss.isClosed()) {
            Socket s;
            try {
                s = ss.accept();
            } catch (IOException e) {
                if (!ss.isClosed()) {
                    LOG.warn("RTSP accept failed: {}", e.toString());
                    try {
                        Thread.sleep(100); // e.g. out of file descriptors: do not spin
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
                continue;
            }
            if (refusing || closed) {
                closeQuietly(s, true);
                continue;
            }
            if (connections.size() >= MAX_CONNECTIONS) {
                refuseBusy(s);
                continue;
            }
            RtspConnection c = new RtspConnection(this, s, connectionIds.incrementAndGet());
            connections.add(c);
            Thread t = new Thread(c, "rtsp-conn-" + c.id());
            t.setDaemon(true);
            t.start();
        }
    }

    private static void refuseBusy(Socket s) {
        try (s) {
            s.setSoTimeout(1000);
            OutputStream o = s.getOutputStream();
            o.write("RTSP/1.0 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            o.flush();
        } catch (IOException ignored) {
            // the client is gone already
        }
    }

    private static void closeQuietly(Socket s, boolean abrupt) {
        try {
            if (abrupt) {
                s.setSoLinger(true, 0);
            }
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    public int port() {
        return port;
    }

    /** {@code rtsp://host:port/path}, without credentials. */
    public URI uri(String path) {
        String host = bindAddress.isAnyLocalAddress() ? "127.0.0.1" : bindAddress.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("rtsp://" + host + ":" + port + path);
    }

    /** Number of open RTSP connections. */
    public int connectionCount() {
        return connections.size();
    }

    /** Number of playing client sessions over all streams. */
    public int playingSessions() {
        return streams.values().stream().mapToInt(LiveStream::subscribers).sum();
    }

    /**
     * Simulates the camera dropping off the network: resets every connection, refuses new ones (the
     * listening socket is closed, so connects fail) for {@code refuse}, then listens again on the same port.
     */
    public synchronized void drop(Duration refuse) {
        if (closed) {
            return;
        }
        LOG.info("RTSP server dropping all {} connections and refusing new ones for {} s", connections.size(),
                refuse.toSeconds());
        refusing = true;
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            // the kernel lets go of a listening socket only when the thread blocked in accept on it has left
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        portHolder = holdPort();
        for (RtspConnection c : List.copyOf(connections)) {
            c.close(true);
        }
        timer.schedule(this::resume, refuse.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void resume() {
        if (closed) {
            return;
        }
        releasePort();
        for (int attempt = 0; ; attempt++) {
            try {
                listen();
                refusing = false;
                LOG.info("RTSP server accepting connections again on port {}", port);
                return;
            } catch (IOException e) {
                if (attempt >= 20) {
                    LOG.error("RTSP server could not listen on port {} again: {}", port, e.toString());
                    return;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * A camera that drops off the network keeps its address and port. With the listening socket merely closed, the
     * port was free for 10 s, and any socket of the machine bound in that time could take it (the test suite's own
     * loopback relays and servers bind ephemeral ports): the camera never came back. A bound socket that does not
     * listen answers connects with a reset, as the closed port did.
     */
    private Socket holdPort() {
        Socket holder = new Socket();
        try {
            holder.setReuseAddress(true);
            holder.bind(new InetSocketAddress(bindAddress, port));
            return holder;
        } catch (IOException e) {
            LOG.warn("RTSP server could not hold port {} while refusing: {}", port, e.toString());
            closeQuietly(holder, false);
            return null;
        }
    }

    private void releasePort() {
        if (portHolder != null) {
            closeQuietly(portHolder, false);
            portHolder = null;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        timer.shutdownNow();
        releasePort();
        try {
            if (serverSocket != null) {
                serverSocket.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        for (RtspConnection c : List.copyOf(connections)) {
            c.close(false);
        }
        try {
            if (udpRtp != null) {
                udpRtp.close();
                udpRtcp.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    // ---------------------------------------------------------------- for connections

    RtspAuth auth() {
        return auth;
    }

    /** Where an authorised DESCRIBE is redirected (302), or null. */
    String describeRedirect() {
        return describeRedirect;
    }

    /**
     * A misbehaving camera for tests: every DESCRIBE that passed authentication is answered with 302 and this
     * {@code Location} (e.g. another loopback address), as some cameras do and a hostile one would to collect the
     * credentials a client sends there. Null switches it off.
     */
    public void redirectDescribeTo(String location) {
        this.describeRedirect = location;
    }

    LiveStream stream(String path) {
        return streams.get(path);
    }

    long sessionVersion() {
        return sessionVersion;
    }

    long currentTick() {
        return tickSource.getAsLong();
    }

    /** NTP timestamp (RFC 3550: seconds since 1900 in the high 32 bits) of media time {@code units / clockRate}. */
    long ntpTime(long units, int clockRate) {
        long nanos = mediaEpochNanos + units * 1_000_000_000L / clockRate;
        long ms = mediaEpochMillis + nanos / 1_000_000;
        long subMs = nanos % 1_000_000;
        long seconds = Math.floorDiv(ms, 1000) + 2_208_988_800L;
        long fracNanos = Math.floorMod(ms, 1000) * 1_000_000L + subMs;
        return (seconds << 32) | ((fracNanos << 32) / 1_000_000_000L);
    }

    int udpRtpPort() {
        return udpPort;
    }

    void sendRtp(ByteBuffer b, InetSocketAddress to) throws IOException {
        udpRtp.send(b, to);
    }

    void sendRtcp(ByteBuffer b, InetSocketAddress to) throws IOException {
        udpRtcp.send(b, to);
    }

    void closed(RtspConnection c) {
        connections.remove(c);
    }

}
