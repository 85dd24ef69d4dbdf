package org.doorstep.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the openh264 clips (Constrained Baseline: I and P pictures, output order = decode order) into a Main
 * profile stream with B-pictures, as many real cameras send: after every reference picture come {@code n}
 * B-pictures that are shown <em>before</em> it, so decode order and presentation order differ and a receiver
 * must carry pts and dts separately.
 *
 * <p>Why by rewriting the bitstream: the LGPL FFmpeg build has no encoder that makes B-pictures (openh264 cannot).
 * The I/P slices stay bit-identical except that every slice header gets a 16-bit {@code pic_order_cnt_lsb}
 * (POC type 0 instead of 2, which forbids reordering); 16 bits keep the rest of the slice byte-aligned as it was.
 * The new B-pictures are non-reference pictures made of B_Skip macroblocks with spatial direct prediction and
 * zero motion: each shows the average of the reference pictures before and after it, a real blend of the scene.
 * The SPS becomes Main profile with two reference frames and a VUI that announces the reorder depth.
 *
 * <p>Per GOP of {@code g} source pictures the result has {@code g * (n + 1)} pictures: the IDR, then for each P
 * picture the P followed by the {@code n} B-pictures shown just before it, and at the end {@code n} B-pictures
 * shown after the last P (predicted from the pictures before them only), so every GOP is closed and the clips
 * can still be spliced at any IDR.
 */
final class BFrames {
    private static final int POC_BITS = 16;

    private BFrames() {
    }

    /** A picture of the result: its NAL units and how many pictures later (or earlier) than sent it is shown. */
    record Unit(List<byte[]> nals, int displayOffset) { }

    /** The rewritten stream: SPS, PPS and the pictures in decode order. */
    record Result(byte[] sps, byte[] pps, List<Unit> units) { }

    /**
     * @param sps   the source SPS (NAL unit without start code)
     * @param units the source pictures in decode order, each its slice (and SEI) NAL units without SPS/PPS
     */
    static Result insert(byte[] sps, byte[] pps, List<List<byte[]>> units, int n) throws IOException {
        if (n < 1 || n > 3) {
            throw new IllegalArgumentException("1 to 3 B-pictures between references: " + n);
        }
        Sps s = Sps.parse(sps);
        int ppsId = (int) new BitReader(rbsp(pps, 1)).ue();
        byte[] newSps = s.mainProfile(n);
        List<Unit> out = new ArrayList<>();
        int gopStart = -1;
        int frameNum = 0;
        int displayBase = 0;
        for (int i = 0; i < units.size(); i++) {
            List<byte[]> unit = units.get(i);
            boolean idr = unit.stream().anyMatch(x -> (x[0] & 0x1f) == 5);
            if (idr) {
                if (gopStart >= 0) {
                    closeGop(out, s, ppsId, n, frameNum + 1, i - gopStart);
                }
                gopStart = i;
                displayBase = out.size();
            }
            if (gopStart < 0) {
                throw new IOException("the clip does not start with an IDR picture");
            }
            int k = i - gopStart; // index in the GOP
            int display = k * (n + 1);
            List<byte[]> rewritten = new ArrayList<>(unit.size());
            for (byte[] nal : unit) {
                int type = nal[0] & 0x1f;
                if (type == 1 || type == 5) {
                    SliceHead h = SliceHead.parse(nal, s);
                    frameNum = h.frameNum;
                    rewritten.add(h.withPoc(2 * display));
                } else {
                    rewritten.add(nal);
                }
            }
            out.add(new Unit(rewritten, displayBase + display - out.size()));
            if (k > 0) {
                for (int b = 1; b <= n; b++) {
                    int d = (k - 1) * (n + 1) + b;
                    out.add(new Unit(List.of(bSlice(s, ppsId, (frameNum + 1) % s.maxFrameNum(), 2 * d)),
                            displayBase + d - out.size()));
                }
            }
        }
        if (gopStart >= 0) {
            closeGop(out, s, ppsId, n, frameNum + 1, units.size() - gopStart);
        }
        return new Result(newSps, pps, out);
    }

    /** The B-pictures shown after the last P picture of a GOP. */
    private static void closeGop(List<Unit> out, Sps s, int ppsId, int n, int frameNum, int gopSize) {
        int displayBase = out.size() - gopSize * (n + 1) + n;
        for (int b = 1; b <= n; b++) {
            int d = (gopSize - 1) * (n + 1) + b;
            out.add(new Unit(List.of(bSlice(s, ppsId, frameNum % s.maxFrameNum(), 2 * d)), displayBase + d - out.size()));
        }
    }

    /** A non-reference B slice covering the picture with B_Skip macroblocks (CAVLC). */
    private static byte[] bSlice(Sps s, int ppsId, int frameNum, int poc) {
        BitWriter w = new BitWriter();
        w.ue(0);                          // first_mb_in_slice
        w.ue(6);                          // slice_type: B, all slices of the picture
        w.ue(ppsId);
        w.u(frameNum, s.log2MaxFrameNum);
        w.u(poc & 0xffff, POC_BITS);      // pic_order_cnt_lsb
        w.u(1, 1);                        // direct_spatial_mv_pred_flag
        w.u(1, 1);                        // num_ref_idx_active_override_flag
        w.ue(0);                          // one reference in list 0
        w.ue(0);                          // one reference in list 1
        w.u(0, 1);                        // ref_pic_list_modification_flag_l0
        w.u(0, 1);                        // ref_pic_list_modification_flag_l1
        w.se(0);                          // slice_qp_delta
        if (s.deblockingControl) {
            w.ue(1);                      // disable_deblocking_filter_idc: nothing to smooth in a blend
        }
        w.ue(s.mbCount);                  // mb_skip_run: every macroblock is B_Skip
        w.trailing();
        return nal(0x01, w.bytes());      // nal_ref_idc 0, type 1
    }

    /** The first fields of a slice header, up to where pic_order_cnt_lsb goes. */
    private record SliceHead(byte header, byte[] payload, long prefixBits, int frameNum) {
        static SliceHead parse(byte[] nal, Sps s) {
            byte[] r = BFrames.rbsp(nal, 1);
            BitReader br = new BitReader(r);
            br.ue();                                  // first_mb_in_slice
            br.ue();                                  // slice_type
            br.ue();                                  // pic_parameter_set_id
            int fn = (int) br.u(s.log2MaxFrameNum);
            if ((nal[0] & 0x1f) == 5) {
                br.ue();                              // idr_pic_id
            }
            return new SliceHead(nal[0], r, br.pos, fn);
        }

        byte[] withPoc(int poc) {
            BitWriter w = new BitWriter();
            BitReader br = new BitReader(payload);
            for (long i = 0; i < prefixBits; i++) {
                w.u(br.u(1), 1);
            }
            w.u(poc & 0xffff, POC_BITS);
            long total = payload.length * 8L;
            while (br.pos < total) {
                int take = (int) Math.min(32, total - br.pos);
                w.u(br.u(take), take);
            }
            return nal(header, w.bytes());
        }
    }

    /** The SPS fields that matter here; everything else is written back unchanged. */
    private static final class Sps {
        int profile;
        int level;
        int id;
        int log2MaxFrameNum;
        int widthMbs;
        int heightMbs;
        boolean frameMbsOnly;
        int[] crop;
        int mbCount;
        boolean deblockingControl = true;

        int maxFrameNum() {
            return 1 << log2MaxFrameNum;
        }

        static Sps parse(byte[] nal) throws IOException {
            BitReader r = new BitReader(rbsp(nal, 1));
            Sps s = new Sps();
            s.profile = (int) r.u(8);
            r.u(8);
            s.level = (int) r.u(8);
            if (s.profile != 66 && s.profile != 77) {
                throw new IOException("only Baseline/Main SPS can be rewritten, not profile " + s.profile);
            }
            s.id = (int) r.ue();
            s.log2MaxFrameNum = (int) r.ue() + 4;
            long pocType = r.ue();
            if (pocType == 0) {
                r.ue();
            } else if (pocType == 1) {
                throw new IOException("POC type 1 is not supported");
            }
            r.ue();                                   // max_num_ref_frames
            r.u(1);                                   // gaps_in_frame_num_value_allowed_flag
            s.widthMbs = (int) r.ue() + 1;
            s.heightMbs = (int) r.ue() + 1;
            s.frameMbsOnly = r.u(1) == 1;
            if (!s.frameMbsOnly) {
                throw new IOException("interlaced streams are not supported");
            }
            r.u(1);                                   // direct_8x8_inference_flag
            if (r.u(1) == 1) {
                s.crop = new int[] {(int) r.ue(), (int) r.ue(), (int) r.ue(), (int) r.ue()};
            }
            s.mbCount = s.widthMbs * s.heightMbs;
            return s;
        }

        byte[] mainProfile(int reorder) {
            BitWriter w = new BitWriter();
            w.u(77, 8);                   // Main
            w.u(0x40, 8);                 // constraint_set1: conforms to Main (no longer to Baseline)
            w.u(level, 8);
            w.ue(id);
            w.ue(log2MaxFrameNum - 4);
            w.ue(0);                      // pic_order_cnt_type 0: explicit POC, allows reordering
            w.ue(POC_BITS - 4);
            w.ue(2);                      // two reference frames: the B-pictures predict from both sides
            w.u(0, 1);
            w.ue(widthMbs - 1);
            w.ue(heightMbs - 1);
            w.u(1, 1);                    // frame_mbs_only_flag
            w.u(1, 1);                    // direct_8x8_inference_flag (required by Main from level 3)
            if (crop != null) {
                w.u(1, 1);
                for (int c : crop) {
                    w.ue(c);
                }
            } else {
                w.u(0, 1);
            }
            w.u(1, 1);                    // vui_parameters_present_flag
            w.u(0, 1);                    // aspect_ratio_info_present_flag
            w.u(0, 1);                    // overscan_info_present_flag
            w.u(0, 1);                    // video_signal_type_present_flag
            w.u(0, 1);                    // chroma_loc_info_present_flag
            w.u(0, 1);                    // timing_info_present_flag (the SDP gives the frame rate)
            w.u(0, 1);                    // nal_hrd_parameters_present_flag
            w.u(0, 1);                    // vcl_hrd_parameters_present_flag
            w.u(0, 1);                    // pic_struct_present_flag
            w.u(1, 1);                    // bitstream_restriction_flag
            w.u(1, 1);                    // motion_vectors_over_pic_boundaries_flag
            w.ue(2);                      // max_bytes_per_pic_denom
            w.ue(1);                      // max_bits_per_mb_denom
            w.ue(16);                     // log2_max_mv_length_horizontal
            w.ue(16);                     // log2_max_mv_length_vertical
            w.ue(reorder);                // max_num_reorder_frames
            w.ue(reorder + 2);            // max_dec_frame_buffering
            w.trailing();
            return nal(0x67, w.bytes());
        }
    }

    /** The RBSP of a NAL unit: header bytes skipped, emulation prevention bytes removed. */
    static byte[] rbsp(byte[] nal, int headerBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(nal.length);
        int zeros = 0;
        for (int i = headerBytes; i < nal.length; i++) {
            int b = nal[i] & 0xff;
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            out.write(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return out.toByteArray();
    }

    /** A NAL unit from its header byte and RBSP, with emulation prevention bytes inserted. */
    static byte[] nal(int header, byte[] rbsp) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rbsp.length + 8);
        out.write(header);
        int zeros = 0;
        for (byte value : rbsp) {
            int b = value & 0xff;
            if (zeros >= 2 && b <= 3) {
                out.write(3);
                zeros = 0;
            }
            out.write(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return out.toByteArray();
    }

    static final class BitReader {
        private final byte[] b;
        long pos;

        BitReader(byte[] b) {
            this.b = b;
        }

        long u(int n) {
            long v = 0;
            for (int i = 0; i < n; i++) {
                int bit = pos < b.length * 8L ? (b[(int) (pos >> 3)] >> (7 - (pos & 7))) & 1 : 0;
                v = (v << 1) | bit;
                pos++;
            }
            return v;
        }

        long ue() {
            int zeros = 0;
            while (u(1) == 0) {
                zeros++;
                if (zeros > 31) {
                    throw new IllegalStateException("bad Exp-Golomb code");
                }
            }
            return (1L << zeros) - 1 + u(zeros);
        }
    }

    static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int current;
        private int bits;

        void u(long value, int n) {
            for (int i = n - 1; i >= 0; i--) {
                current = (current << 1) | (int) ((value >> i) & 1);
                if (++bits == 8) {
                    out.write(current);
                    current = 0;
                    bits = 0;
                }
            }
        }

        void ue(long v) {
            long x = v + 1;
            int len = 64 - Long.numberOfLeadingZeros(x);
            u(0, len - 1);
            u(x, len);
        }

        void se(long v) {
            ue(v <= 0 ? -2 * v : 2 * v - 1);
        }

        /** rbsp_trailing_bits: a stop bit, then zeros to the byte boundary. */
        void trailing() {
            u(1, 1);
            while (bits != 0) {
                u(0, 1);
            }
        }

        byte[] bytes() {
            if (bits != 0) {
                throw new IllegalStateException("not byte aligned");
            }
            return out.toByteArray();
        }
    }
}
