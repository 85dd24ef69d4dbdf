package org.doorstep.sim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the virtual doorbell.
 *
 * @param rtspPort      RTSP port; 0 picks a free one
 * @param user          RTSP user; null or empty for no authentication
 * @param password      RTSP password
 * @param visitEvery    time between scheduled visits; null for visits on demand only
 * @param dropAfter     when set, all connections are reset this long after start and new ones refused for 10 s
 * @param audio         audio track
 * @param fps           frames per second of both streams
 * @param basicAuth     also accept Basic authentication (Digest is always offered)
 * @param cacheDir      where the rendered scene is cached (the app uses {@code <dataDir>/cache/sim})
 * @param onvifPort     ONVIF HTTP port (for the ONVIF part of the simulator; 0 = free port)
 * @param discoveryPort WS-Discovery UDP port (for the ONVIF part; normally 3702)
 * @param clockSkew     how far the simulated camera clock is off (for the ONVIF part); zero for none
 * @param bframes       B-pictures after each reference picture (0 = none, the default; 1..3 make a Main profile
 *                      stream whose pictures are sent in decode order, as many real cameras do; fps must then be
 *                      a multiple of bframes + 1, since the scene is drawn at fps / (bframes + 1))
 */
public record DoorbellConfig(int rtspPort, String user, String password, Duration visitEvery, Duration dropAfter,
                             Audio audio, int mainWidth, int mainHeight, int subWidth, int subHeight, int fps,
                             boolean basicAuth, Path cacheDir, int onvifPort, int discoveryPort, Duration clockSkew, int bframes) {

    public static final Duration DEFAULT_VISIT_EVERY = Duration.ofSeconds(60);

    public DoorbellConfig {
        Objects.requireNonNull(cacheDir, "cacheDir");
        audio = audio == null ? Audio.NONE : audio;
        clockSkew = clockSkew == null ? Duration.ZERO : clockSkew;
        if (rtspPort < 0 || rtspPort > 65535 || onvifPort < 0 || onvifPort > 65535 || discoveryPort < 0 || discoveryPort > 65535) {
            throw new IllegalArgumentException("ports must be 0..65535");
        }
        if (fps < 1 || fps > 60) {
            throw new IllegalArgumentException("fps must be 1..60");
        }
        for (int d : new int[] {mainWidth, mainHeight, subWidth, subHeight}) {
            if (d < 32 || d > 4096 || d % 2 != 0) {
                throw new IllegalArgumentException("stream sizes must be even numbers between 32 and 4096");
            }
        }
        if (user != null && !user.isEmpty() && password == null) {
            throw new IllegalArgumentException("a user needs a password");
        }
        if (bframes < 0 || bframes > 3) {
            throw new IllegalArgumentException("bframes must be 0..3");
        }
        if (fps % (bframes + 1) != 0) {
            throw new IllegalArgumentException("with " + bframes + " B-frames fps must be a multiple of " + (bframes + 1));
        }
        if (dropAfter != null && (dropAfter.isNegative() || dropAfter.isZero())) {
            throw new IllegalArgumentException("dropAfter must be positive");
        }
    }

    /** Defaults: free RTSP port, no auth, a visit every 60 s, no drop, no audio, 1280x720 + 640x360 at 15 fps. */
    public static DoorbellConfig defaults(Path cacheDir) {
        return new DoorbellConfig(0, null, null, DEFAULT_VISIT_EVERY, null, Audio.NONE, 1280, 720, 640, 360, 15,
                false, cacheDir, 0, 3702, Duration.ZERO, 0);
    }

    public boolean authRequired() {
        return user != null && !user.isEmpty();
    }

    public DoorbellConfig withRtspPort(int p) {
        return new DoorbellConfig(p, user, password, visitEvery, dropAfter, audio, mainWidth, mainHeight, subWidth,
                subHeight, fps, basicAuth, cacheDir, onvifPort, discoveryPort, clockSkew, bframes);
    }

    public DoorbellConfig withCredentials(String u, String p, boolean basic) {
        return new DoorbellConfig(rtspPort, u, p, visitEvery, dropAfter, audio, mainWidth, mainHeight, subWidth,
                subHeight, fps, basic, cacheDir, onvifPort, discoveryPort, clockSkew, bframes);
    }

    public DoorbellConfig withVisitEvery(Duration d) {
        return new DoorbellConfig(rtspPort, user, password, d, dropAfter, audio, mainWidth, mainHeight, subWidth,
                subHeight, fps, basicAuth, cacheDir, onvifPort, discoveryPort, clockSkew, bframes);
    }

    public DoorbellConfig withDropAfter(Duration d) {
        return new DoorbellConfig(rtspPort, user, password, visitEvery, d, audio, mainWidth, mainHeight, subWidth,
                subHeight, fps, basicAuth, cacheDir, onvifPort, discoveryPort, clockSkew, bframes);
    }

    public DoorbellConfig withAudio(Audio a) {
        return new DoorbellConfig(rtspPort, user, password, visitEvery, dropAfter, a, mainWidth, mainHeight, subWidth,
                subHeight, fps, basicAuth, cacheDir, onvifPort, discoveryPort, clockSkew, bframes);
    }

    public DoorbellConfig withSizes(int mw, int mh, int sw, int sh, int f) {
        return new DoorbellConfig(rtspPort, user, password, visitEvery, dropAfter, audio, mw, mh, sw, sh, f,
                basicAuth, cacheDir, onvifPort, discoveryPort, clockSkew, bframes);
    }

    public DoorbellConfig withOnvif(int httpPort, int discovery, Duration skew) {
        return new DoorbellConfig(rtspPort, user, password, visitEvery, dropAfter, audio, mainWidth, mainHeight,
                subWidth, subHeight, fps, basicAuth, cacheDir, httpPort, discovery, skew, bframes);
    }

    /** The same doorbell sending {@code n} B-pictures after each reference picture. */
    public DoorbellConfig withBFrames(int n) {
        return new DoorbellConfig(rtspPort, user, password, visitEvery, dropAfter, audio, mainWidth, mainHeight,
                subWidth, subHeight, fps, basicAuth, cacheDir, onvifPort, discoveryPort, clockSkew, n);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "DoorbellConfig[rtspPort=" + rtspPort + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", visitEvery=" + visitEvery + ", dropAfter=" + dropAfter + ", audio=" + audio + ", main=" + mainWidth
                + "x" + mainHeight + ", sub=" + subWidth + "x" + subHeight + ", fps=" + fps + ", basicAuth=" + basicAuth
                + ", cacheDir=" + cacheDir + ", onvifPort=" + onvifPort + ", discoveryPort=" + discoveryPort
                + ", clockSkew=" + clockSkew + ", bframes=" + bframes + "]";
    }
}
