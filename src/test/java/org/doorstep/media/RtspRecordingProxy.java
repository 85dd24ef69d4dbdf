package org.doorstep.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay in front of an RTSP server that keeps what clients sent, so a test can see which transport a
 * client asked for in its SETUP requests. RTP over UDP does not pass through it: the server sends datagrams to the
 * client's ports on the address the control connection came from, which is loopback either way.
 */
public final class RtspRecordingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final StringBuffer sent = new StringBuffer();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public RtspRecordingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "rtsp-proxy");
        t.setDaemon(true);
        t.start();
    }

    /** {@code original} with the proxy's port (credentials, host and path kept). */
    public String via(String original) {
        URI u = URI.create(original);
        String userInfo = u.getRawUserInfo() == null ? "" : u.getRawUserInfo() + "@";
        return u.getScheme() + "://" + userInfo + "127.0.0.1:" + server.getLocalPort() + u.getRawPath();
    }

    /** The values of the Transport headers the clients sent, in order. */
    public List<String> requestedTransports() {
        List<String> out = new ArrayList<>();
        for (String line : sent.toString().split("\r\n")) {
            if (line.regionMatches(true, 0, "Transport:", 0, 10)) {
                out.add(line.substring(10).trim());
            }
        }
        return out;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(upstream);
                relay(client, upstream, true);
                relay(upstream, client, false);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(Socket from, Socket to, boolean record) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (record) {
                        sent.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // one side closed: close the other too
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "rtsp-proxy-relay");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        sockets.forEach(RtspRecordingProxy::closeQuietly);
    }
}
