package org.doorstep.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An H.264 elementary stream (Annex B) read into memory as packetised pictures. Every IDR picture is
 * preceded by SPS and PPS, so a client can join at any key frame and clips can be spliced at any IDR.
 */
public final class H264Clip {
    private final List<VideoFrame> frames;
    /** The pictures' NAL units without parameter sets, in decode order (for {@link #withBFrames}). */
    private final List<List<byte[]>> units;
    private final byte[] sps;
    private final byte[] pps;

    private H264Clip(List<VideoFrame> frames, List<List<byte[]>> units, byte[] sps, byte[] pps) {
        this.frames = List.copyOf(frames);
        this.units = List.copyOf(units);
        this.sps = sps;
        this.pps = pps;
    }

    public static H264Clip read(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    /** Splits an Annex B byte stream into access units (one per picture). */
    public static H264Clip parse(byte[] annexB) throws IOException {
        List<byte[]> nals = splitNals(annexB);
        byte[] sps = null;
        byte[] pps = null;
        List<VideoFrame> frames = new ArrayList<>();
        List<List<byte[]>> units = new ArrayList<>();
        List<byte[]> unit = new ArrayList<>();
        boolean unitHasSlice = false;
        for (byte[] nal : nals) {
            int type = nal[0] & 0x1f;
            if (type == 7) {
                sps = nal;
            } else if (type == 8) {
                pps = nal;
            }
            boolean startsPicture = type == 9 || type == 7 || type == 8 || type == 6
                    || ((type == 1 || type == 5) && nal.length > 1 && (nal[1] & 0x80) != 0);
            if (startsPicture && unitHasSlice) {
                frames.add(finish(unit, sps, pps, 0));
                units.add(List.copyOf(unit));
                unit.clear();
                unitHasSlice = false;
            }
            if (type == 9 || type == 7 || type == 8) {
                continue; // access unit delimiters are dropped; parameter sets are re-inserted per IDR
            }
            unit.add(nal);
            unitHasSlice |= type == 1 || type == 5;
        }
        if (unitHasSlice) {
            frames.add(finish(unit, sps, pps, 0));
            units.add(List.copyOf(unit));
        }
        if (sps == null || pps == null || frames.isEmpty() || !frames.get(0).key()) {
            throw new IOException("not an H.264 stream starting with SPS, PPS and an IDR picture");
        }
        return new H264Clip(frames, units, sps, pps);
    }

    /**
     * This clip as a Main profile stream with {@code n} B-pictures after every reference picture (see
     * {@link BFrames}); it has {@code n + 1} times as many pictures, each knowing when it is shown.
     */
    public H264Clip withBFrames(int n) throws IOException {
        BFrames.Result r = BFrames.insert(sps, pps, units, n);
        List<VideoFrame> out = new ArrayList<>(r.units().size());
        List<List<byte[]>> outUnits = new ArrayList<>(r.units().size());
        for (BFrames.Unit u : r.units()) {
            out.add(finish(u.nals(), r.sps(), r.pps(), u.displayOffset()));
            outUnits.add(u.nals());
        }
        return new H264Clip(out, outUnits, r.sps(), r.pps());
    }

    /** The clip as an Annex B byte stream (for tests and tools that read raw H.264). */
    public byte[] annexB() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (List<byte[]> u : units) {
            if (u.stream().anyMatch(n -> (n[0] & 0x1f) == 5)) {
                out.writeBytes(new byte[] {0, 0, 0, 1});
                out.writeBytes(sps);
                out.writeBytes(new byte[] {0, 0, 0, 1});
                out.writeBytes(pps);
            }
            for (byte[] n : u) {
                out.writeBytes(new byte[] {0, 0, 0, 1});
                out.writeBytes(n);
            }
        }
        return out.toByteArray();
    }

    private static VideoFrame finish(List<byte[]> unit, byte[] sps, byte[] pps, int displayOffset) throws IOException {
        boolean idr = unit.stream().anyMatch(n -> (n[0] & 0x1f) == 5);
        if (!idr) {
            return VideoFrame.of(unit, displayOffset);
        }
        if (sps == null || pps == null) {
            throw new IOException("IDR picture without SPS/PPS");
        }
        List<byte[]> withParams = new ArrayList<>(unit.size() + 2);
        withParams.add(sps);
        withParams.add(pps);
        withParams.addAll(unit);
        return VideoFrame.of(withParams, displayOffset);
    }

    static List<byte[]> splitNals(byte[] b) {
        List<byte[]> out = new ArrayList<>();
        int i = 0;
        int start = -1;
        while (i + 2 < b.length) {
            if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
                if (start >= 0) {
                    out.add(trimmed(b, start, i));
                }
                i += 3;
                start = i;
            } else {
                i++;
            }
        }
        if (start >= 0 && start < b.length) {
            out.add(trimmed(b, start, b.length));
        }
        out.removeIf(n -> n.length == 0);
        return out;
    }

    private static byte[] trimmed(byte[] b, int from, int to) {
        while (to > from && b[to - 1] == 0) {
            to--; // trailing zeros belong to the next 4-byte start code
        }
        return Arrays.copyOfRange(b, from, to);
    }

    public List<VideoFrame> frames() {
        return frames;
    }

    public int size() {
        return frames.size();
    }

    public VideoFrame frame(int i) {
        return frames.get(i);
    }

    public byte[] sps() {
        return sps.clone();
    }

    public byte[] pps() {
        return pps.clone();
    }

    /** The profile-level-id for SDP: profile_idc, constraint flags and level_idc from the SPS, in hex. */
    public String profileLevelId() {
        return String.format("%02X%02X%02X", sps[1] & 0xff, sps[2] & 0xff, sps[3] & 0xff);
    }
}
