package org.doorstep.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;


/** Helpers shared by the simulator tests: the suite-wide scene cache, ffprobe, and a raw RTSP client. */
final class SimTestSupport {
    private SimTestSupport() {
    }

    /** Rendering takes some seconds, so all test classes share one cache under target/. */
    static Path sharedCache() {
        return Path.of("target", "sim-cache").toAbsolutePath();
    }

    static DoorbellConfig config() {
        return DoorbellConfig.defaults(sharedCache()).withVisitEvery(null);
    }

    /** Runs the ffprobe program shipped in the bytedeco jar, at most 30 s. */
    static StreamCheck.Result ffprobe(String... args) throws IOException, InterruptedException {
        return StreamCheck.run(Duration.ofSeconds(30), org.bytedeco.ffmpeg.ffprobe.class, args);
    }

    /** A URL with credentials for a client. */
    static String withCredentials(java.net.URI uri, String user, String password) {
        return "rtsp://" + user + ":" + password + "@" + uri.getHost() + ":" + uri.getPort() + uri.getPath();
    }

    /** A response read by {@link RawClient}. */
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A minimal RTSP client on a plain socket, to send exactly the bytes a test wants. */
    static final class RawClient implements AutoCloseable {
        final Socket socket;
        final OutputStream out;
        final InputStream in;

        RawClient(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(5000);
            out = socket.getOutputStream();
            in = socket.getInputStream();
        }

        void send(String text) throws IOException {
            send(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        void send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        Response request(String text) throws IOException {
            send(text);
            return read();
        }

        /** Reads one response, skipping interleaved RTP/RTCP frames. */
        Response read() throws IOException {
            StringBuilder head = new StringBuilder();
            int b;
            while (true) {
                b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                if (head.length() == 0 && b == '$') {
                    in.read();
                    int len = (in.read() << 8) | in.read();
                    in.skipNBytes(len);
                    continue;
                }
                head.append((char) b);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    break;
                }
            }
            BufferedReader r = new BufferedReader(new java.io.StringReader(head.toString()));
            String status = r.readLine();
            if (status == null || !status.startsWith("RTSP/1.0 ")) {
                throw new IOException("not an RTSP response: " + status);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            String line;
            while ((line = r.readLine()) != null && !line.isEmpty()) {
                int c = line.indexOf(':');
                String name = line.substring(0, c).trim().toLowerCase(Locale.ROOT);
                headers.merge(name, line.substring(c + 1).trim(), (a, x) -> a + "\n" + x);
            }
            int len = headers.containsKey("content-length") ? Integer.parseInt(headers.get("content-length")) : 0;
            String body = new String(in.readNBytes(len), StandardCharsets.UTF_8);
            return new Response(Integer.parseInt(status.substring(9, 12)), headers, body);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The Authorization header a Digest client would send (RFC 2069 form, as FFmpeg does without qop). */
    static String digest(String challenge, String user, String password, String method, String uri) {
        Map<String, String> p = DigestMath.parseParams(challenge.substring("Digest ".length()));
        String ha1 = DigestMath.hex("MD5", user + ":" + p.get("realm") + ":" + password);
        String ha2 = DigestMath.hex("MD5", method + ":" + uri);
        String response = DigestMath.hex("MD5", ha1 + ":" + p.get("nonce") + ":" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + p.get("realm") + "\", nonce=\"" + p.get("nonce")
                + "\", uri=\"" + uri + "\", response=\"" + response + "\"";
    }
}
