package org.doorstep.sim.onvif;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP front before the simulated camera's HTTP server that behaves like a camera's embedded server: each request
 * goes to the real server on its own connection, and the reply comes back with the configured {@link HttpQuirks}
 * (connections dropped without notice, long polls cut, first requests after boot unanswered). Clients only ever see
 * the front's port.
 */
final class QuirkyHttpFront implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QuirkyHttpFront.class);
    private static final int HEAD_LIMIT = 64 * 1024;
    private static final int BODY_LIMIT = 8 << 20;

    private final HttpQuirks quirks;
    private final InetSocketAddress upstream;
    private final ServerSocket server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger threads = new AtomicInteger();
    private volatile boolean closed;

    QuirkyHttpFront(HttpQuirks quirks, InetAddress bind, int port, InetSocketAddress upstream) throws IOException {
        this.quirks = quirks;
        this.upstream = upstream;
        this.server = new ServerSocket(port, 64, bind);
        Thread acceptor = new Thread(this::accept, "onvif-sim-front");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> serve(client), "onvif-sim-front-" + threads.incrementAndGet());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    log.debug("front accept failed: {}", e.getMessage());
                }
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            while (!closed) {
                Message request = Message.read(in, false);
                if (request == null) {
                    return;
                }
                if (requests.incrementAndGet() <= quirks.unansweredAfterBoot()) {
                    return; // still booting: the request was read, the connection goes without an answer
                }
                boolean longPoll = request.bodyText().contains("PullMessages");
                byte[] reply = forward(request, longPoll);
                if (reply == null) {
                    return; // the long poll was cut
                }
                out.write(reply);
                out.flush();
                if (quirks.closeAfterEachReply()) {
                    return;
                }
            }
        } catch (IOException e) {
            log.debug("front connection ended: {}", e.getMessage());
        }
    }

    /**
     * The server's whole reply, or null when a long poll ran into the cut. The cut is made where a camera makes it:
     * the poll itself ends then (its timeout is shortened), so no orphaned poll swallows later events; only its
     * empty answer never reaches the client.
     */
    private byte[] forward(Message request, boolean longPoll) throws IOException {
        boolean cut = longPoll && quirks.cutLongPollsAfter() != null
                && requestedWait(request.bodyText()).compareTo(quirks.cutLongPollsAfter()) > 0;
        if (cut) {
            request = request.withBody(request.bodyText().replaceAll("<(\\w+:)?Timeout>[^<]*</(\\w+:)?Timeout>",
                    "<$1Timeout>PT" + quirks.cutLongPollsAfter().toMillis() / 1000.0 + "S</$2Timeout>"));
        }
        try (Socket up = new Socket()) {
            up.connect(upstream, 2000);
            up.getOutputStream().write(request.bytes());
            up.getOutputStream().flush();
            Message reply = Message.read(up.getInputStream(), true);
            if (reply == null) {
                throw new IOException("server closed without a reply");
            }
            if (cut && !reply.bodyText().contains("NotificationMessage")) {
                return null;
            }
            return reply.bytes();
        }
    }

    /** The long poll's own timeout; 10 s when it names none, as the simulated camera assumes. */
    private static java.time.Duration requestedWait(String body) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<(?:\\w+:)?Timeout>([^<]*)</").matcher(body);
        try {
            return m.find() ? java.time.Duration.parse(m.group(1).trim()) : java.time.Duration.ofSeconds(10);
        } catch (java.time.format.DateTimeParseException e) {
            return java.time.Duration.ofSeconds(10);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            log.debug("closing front: {}", e.getMessage());
        }
    }

    /** One HTTP/1.1 message with a Content-Length (or chunked, re-framed) body, kept as raw bytes. */
    private record Message(byte[] head, byte[] body) {

        static Message read(InputStream in, boolean response) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                head.write(b);
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
                if (head.size() > HEAD_LIMIT) {
                    throw new IOException("head too long");
                }
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            long length = 0;
            boolean chunked = false;
            StringBuilder kept = new StringBuilder();
            for (String line : text.split("\r\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(line.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                    continue;
                } else if (lower.startsWith("connection:")) {
                    continue; // the front decides about the connection, and says nothing
                }
                if (!line.isEmpty()) {
                    kept.append(line).append("\r\n");
                }
            }
            byte[] body = chunked ? readChunked(in) : in.readNBytes((int) Math.min(length, BODY_LIMIT));
            if (chunked) {
                kept.append("Content-Length: ").append(body.length).append("\r\n");
            }
            kept.append("\r\n");
            return new Message(kept.toString().getBytes(StandardCharsets.ISO_8859_1), body);
        }

        private static byte[] readChunked(InputStream in) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line(in).trim();
                int semicolon = size.indexOf(';');
                int n = Integer.parseInt(semicolon < 0 ? size : size.substring(0, semicolon), 16);
                if (n == 0) {
                    line(in);
                    return body.toByteArray();
                }
                body.write(in.readNBytes(n));
                line(in);
                if (body.size() > BODY_LIMIT) {
                    throw new IOException("body too long");
                }
            }
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder s = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (b != '\r') {
                    s.append((char) b);
                }
            }
            return s.toString();
        }

        Message withBody(String text) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            String h = new String(head, StandardCharsets.ISO_8859_1)
                    .replaceAll("(?i)content-length:[^\r]*", "Content-Length: " + body.length);
            return new Message(h.getBytes(StandardCharsets.ISO_8859_1), body);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        byte[] bytes() {
            byte[] all = new byte[head.length + body.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(body, 0, all, head.length, body.length);
            return all;
        }
    }
}
