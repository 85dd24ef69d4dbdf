package org.doorstep.media.rtsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.doorstep.common.net.AuthParams;
import org.junit.jupiter.api.Test;

/** The own RTSP reader's parts on their own: session descriptions, authorization, RTP taken apart. */
class RtspPartsTest {

    // ------------------------------------------------------------------ SDP

    @Test
    void tracksWithRelativeAbsoluteAndSessionControls() {
        String sdp = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=cam\r\na=control:*\r\n"
                + "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
                + "a=fmtp:96 packetization-mode=1; sprop-parameter-sets=Z0IAHpWoKA9k,aM48gA==\r\na=control:trackID=1\r\n"
                + "m=audio 0 RTP/AVP 0\r\na=control:rtsp://10.0.0.5/audio\r\n"
                + "m=application 0 RTP/AVP 107\r\na=rtpmap:107 vnd.onvif.metadata/90000\r\n";
        Sdp s = Sdp.parse(sdp, "rtsp://10.0.0.5/cam/realmonitor?channel=1&subtype=0");
        assertThat(s.tracks()).hasSize(3);
        assertThat(s.control()).as("a=control:* is the described URL").isEqualTo(
                "rtsp://10.0.0.5/cam/realmonitor?channel=1&subtype=0");
        SdpTrack v = s.video();
        assertThat(v.encoding()).isEqualTo("H264");
        assertThat(v.clockRate()).isEqualTo(90_000);
        assertThat(v.fmtp()).containsEntry("sprop-parameter-sets", "Z0IAHpWoKA9k,aM48gA==");
        // FFmpeg's way with a query: the control is appended to the whole URL, which cameras (Dahua) expect
        assertThat(v.control()).isEqualTo("rtsp://10.0.0.5/cam/realmonitor?channel=1&subtype=0/trackID=1");
        SdpTrack a = s.audio();
        assertThat(a.encoding()).isEqualTo("PCMU"); // static payload type 0, no rtpmap
        assertThat(a.clockRate()).isEqualTo(8000);
        assertThat(a.control()).isEqualTo("rtsp://10.0.0.5/audio");
    }

    @Test
    void aSessionControlAndAContentBaseWithASlash() {
        String sdp = "v=0\r\na=control:rtsp://cam/live/\r\nm=video 0 RTP/AVP 97\r\na=rtpmap:97 H265/90000\r\n";
        assertThat(Sdp.parse(sdp, "rtsp://cam/other").video().control()).isEqualTo("rtsp://cam/live/");
        assertThat(Sdp.parse(sdp, "rtsp://cam/other").control()).isEqualTo("rtsp://cam/live/");
        String none = "v=0\nm=video 0 RTP/AVP 96\na=rtpmap:96 H264/90000\na=control:track0\n";
        assertThat(Sdp.parse(none, "rtsp://cam/live/").video().control()).isEqualTo("rtsp://cam/live/track0");
    }

    @Test
    void theInterleavedChannelsTheCameraChose() {
        assertThat(RtspClient.interleavedChannel("RTP/AVP/TCP;unicast;interleaved=4-5;ssrc=1234", 0)).isEqualTo(4);
        assertThat(RtspClient.interleavedChannel("RTP/AVP/TCP;unicast", 2)).isEqualTo(2);
        assertThat(RtspClient.interleavedChannel(null, 2)).isEqualTo(2);
        assertThat(RtspClient.interleavedChannel("RTP/AVP/TCP;interleaved=x", 0)).isZero();
    }

    // ------------------------------------------------------------------ authorization

    @Test
    void digestWithQopAuthGivesRfc2617sExampleResponse() {
        RtspAuthorization a = RtspAuthorization.answering("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"",
                "Mufasa", "Circle Of Life", "0a4f113b");
        String h = a.header("GET", "/dir/index.html");
        assertThat(h).startsWith("Digest ").contains("response=\"6629fae49393a05397450978507c4ef1\"")
                .contains("nc=00000001").contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
        assertThat(a.header("GET", "/dir/index.html")).contains("nc=00000002");
    }

    @Test
    void digestIsPreferredToBasicAndBasicIsTakenAlone() {
        String both = "Basic realm=\"cam\"\nDigest realm=\"cam\", nonce=\"abc\"";
        assertThat(RtspAuthorization.answering(both, "u", "p").header("DESCRIBE", "rtsp://x/")).startsWith("Digest ");
        assertThat(RtspAuthorization.answering("Basic realm=\"cam\"", "admin", "pw").header("DESCRIBE", "rtsp://x/"))
                .isEqualTo("Basic YWRtaW46cHc=");
        assertThat(RtspAuthorization.answering("Digest realm=\"cam\", nonce=\"n\", algorithm=SHA-256", "u", "p"))
                .as("only MD5 digests").isNull();
        assertThat(RtspAuthorization.answering("Negotiate", "u", "p")).isNull();
    }

    @Test
    void challengeParametersWithQuotesCommasAndEscapes() {
        Map<String, String> p = AuthParams.parse(" realm=\"a, \\\"b\\\"\", nonce=xyz, stale=FALSE");
        assertThat(p).containsEntry("realm", "a, \"b\"").containsEntry("nonce", "xyz").containsEntry("stale", "FALSE");
    }

    // ------------------------------------------------------------------ H.264

    private record Unit(byte[] data, long ts, boolean key) { }

    private static byte[] rtp(int seq, long ts, boolean marker, int... payload) {
        byte[] p = new byte[12 + payload.length];
        p[0] = (byte) 0x80;
        p[1] = (byte) ((marker ? 0x80 : 0) | 96);
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        p[4] = (byte) (ts >> 24);
        p[5] = (byte) (ts >> 16);
        p[6] = (byte) (ts >> 8);
        p[7] = (byte) ts;
        for (int i = 0; i < payload.length; i++) {
            p[12 + i] = (byte) payload[i];
        }
        return p;
    }

    private static byte[] annexB(byte[]... nals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] n : nals) {
            out.writeBytes(new byte[] {0, 0, 0, 1});
            out.writeBytes(n);
        }
        return out.toByteArray();
    }

    @Test
    void stapAFuAAndSingleNalUnitsBecomeAnnexBAccessUnits() {
        List<Unit> units = new ArrayList<>();
        H264Depacketizer d = new H264Depacketizer((data, len, ts, key) ->
                units.add(new Unit(java.util.Arrays.copyOf(data, len), ts, key)));
        byte[] sps = {0x67, 0x42, 0x00, 0x1e};
        byte[] pps = {0x68, (byte) 0xce, 0x3c, (byte) 0x80};
        // STAP-A with SPS and PPS, then an IDR in three FU-A fragments (header 0x65: nri 3, type 5)
        feed(d, rtp(1, 1000, false, 0x18, 0, 4, 0x67, 0x42, 0x00, 0x1e, 0, 4, 0x68, 0xce, 0x3c, 0x80));
        feed(d, rtp(2, 1000, false, 0x7c, 0x85, 1, 2));
        feed(d, rtp(3, 1000, false, 0x7c, 0x05, 3, 4));
        feed(d, rtp(4, 1000, true, 0x7c, 0x45, 5));
        // a P picture in one packet, timestamp wrapping past 2^32 is the depacketizer's caller's business
        feed(d, rtp(5, 7000, true, 0x41, 9, 9));
        assertThat(units).hasSize(2);
        assertThat(units.get(0).data()).isEqualTo(annexB(sps, pps, new byte[] {0x65, 1, 2, 3, 4, 5}));
        assertThat(units.get(0).key()).isTrue();
        assertThat(units.get(0).ts()).isEqualTo(1000);
        assertThat(units.get(1).data()).isEqualTo(annexB(new byte[] {0x41, 9, 9}));
        assertThat(units.get(1).key()).isFalse();
        assertThat(d.parameterSets()).isEqualTo(annexB(sps, pps));
    }

    @Test
    void aPictureThatLostAPacketIsDroppedAndTheNextOneComesWhole() {
        List<Unit> units = new ArrayList<>();
        H264Depacketizer d = new H264Depacketizer((data, len, ts, key) ->
                units.add(new Unit(java.util.Arrays.copyOf(data, len), ts, key)));
        feed(d, rtp(10, 3000, false, 0x7c, 0x85, 1));
        // sequence 11 lost: the middle of the IDR
        feed(d, rtp(12, 3000, true, 0x7c, 0x45, 3));
        // the next picture starts without its marker-ended predecessor's help, by its new timestamp
        feed(d, rtp(13, 9000, true, 0x41, 7));
        assertThat(units).extracting(Unit::ts).containsExactly(9000L);
        assertThat(d.dropped()).isEqualTo(1);
        // a picture whose first fragment was lost (continuation without a start) is dropped too
        feed(d, rtp(14, 15000, false, 0x7c, 0x01, 1));
        feed(d, rtp(15, 15000, true, 0x7c, 0x41, 2));
        assertThat(d.dropped()).isEqualTo(2);
        assertThat(units).hasSize(1);
    }

    @Test
    void theSequenceNumberIsExtendedOverItsWrap() {
        H264Depacketizer d = new H264Depacketizer((data, len, ts, key) -> { });
        assertThat(d.extendedSequence()).isEqualTo(-1);
        feed(d, rtp(65_534, 0, true, 0x41, 1));
        feed(d, rtp(65_535, 6000, true, 0x41, 1));
        feed(d, rtp(0, 12_000, true, 0x41, 1));
        feed(d, rtp(1, 18_000, true, 0x41, 1));
        assertThat(d.extendedSequence()).isEqualTo(0x10001);
        assertThat(d.dropped()).as("no gap across the wrap").isZero();
    }

    @Test
    void paddingAndHeaderExtensionsAreSkipped() {
        List<Unit> units = new ArrayList<>();
        H264Depacketizer d = new H264Depacketizer((data, len, ts, key) ->
                units.add(new Unit(java.util.Arrays.copyOf(data, len), ts, key)));
        byte[] p = rtp(1, 0, true, 0, 0, 0, 1, 1, 2, 3, 4, 0x41, 5, 0, 0, 3);
        p[0] = (byte) (0x80 | 0x20 | 0x10); // padding and an extension of one word
        p[12] = (byte) 0xbe;
        p[13] = (byte) 0xde;
        feed(d, p);
        assertThat(units.get(0).data()).isEqualTo(annexB(new byte[] {0x41, 5}));
    }

    private static void feed(H264Depacketizer d, byte[] p) {
        d.packet(p, 0, p.length);
    }

    // ------------------------------------------------------------------ audio

    @Test
    void aacAccessUnitsOneByOneWithTheirTimes() {
        SdpTrack t = new SdpTrack("audio", 97, "MPEG4-GENERIC", 16000, 1, Map.of("mode", "AAC-hbr", "sizelength", "13",
                "indexlength", "3", "config", "1408"), "rtsp://x/a");
        List<long[]> frames = new ArrayList<>();
        AudioDepacketizer d = AudioDepacketizer.forTrack(t, (b, off, len, ts) -> frames.add(new long[] {len, ts,
                b[off]}));
        assertThat(d.codec()).isEqualTo(AudioDepacketizer.Codec.AAC);
        // AU-headers-length 32 bits: two headers, sizes 3 and 2 (size << 3 | index 0)
        byte[] p = rtp(1, 5000, true, 0, 32, 0, 3 << 3, 0, 2 << 3, 7, 7, 7, 9, 9);
        d.packet(p, 0, p.length);
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0)).containsExactly(3, 5000, 7);
        assertThat(frames.get(1)).containsExactly(2, 6024, 9);
    }

    @Test
    void g711AsItComesAndUnknownAudioNotAtAll() {
        SdpTrack pcmu = new SdpTrack("audio", 0, "PCMU", 8000, 1, Map.of(), "rtsp://x/a");
        List<Integer> lengths = new ArrayList<>();
        AudioDepacketizer d = AudioDepacketizer.forTrack(pcmu, (b, off, len, ts) -> lengths.add(len));
        byte[] p = rtp(1, 0, false, new int[160]);
        d.packet(p, 0, p.length);
        assertThat(lengths).containsExactly(160);
        SdpTrack opus = new SdpTrack("audio", 111, "OPUS", 48000, 2, Map.of(), "rtsp://x/a");
        assertThat(AudioDepacketizer.forTrack(opus, (b, off, len, ts) -> { })).isNull();
        SdpTrack latm = new SdpTrack("audio", 96, "MPEG4-GENERIC", 16000, 1, Map.of("mode", "AAC-lbr"), "rtsp://x");
        assertThat(AudioDepacketizer.codecOf(latm)).isNull();
    }
}
