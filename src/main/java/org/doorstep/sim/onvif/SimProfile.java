package org.doorstep.sim.onvif;

import java.util.List;
import java.util.Objects;

/**
 * One media profile of the simulated camera, as GetProfiles reports it.
 *
 * @param token    profile token, e.g. "main" or "sub" (also passed to the stream URI function)
 * @param width    encoded width in pixels
 * @param height   encoded height in pixels
 * @param fps      frame rate limit
 * @param encoding ONVIF encoding name, e.g. "H264" or "H265"
 */
public record SimProfile(String token, int width, int height, int fps, String encoding) {
    public static final String MAIN = "main";
    public static final String SUB = "sub";

    public SimProfile {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(encoding, "encoding");
        if (token.isBlank() || width <= 0 || height <= 0 || fps <= 0) {
            throw new IllegalArgumentException("invalid profile " + token + " " + width + "x" + height + "@" + fps);
        }
    }

    /** main 1280x720 and sub 640x360, H.264 at 25 fps. */
    public static List<SimProfile> defaults() {
        return List.of(new SimProfile(MAIN, 1280, 720, 25, "H264"), new SimProfile(SUB, 640, 360, 25, "H264"));
    }
}
