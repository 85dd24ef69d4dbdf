package org.doorstep.record;

import java.util.function.Supplier;
import org.doorstep.media.PixelMask;

/**
 * A camera's privacy masks as the recorder burns them in: what stays visible, and the H.264 encoder to use (asked
 * when a connection starts, so the machine's encoders are probed once, by the first masked camera).
 *
 * @param mask    what stays visible
 * @param encoder the FFmpeg encoder name, or null when none opens here
 */
public record PrivacyMasking(PixelMask mask, Supplier<String> encoder) {
}
