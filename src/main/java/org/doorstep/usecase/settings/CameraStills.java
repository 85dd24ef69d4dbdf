package org.doorstep.usecase.settings;

import org.doorstep.media.Picture;
import org.doorstep.usecase.live.LiveView;
import org.doorstep.usecase.live.Quality;

/**
 * One colour still of a camera to draw masks on, from the stream motion detection analyses (the sub stream when
 * there is one), so the masks line up with what the detector sees; taken through the live view, with the camera's
 * credentials, transport and the LAN-only address check.
 */
public final class CameraStills {
    /** Pixels as 0xAARRGGBB, row by row. */
    public record Still(int width, int height, int[] argb) {}

    private final LiveView live;

    public CameraStills(LiveView live) {
        this.live = live;
    }

    /** Connects, decodes one picture about {@code height} lines high, and disconnects. */
    public Still take(String cameraName, int height) {
        Picture p = live.snapshot(cameraName, Quality.SUB, height * 16 / 9);
        return new Still(p.width(), p.height(), p.argb());
    }
}
