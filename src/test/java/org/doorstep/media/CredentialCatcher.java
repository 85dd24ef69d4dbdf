package org.doorstep.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The place a hostile camera redirects to: an RTSP "server" on another loopback address that asks for Basic
 * authentication and remembers every request line and whether it carried an Authorization header.
 */
public final class CredentialCatcher implements AutoCloseable {
    private final ServerSocket server;
    public final AtomicInteger connections = new AtomicInteger();
    public final List<String> requests = new CopyOnWriteArrayList<>();
    public final List<String> authorizations = new CopyOnWriteArrayList<>();

    /** Binds to {@code address} (e.g. 127.0.0.2); throws when this system has no such loopback address. */
    public CredentialCatcher(InetAddress address) throws IOException {
        server = new ServerSocket(0, 8, address);
        Thread t = new Thread(this::acceptLoop, "credential-catcher");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public String host() {
        return server.getInetAddress().getHostAddress();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "credential-catcher-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            OutputStream out = s.getOutputStream();
            String line;
            String cseq = "0";
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    out.write(("RTSP/1.0 401 Unauthorized\r\nCSeq: " + cseq
                            + "\r\nWWW-Authenticate: Basic realm=\"catcher\"\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    continue;
                }
                if (line.matches("^[A-Z_]+ \\S+ RTSP/1\\.0$")) {
                    requests.add(line);
                } else if (line.toLowerCase(java.util.Locale.ROOT).startsWith("cseq:")) {
                    cseq = line.substring(5).trim();
                } else if (line.toLowerCase(java.util.Locale.ROOT).startsWith("authorization:")) {
                    authorizations.add(line);
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
