package org.doorstep.playback;

import java.io.IOException;
import org.bytedeco.javacpp.BytePointer;
import org.doorstep.media.SeekableSource;

/**
 * A recorded segment as FFmpeg should see it when playback starts at a keyframe: the MP4 header (ftyp + moov, the
 * bytes before the first fragment) followed directly by the fragment that the keyframe opens and everything after.
 * The fragments carry their own decode times (tfdt), so timestamps stay right; the demuxer never has to scan the
 * fragments before the keyframe, which is what makes a seek cost one fragment instead of a whole segment.
 */
final class FragmentSource implements SeekableSource {
    private final SeekableSource whole;
    private final long headerBytes;
    private final long fragmentStart;

    /**
     * @param headerBytes   where the first fragment starts (the first keyframe's offset in the index)
     * @param fragmentStart where the wanted fragment starts; {@code headerBytes} gives the whole segment
     */
    FragmentSource(SeekableSource whole, long headerBytes, long fragmentStart) {
        if (headerBytes < 0 || fragmentStart < headerBytes || fragmentStart > whole.size()) {
            throw new IllegalArgumentException("fragment outside the segment");
        }
        this.whole = whole;
        this.headerBytes = headerBytes;
        this.fragmentStart = fragmentStart;
    }

    @Override
    public long size() {
        return whole.size() - (fragmentStart - headerBytes);
    }

    @Override
    public int read(long position, BytePointer into, int length) throws IOException {
        if (position >= size()) {
            return -1;
        }
        if (position < headerBytes) {
            return whole.read(position, into, (int) Math.min(length, headerBytes - position));
        }
        return whole.read(position - headerBytes + fragmentStart, into, length);
    }
}
