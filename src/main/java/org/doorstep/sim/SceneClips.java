package org.doorstep.sim;

import java.util.EnumMap;
import java.util.Map;

/** The three porch clips of one stream (one resolution), all with the same timing. */
public final class SceneClips {
    private final Map<ClipKind, H264Clip> clips;
    private final int width;
    private final int height;

    SceneClips(Map<ClipKind, H264Clip> clips, int width, int height) {
        this.clips = new EnumMap<>(clips);
        this.width = width;
        this.height = height;
    }

    /** The same clips with {@code n} B-pictures after every reference picture (see {@link BFrames}). */
    SceneClips withBFrames(int n) throws java.io.IOException {
        Map<ClipKind, H264Clip> out = new EnumMap<>(ClipKind.class);
        for (Map.Entry<ClipKind, H264Clip> e : clips.entrySet()) {
            out.put(e.getKey(), e.getValue().withBFrames(n));
        }
        return new SceneClips(out, width, height);
    }

    public H264Clip clip(ClipKind kind) {
        return clips.get(kind);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }
}
