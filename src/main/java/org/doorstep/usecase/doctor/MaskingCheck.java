package org.doorstep.usecase.doctor;

import java.util.List;
import org.doorstep.media.H264Encoders;
import org.doorstep.media.MaskingCost;

/**
 * What a camera with privacy masks costs on this machine: each H.264 encoder candidate (works, or why not), the one
 * recording uses, and the measured CPU of one masked 1080p15 camera with it.
 *
 * @param encoders every candidate, hardware first
 * @param chosen   the encoder a masked camera uses; null when none opens (masked cameras cannot record)
 * @param cost     the measurement with {@code chosen}; null when there is none or it failed
 * @param problem  why there is no measurement, else null
 */
public record MaskingCheck(List<H264Encoders.Result> encoders, String chosen, MaskingCost.Result cost,
                           String problem) {
}
