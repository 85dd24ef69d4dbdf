package org.doorstep.usecase.settings;

import java.net.URI;
import java.util.function.Function;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.doorstep.media.DecodeException;
import org.doorstep.media.GreyFrame;
import org.doorstep.media.GreyFrameDecoder;
import org.doorstep.media.RtspTransport;
import org.doorstep.store.Camera;
import org.doorstep.usecase.cameras.CameraCatalog;

/**
 * One still picture of a camera to draw masks on, taken from the stream motion detection analyses (so the masks
 * line up with what the detector sees). It is grey: this is the motion decoder's picture. Interim until the live
 * view's colour snapshot ({@code usecase.live.LiveView.snapshot}) is merged, which the window should then use.
 */
public final class CameraStills {
    /** Pixels as 0xAARRGGBB, row by row. */
    public record Still(int width, int height, int[] argb) {}

    private final CameraCatalog catalog;
    private final Function<Camera, URI> authenticatedAnalysisUrl;

    /** @param authenticatedAnalysisUrl the analysis stream with credentials filled in (in memory only) */
    public CameraStills(CameraCatalog catalog, Function<Camera, URI> authenticatedAnalysisUrl) {
        this.catalog = catalog;
        this.authenticatedAnalysisUrl = authenticatedAnalysisUrl;
    }

    /** Connects, decodes one picture at {@code height} lines (even), and disconnects. */
    public Still take(String cameraName, int height) {
        Camera camera = catalog.require(cameraName);
        GreyFrameDecoder.Options options = GreyFrameDecoder.Options.DEFAULT.withTargetHeight(height & ~1)
                .withAnalysisFps(0).withRtspTransport(RtspTransport.fromSetting(camera.rtspTransport()));
        try (GreyFrameDecoder decoder = GreyFrameDecoder.open(authenticatedAnalysisUrl.apply(camera).toString(),
                options)) {
            GreyFrame frame = new GreyFrame();
            if (!decoder.next(frame)) {
                throw new UserException(Messages.of("settings").get("still.none", camera.name()));
            }
            return toArgb(frame);
        } catch (DecodeException e) {
            throw new UserException(Messages.of("settings").get("still.failed", camera.name()));
        }
    }

    static Still toArgb(GreyFrame frame) {
        int w = frame.width();
        int h = frame.height();
        byte[] grey = frame.pixels();
        int[] argb = new int[w * h];
        for (int i = 0; i < argb.length; i++) {
            int v = grey[i] & 0xff;
            argb[i] = 0xff000000 | v << 16 | v << 8 | v;
        }
        return new Still(w, h, argb);
    }
}
