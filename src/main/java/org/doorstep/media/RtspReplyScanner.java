package org.doorstep.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads what a camera sends FFmpeg, a buffer at a time, and passes it on unchanged, except an RTSP redirect, which
 * ends the stream there (see {@link RtspRelay}). Interleaved RTP/RTCP ({@code $}, channel, 16-bit length) is skipped
 * over by its length without looking inside; an RTSP message head is held back until its empty line so its status
 * can be read, and its body passed by Content-Length. Whatever may pass in one buffer is written in one call: the
 * relay runs for every camera stream all day, and per-packet reads, writes and availability checks (about a thousand
 * calls a second for a 1080p camera) cost more than the bytes. Not thread-safe: one per connection.
 */
final class RtspReplyScanner {
    /** The longest reply head accepted; a camera sending more is not speaking RTSP. */
    static final int MAX_HEAD = 64 * 1024;

    private enum State { BETWEEN, INTERLEAVED_HEADER, INTERLEAVED_BODY, HEAD, BODY }

    private final OutputStream out;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream(512);
    private State state = State.BETWEEN;
    private final byte[] interleaved = new byte[4];
    private int interleavedFill;
    private int left;
    private int p1 = -1;
    private int p2 = -1;
    private int p3 = -1;
    private String redirectedTo;
    private int redirectStatus;

    RtspReplyScanner(OutputStream out) {
        this.out = out;
    }

    /** The host of the redirect that ended the stream ("?" when it named none), or null. */
    String redirectedTo() {
        return redirectedTo;
    }

    int redirectStatus() {
        return redirectStatus;
    }

    /**
     * Passes on what may pass of {@code buf[0..n)}.
     *
     * @return false when a redirect ended the stream (what came before it was passed on, the redirect was not)
     * @throws IOException when writing fails or a reply head is too long
     */
    boolean scan(byte[] buf, int n) throws IOException {
        int passFrom = 0;
        int i = 0;
        while (i < n) {
            switch (state) {
                case BETWEEN -> {
                    if (buf[i] == '$') {
                        interleaved[0] = '$';
                        interleavedFill = 1;
                        state = State.INTERLEAVED_HEADER;
                    } else {
                        // a message head: what came before it goes now, the head itself once its status is known
                        out.write(buf, passFrom, i - passFrom);
                        head.reset();
                        p1 = -1;
                        p2 = -1;
                        p3 = -1;
                        state = State.HEAD;
                        continue; // the same byte again, as the head's first
                    }
                    i++;
                }
                case INTERLEAVED_HEADER -> {
                    interleaved[interleavedFill++] = buf[i++];
                    if (interleavedFill == 4) {
                        left = ((interleaved[2] & 0xff) << 8) | (interleaved[3] & 0xff);
                        state = left == 0 ? State.BETWEEN : State.INTERLEAVED_BODY;
                    }
                }
                case INTERLEAVED_BODY, BODY -> {
                    int take = Math.min(left, n - i);
                    i += take;
                    left -= take;
                    if (left == 0) {
                        state = State.BETWEEN;
                    }
                }
                case HEAD -> {
                    int c = buf[i++] & 0xff;
                    head.write(c);
                    if (head.size() > MAX_HEAD) {
                        throw new IOException("reply head too long");
                    }
                    boolean end = c == '\n' && (p1 == '\n' || p1 == '\r' && p2 == '\n' && p3 == '\r');
                    p3 = p2;
                    p2 = p1;
                    p1 = c;
                    if (end && !headComplete()) {
                        out.flush();
                        return false;
                    }
                    if (end) {
                        passFrom = i;
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        if (state != State.HEAD) {
            out.write(buf, passFrom, n - passFrom);
        }
        out.flush();
        return true;
    }

    /** A whole head was read: passes it on, or answers false for a redirect. */
    private boolean headComplete() throws IOException {
        byte[] bytes = head.toByteArray();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int status = RtspRelay.statusOf(text);
        if (status >= 300 && status < 400) {
            redirectStatus = status;
            redirectedTo = RtspRelay.locationHost(text);
            return false;
        }
        out.write(bytes);
        left = RtspRelay.contentLength(text);
        state = left == 0 ? State.BETWEEN : State.BODY;
        return true;
    }
}
