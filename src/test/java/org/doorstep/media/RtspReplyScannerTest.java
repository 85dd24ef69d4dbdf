package org.doorstep.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The relay's reply scanner on byte streams cut at random places, as TCP delivers them: everything but a redirect
 * passes unchanged, whatever the cut; a redirect ends the stream with what came before it passed on.
 */
class RtspReplyScannerTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Interleaved packets of random size and content ('$' and 'R' inside included) and replies with bodies. */
    private static byte[] cameraTalk(Random random, ByteArrayOutputStream into, int messages) {
        for (int m = 0; m < messages; m++) {
            int kind = random.nextInt(10);
            if (kind == 0) {
                byte[] body = ascii("v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\n");
                into.writeBytes(ascii("RTSP/1.0 200 OK\r\nCSeq: " + m + "\r\nContent-Length: " + body.length
                        + "\r\n\r\n"));
                into.writeBytes(body);
            } else if (kind == 1) {
                into.writeBytes(ascii("RTSP/1.0 200 OK\nCSeq: " + m + "\n\n")); // bare line feeds
            } else if (kind == 2) {
                into.writeBytes(ascii("ANNOUNCE rtsp://127.0.0.1/x RTSP/1.0\r\nCSeq: " + m + "\r\n\r\n"));
            } else {
                int len = random.nextInt(10) == 0 ? 0 : random.nextInt(3000);
                into.write('$');
                into.write(random.nextInt(4));
                into.write(len >> 8);
                into.write(len & 0xff);
                for (int i = 0; i < len; i++) {
                    into.write(random.nextInt(5) == 0 ? '$' : random.nextInt(256));
                }
            }
        }
        return into.toByteArray();
    }

    /** Feeds {@code data} in random cuts; answers whether the scanner let the stream go on to its end. */
    private static boolean feed(RtspReplyScanner scanner, byte[] data, Random random) throws IOException {
        int at = 0;
        while (at < data.length) {
            int n = Math.min(data.length - at, 1 + random.nextInt(random.nextBoolean() ? 8 : 5000));
            byte[] chunk = new byte[n + 7];
            System.arraycopy(data, at, chunk, 0, n);
            chunk[n] = 'X'; // bytes past n must never be passed on
            if (!scanner.scan(chunk, n)) {
                return false;
            }
            at += n;
        }
        return true;
    }

    @Test
    void everythingButARedirectPassesUnchangedWhereverTheStreamIsCut() throws IOException {
        for (int seed = 0; seed < 40; seed++) {
            Random random = new Random(seed);
            byte[] talk = cameraTalk(random, new ByteArrayOutputStream(), 200);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RtspReplyScanner scanner = new RtspReplyScanner(out);
            assertThat(feed(scanner, talk, random)).isTrue();
            assertThat(out.toByteArray()).as("seed %d", seed).isEqualTo(talk);
            assertThat(scanner.redirectedTo()).isNull();
        }
    }

    @Test
    void aRedirectEndsTheStreamAndOnlyWhatCameBeforeItPasses() throws IOException {
        for (int seed = 0; seed < 40; seed++) {
            Random random = new Random(1000 + seed);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] before = cameraTalk(random, all, 50);
            all.writeBytes(ascii("RTSP/1.0 302 Found\r\nCSeq: 9\r\nLocation: rtsp://user:pw@203.0.113.7:554/other"
                    + "\r\nContent-Length: 0\r\n\r\n"));
            cameraTalk(random, all, 20);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RtspReplyScanner scanner = new RtspReplyScanner(out);
            assertThat(feed(scanner, all.toByteArray(), random)).isFalse();
            assertThat(out.toByteArray()).as("seed %d", seed).isEqualTo(before);
            assertThat(scanner.redirectedTo()).isEqualTo("203.0.113.7");
            assertThat(scanner.redirectStatus()).isEqualTo(302);
        }
    }

    @Test
    void aHeadLongerThanAnyRtspReplyIsRefused() {
        RtspReplyScanner scanner = new RtspReplyScanner(new ByteArrayOutputStream());
        byte[] endless = new byte[RtspReplyScanner.MAX_HEAD + 10];
        java.util.Arrays.fill(endless, (byte) 'a');
        assertThatThrownBy(() -> scanner.scan(endless, endless.length)).isInstanceOf(IOException.class)
                .hasMessageContaining("too long");
    }
}
