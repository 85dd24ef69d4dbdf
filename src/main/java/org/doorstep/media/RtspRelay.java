package org.doorstep.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.doorstep.common.Threads;
import org.doorstep.media.rtsp.RtspClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one road from FFmpeg's RTSP client to a camera: FFmpeg connects to this relay on loopback, the relay connects
 * to the camera's already checked address ({@code PinnedHost}) and copies bytes both ways, reading the camera's
 * replies as it goes.
 *
 * <p>Why a relay: FFmpeg's RTSP client follows a 301/302 {@code Location} to any host on its own, and sends the
 * camera's user name and password there when that host asks (Basic included); no FFmpeg option switches this off,
 * and its own DNS lookup happens after any check we could make. Through the relay FFmpeg can only ever reach the
 * checked address, and a redirect never reaches FFmpeg: the relay drops the connection and remembers it, so the
 * caller can say "the camera redirected to another address". For rtsps the relay speaks TLS to the camera (without
 * verifying the certificate, as FFmpeg does by default: cameras carry self-signed ones) and plain RTSP to FFmpeg on
 * loopback, so FFmpeg needs no TLS at all.
 *
 * <p>Replies are parsed only as far as needed to find their status line ({@link RtspReplyScanner}). Requests from FFmpeg
 * are copied unread.
 */
final class RtspRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RtspRelay.class);
    /**
     * What one read from the camera may bring. A 1080p stream at 4 Mbit/s fills this about 16 times a second; each
     * relayed connection keeps its buffers all day, so they are no bigger than that needs.
     */
    private static final int REPLY_BUFFER = 32 * 1024;
    /** FFmpeg's requests (SETUP, PLAY, keep-alives) are a few hundred bytes; a longer one takes two reads. */
    private static final int REQUEST_BUFFER = 4 * 1024;

    private final ServerSocket server;
    private final InetSocketAddress camera;
    private final boolean tls;
    private final int connectMillis;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile String redirectedTo;

    private RtspRelay(ServerSocket server, InetSocketAddress camera, boolean tls, int connectMillis) {
        this.server = server;
        this.camera = camera;
        this.tls = tls;
        this.connectMillis = connectMillis;
    }

    /**
     * Starts a relay to {@code camera} (an address already checked against the address policy).
     *
     * @param connectTimeout longest wait for the camera to accept a connection; null: 10 s
     */
    static RtspRelay start(InetSocketAddress camera, boolean tls, Duration connectTimeout, String label)
            throws IOException {
        ServerSocket s = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        int ms = connectTimeout == null ? 10_000 : (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        RtspRelay relay = new RtspRelay(s, camera, tls, Math.max(1, ms));
        Threads.daemon(relay::acceptLoop, "rtsp-relay-" + label).start();
        return relay;
    }

    /** The loopback port FFmpeg connects to. */
    int port() {
        return server.getLocalPort();
    }

    /** The host (no credentials, no path) the camera tried to send FFmpeg to, or null when it did not. */
    String redirectedTo() {
        return redirectedTo;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (!client.getInetAddress().isLoopbackAddress() || redirectedTo != null) {
                quietly(client);
                continue;
            }
            sockets.add(client);
            Threads.daemon(() -> serve(client), "rtsp-relay-conn").start();
        }
    }

    private void serve(Socket client) {
        Socket upstream = null;
        try {
            client.setTcpNoDelay(true);
            upstream = connect();
            sockets.add(upstream);
            Socket cam = upstream;
            Thread up = Threads.daemon(() -> copyRequests(client, cam), "rtsp-relay-up");
            up.start();
            copyReplies(cam, client);
        } catch (IOException e) {
            LOG.debug("relay to {} ended: {}", camera.getAddress().getHostAddress(), e.toString());
        } finally {
            quietly(client);
            sockets.remove(client);
            if (upstream != null) {
                quietly(upstream);
                sockets.remove(upstream);
            }
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        try {
            s.connect(camera, connectMillis);
            s.setTcpNoDelay(true);
            if (!tls) {
                return s;
            }
            SSLSocket ssl = (SSLSocket) trustingTls().getSocketFactory().createSocket(s,
                    camera.getAddress().getHostAddress(), camera.getPort(), true);
            ssl.startHandshake();
            return ssl;
        } catch (IOException e) {
            quietly(s);
            throw e;
        }
    }

    private void copyRequests(Socket client, Socket cam) {
        byte[] buf = new byte[REQUEST_BUFFER];
        try {
            InputStream in = client.getInputStream();
            OutputStream out = cam.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // either side closed
        } finally {
            quietly(cam);
            quietly(client);
        }
    }

    private void copyReplies(Socket cam, Socket client) throws IOException {
        InputStream in = cam.getInputStream();
        RtspReplyScanner scanner = new RtspReplyScanner(client.getOutputStream());
        byte[] buf = new byte[REPLY_BUFFER];
        int n;
        while ((n = in.read(buf)) >= 0) {
            if (!scanner.scan(buf, n)) {
                redirectedTo = scanner.redirectedTo();
                LOG.warn("camera at {} answered with a redirect ({}) to {}; not followed",
                        camera.getAddress().getHostAddress(), scanner.redirectStatus(), redirectedTo);
                return; // FFmpeg never sees it: the connection just ends
            }
        }
    }

    /** The status of a reply ("RTSP/1.0 302 Found"), or 0 for a request from the camera. */
    static int statusOf(String head) {
        if (!head.startsWith("RTSP/")) {
            return 0;
        }
        String[] parts = head.split("[ \r\n]", 3);
        try {
            return parts.length > 1 ? Integer.parseInt(parts[1].trim()) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static int contentLength(String head) {
        String v = header(head, "content-length");
        try {
            return v == null ? 0 : Math.max(0, Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The host named in a Location header (without user info or path), or "?" when there is none. */
    static String locationHost(String head) {
        return RtspClient.hostOf(header(head, "location"));
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /**
     * Cameras carry self-signed certificates; FFmpeg's own TLS does not verify them either by default. What TLS
     * buys here is privacy on the wire, not the camera's identity (the address check decides where we connect).
     */
    private static SSLContext trustingTls() throws IOException {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return c;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("TLS unavailable: " + e.getMessage(), e);
        }
    }

    private static void quietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        for (Socket s : sockets) {
            quietly(s);
        }
        sockets.clear();
    }
}
