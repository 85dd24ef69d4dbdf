package org.doorstep.media.rtsp;

import java.util.Locale;
import java.util.Map;

/**
 * One RTSP reply.
 *
 * @param headers lower-case names; a header given twice keeps its first value, except WWW-Authenticate, whose values
 *                are joined by a newline (a camera may offer Digest and Basic in two headers)
 */
record RtspReply(int status, String reason, Map<String, String> headers, byte[] body) {

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    int cseq() {
        String v = header("cseq");
        try {
            return v == null ? -1 : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
