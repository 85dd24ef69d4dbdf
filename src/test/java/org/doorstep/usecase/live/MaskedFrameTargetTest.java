package org.doorstep.usecase.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.doorstep.media.FrameTarget;
import org.doorstep.media.Size;
import org.doorstep.store.Camera;
import org.junit.jupiter.api.Test;

/** A live tile of a camera with privacy masks shows them black; a camera without masks gets its tile untouched. */
class MaskedFrameTargetTest {

    /** A tile whose buffer is filled white (as a decoded frame would fill it) on acquire. */
    private static final class WhiteTile implements FrameTarget {
        final ByteBuffer buffer;
        int published;

        WhiteTile(ByteOrder order) {
            buffer = ByteBuffer.allocateDirect(40 * 20 * 4).order(order);
        }

        @Override
        public Size wanted() {
            return new Size(40, 20);
        }

        @Override
        public ByteBuffer acquire(int width, int height) {
            for (int i = 0; i < width * height * 4; i++) {
                buffer.put(i, (byte) 0xFF);
            }
            return buffer;
        }

        @Override
        public void publish() {
            published++;
        }
    }

    @Test
    void maskedPixelsAreOpaqueBlackAndTheRestIsUntouched() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            WhiteTile tile = new WhiteTile(order);
            Camera cam = Camera.newCamera("porch", URI.create("rtsp://127.0.0.1/main"), null, null, null)
                    .withOptions(new Camera.Options("[[[0,0],[0.5,0],[0.5,1],[0,1]]]", null, 0, "auto", false, false));
            FrameTarget target = LiveView.masked(cam, tile);
            ByteBuffer b = target.acquire(40, 20);
            target.publish();
            assertThat(tile.published).isEqualTo(1);
            for (int y = 0; y < 20; y++) {
                for (int x = 0; x < 40; x++) {
                    int p = (y * 40 + x) * 4;
                    if (x < 20) {
                        assertThat(new int[] {b.get(p) & 0xff, b.get(p + 1) & 0xff, b.get(p + 2) & 0xff,
                                b.get(p + 3) & 0xff}).as("masked pixel " + x + "," + y).containsExactly(0, 0, 0, 255);
                    } else {
                        assertThat(b.getInt(p)).as("visible pixel " + x + "," + y).isEqualTo(0xFFFFFFFF);
                    }
                }
            }
        }
    }

    @Test
    void aCameraWithoutPrivacyMasksKeepsItsTile() {
        WhiteTile tile = new WhiteTile(ByteOrder.nativeOrder());
        Camera cam = Camera.newCamera("porch", URI.create("rtsp://127.0.0.1/main"), null, null, null);
        assertThat(LiveView.masked(cam, tile)).isSameAs(tile);
    }
}
