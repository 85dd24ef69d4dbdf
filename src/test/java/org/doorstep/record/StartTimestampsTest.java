package org.doorstep.record;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The first packets of a B-picture stream over RTSP, as FFmpeg hands them over (from the virtual doorbell). */
class StartTimestampsTest {
    static final long N = StartTimestamps.NONE;

    @Test
    void firstGopOfBPictureStreamGetsTheCamerasTimes() {
        // key picture without times, two pictures with pts only, then FFmpeg's first dts
        long[] pts = {N, 96000, 84000, 90000};
        long[] dts = {N, N, N, 84000};
        StartTimestamps.fill(pts, dts, 6000);
        assertThat(dts).containsExactly(66000, 72000, 78000, 84000);
        assertThat(pts).containsExactly(78000, 96000, 84000, 90000);
    }

    @Test
    void streamWithoutReorderingKeepsPtsEqualDts() {
        long[] pts = {N, 12000};
        long[] dts = {N, 12000};
        StartTimestamps.fill(pts, dts, 6000);
        assertThat(dts).containsExactly(6000, 12000);
        assertThat(pts).containsExactly(6000, 12000);
    }
}
