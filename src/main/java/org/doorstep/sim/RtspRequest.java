package org.doorstep.sim;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One parsed RTSP request (request line, headers, body). Header names are matched case-insensitively. */
final class RtspRequest {
    final String method;
    final String uri;
    final String version;
    final Map<String, String> headers;
    final byte[] body;

    RtspRequest(String method, String uri, String version, Map<String, String> headers, byte[] body) {
        this.method = method;
        this.uri = uri;
        this.version = version;
        this.headers = headers;
        this.body = body;
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String cseq() {
        return header("CSeq");
    }

    /** The path of the request URI ({@code /main/trackID=0}), or null for {@code *} or an unparsable URI. */
    String path() {
        if ("*".equals(uri)) {
            return null;
        }
        try {
            URI u = new URI(uri);
            String p = u.getRawPath();
            return p == null || p.isEmpty() ? "/" : p;
        } catch (Exception e) {
            return null;
        }
    }

    /** Thrown for bytes that are not an RTSP request; the connection's framing is then lost. */
    static final class BadRequest extends Exception {
        final int status;

        BadRequest(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** Parses the head (request line + headers, without the final empty line). */
    static RtspRequest parseHead(byte[] head, int length) throws BadRequest {
        String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r?\n", -1);
        String[] parts = lines[0].split(" ", -1);
        if (parts.length != 3 || !isToken(parts[0]) || parts[1].isEmpty() || !parts[2].startsWith("RTSP/")) {
            throw new BadRequest(400, "malformed request line");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line.substring(0, colon).trim())) {
                throw new BadRequest(400, "malformed header line");
            }
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return new RtspRequest(parts[0], parts[1], parts[2], headers, new byte[0]);
    }

    RtspRequest withBody(byte[] b) {
        return new RtspRequest(method, uri, version, headers, b);
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.!%*+'`~|^#$&".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
