package org.doorstep.motion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MotionMaskTest {

    private static int masked(byte[] raster) {
        int n = 0;
        for (byte b : raster) {
            n += b == 0 ? 1 : 0;
        }
        return n;
    }

    @Test
    void rectangleMasksExactlyItsPixels() {
        MotionMask mask = new MotionMask(List.of(MotionMask.Polygon.rectangle(0.25, 0.5, 0.5, 0.25)));
        byte[] r = mask.raster(100, 40);
        assertThat(masked(r)).isEqualTo(50 * 10);
        assertThat(r[20 * 100 + 25]).isZero();
        assertThat(r[20 * 100 + 24]).isEqualTo((byte) 1);
        assertThat(r[19 * 100 + 50]).isEqualTo((byte) 1);
        assertThat(r[29 * 100 + 74]).isZero();
        assertThat(r[30 * 100 + 50]).isEqualTo((byte) 1);
    }

    @Test
    void triangleCoversAboutHalfItsBoundingBox() {
        MotionMask mask = new MotionMask(List.of(MotionMask.Polygon.of(0, 0, 1, 0, 0, 1)));
        byte[] r = mask.raster(200, 200);
        assertThat(masked(r)).isBetween(19_800, 20_200);
        assertThat(r[0]).isZero();
        assertThat(r[199 * 200 + 199]).isEqualTo((byte) 1);
    }

    @Test
    void rasterIsCachedPerSizeAndRebuiltForANewSize() {
        MotionMask mask = new MotionMask(List.of(MotionMask.Polygon.rectangle(0, 0, 0.5, 1)));
        byte[] first = mask.raster(64, 36);
        assertThat(mask.raster(64, 36)).isSameAs(first);
        byte[] other = mask.raster(128, 72);
        assertThat(other).hasSize(128 * 72);
        assertThat(masked(other)).isEqualTo(64 * 72);
    }

    @Test
    void noMaskMeansEverythingCounts() {
        assertThat(masked(MotionMask.NONE.raster(32, 18))).isZero();
    }

    @Test
    void polygonNeedsThreePoints() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MotionMask.Polygon.of(0, 0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
