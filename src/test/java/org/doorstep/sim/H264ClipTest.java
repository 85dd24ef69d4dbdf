package org.doorstep.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Annex B parsing into pictures and RFC 6184 packetisation. */
class H264ClipTest {
    private static final byte[] SPS = {0x67, 0x42, (byte) 0xc0, 0x1f, 0x11};
    private static final byte[] PPS = {0x68, (byte) 0xce, 0x3c, (byte) 0x80};

    private static byte[] nal(int header, int firstBits, int size, long seed) {
        byte[] n = new byte[size];
        new Random(seed).nextBytes(n);
        for (int i = 1; i < n.length; i++) {
            if (n[i] == 0) {
                n[i] = 1; // no accidental start codes
            }
        }
        n[0] = (byte) header;
        n[1] = (byte) firstBits;
        return n;
    }

    private static byte[] annexB(byte[]... nals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean four = true;
        for (byte[] n : nals) {
            out.writeBytes(four ? new byte[] {0, 0, 0, 1} : new byte[] {0, 0, 1});
            four = !four;
            out.writeBytes(n);
        }
        return out.toByteArray();
    }

    @Test
    void splitsPicturesAndPutsParameterSetsBeforeEveryIdr() throws Exception {
        byte[] idrA = nal(0x65, 0x88, 3000, 1);       // first slice of an IDR picture
        byte[] idrB = nal(0x65, 0x40, 500, 2);        // second slice of the same picture (first_mb != 0)
        byte[] p1 = nal(0x41, 0x9a, 200, 3);
        byte[] p2 = nal(0x41, 0x9a, 1400, 4);
        byte[] idr2 = nal(0x65, 0x88, 100, 5);
        H264Clip clip = H264Clip.parse(annexB(new byte[] {0x09, 0x10}, SPS, PPS, idrA, idrB, p1, p2, idr2));

        assertThat(clip.size()).isEqualTo(4);
        assertThat(clip.frame(0).key()).isTrue();
        assertThat(clip.frame(1).key()).isFalse();
        assertThat(clip.frame(2).key()).isFalse();
        assertThat(clip.frame(3).key()).isTrue();
        assertThat(depacketize(clip.frame(0))).containsExactly(SPS, PPS, idrA, idrB);
        assertThat(depacketize(clip.frame(2))).containsExactly(p2);
        assertThat(depacketize(clip.frame(3))).containsExactly(SPS, PPS, idr2);
        assertThat(clip.profileLevelId()).isEqualTo("42C01F");
    }

    @Test
    void largeNalUnitsAreSentAsFuAFragmentsWithinTheMtu() {
        byte[] big = nal(0x65, 0x88, 10_000, 9);
        VideoFrame f = VideoFrame.of(List.of(SPS, PPS, big));
        for (int i = 0; i < f.payloadCount(); i++) {
            assertThat(f.payload(i).length).isLessThanOrEqualTo(VideoFrame.MAX_PAYLOAD);
        }
        byte[] first = f.payload(2);
        assertThat(first[0] & 0x1f).isEqualTo(28);
        assertThat(first[0] & 0x60).isEqualTo(0x60);      // NRI kept
        assertThat(first[1] & 0xff).isEqualTo(0x80 | 5);   // start bit + type
        assertThat(f.payload(f.payloadCount() - 1)[1] & 0x40).isEqualTo(0x40); // end bit
        assertThat(depacketize(f)).containsExactly(SPS, PPS, big);
        assertThat(f.bytes()).isEqualTo(SPS.length + PPS.length + big.length);
    }

    @Test
    void rejectsStreamsThatDoNotStartWithAnIdr() {
        assertThatThrownBy(() -> H264Clip.parse(annexB(SPS, PPS, nal(0x41, 0x9a, 50, 1)))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> H264Clip.parse(new byte[] {1, 2, 3, 4, 5})).isInstanceOf(IOException.class);
    }

    /** Reassembles NAL units from RTP payloads like a receiver would. */
    private static List<byte[]> depacketize(VideoFrame f) {
        List<byte[]> out = new ArrayList<>();
        ByteArrayOutputStream fu = null;
        for (int i = 0; i < f.payloadCount(); i++) {
            byte[] p = f.payload(i);
            if ((p[0] & 0x1f) != 28) {
                out.add(p);
                continue;
            }
            if ((p[1] & 0x80) != 0) {
                fu = new ByteArrayOutputStream();
                fu.write((p[0] & 0xe0) | (p[1] & 0x1f));
            }
            fu.write(p, 2, p.length - 2);
            if ((p[1] & 0x40) != 0) {
                out.add(fu.toByteArray());
            }
        }
        return out;
    }
}
