package org.doorstep.usecase.erase;

import java.time.Instant;
import java.util.List;

/**
 * What an erase would remove, shown for confirmation before anything is touched.
 *
 * @param from    start of the footage that goes (null when there is none)
 * @param to      end of what goes: the scope's end, or the moment of the preview when it reaches "now"
 * @param exports exports Doorstep wrote of this footage that are still where it put them; erased unless kept
 * @param keptClips clips kept as evidence that the erase reaches: erased too, and released
 */
public record ErasePreview(List<String> cameras, Instant from, Instant to, int segments, int events, int thumbnails,
                           long bytes, double hours, int keys, List<Export> exports, int keptClips) {

    public ErasePreview(List<String> cameras, Instant from, Instant to, int segments, int events, int thumbnails,
                        long bytes, double hours, int keys, List<Export> exports) {
        this(cameras, from, to, segments, events, thumbnails, bytes, hours, keys, exports, 0);
    }

    /** An export Doorstep wrote (audit id, file) overlapping the scope. */
    public record Export(long id, String file, Instant from, Instant to, long bytes) {}

    public boolean empty() {
        return segments == 0 && events == 0 && thumbnails == 0 && exports.isEmpty();
    }
}
