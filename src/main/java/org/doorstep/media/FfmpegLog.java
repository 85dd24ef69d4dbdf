package org.doorstep.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_INFO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.av_log_format_line;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_callback;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.Callback_Pointer_int_BytePointer_Pointer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends FFmpeg's own messages to SLF4J instead of the process's stderr, and lets a thread collect the
 * errors FFmpeg reports during one call: "Cannot load libcuda.so.1" explains a failed hardware decoder
 * far better than the error code ("Operation not permitted").
 */
final class FfmpegLog {

    private static final Logger LOG = LoggerFactory.getLogger("ffmpeg");
    private static final ThreadLocal<List<String>> CAPTURE = new ThreadLocal<>();
    private static final LogCallback CALLBACK = new LogCallback();
    private static boolean installed;

    private FfmpegLog() {
    }

    static synchronized void install() {
        if (!installed) {
            av_log_set_callback(CALLBACK);
            installed = true;
        }
    }

    /** Starts collecting FFmpeg error lines on this thread. */
    static void beginCapture() {
        CAPTURE.set(new ArrayList<>());
    }

    /**
     * Stops collecting and picks the line that best explains a failure: FFmpeg's first error line, else
     * its first warning. Null when FFmpeg said nothing.
     */
    static String endCapture() {
        List<String> lines = CAPTURE.get();
        CAPTURE.remove();
        if (lines == null || lines.isEmpty()) {
            return null;
        }
        String best = null;
        int bestLevel = Integer.MAX_VALUE;
        for (String l : lines) {
            int level = Integer.parseInt(l.substring(0, 3));
            if (level < bestLevel) {
                best = l.substring(4);
                bestLevel = level;
            }
        }
        return best;
    }

    private static String formatted(Pointer avcl, int level, BytePointer format, Pointer args) {
        byte[] line = new byte[1024];
        int[] printPrefix = {1};
        av_log_format_line(avcl, level, format, args, line, line.length, printPrefix);
        int length = 0;
        while (length < line.length && line[length] != 0) {
            length++;
        }
        // the context's memory address says nothing to a reader; some messages carry stray bytes
        return new String(line, 0, length, StandardCharsets.UTF_8).replaceAll(" @ 0x[0-9a-fA-F]+", "")
                .replaceAll("[^\\x20-\\x7E]", "").trim();
    }

    private static final class LogCallback extends Callback_Pointer_int_BytePointer_Pointer {
        @Override
        public void call(Pointer avcl, int level, BytePointer format, Pointer args) {
            List<String> capture = CAPTURE.get();
            // never format what FFmpeg itself would not print: some verbose messages pass invalid
            // string arguments (VAAPI's device search) and formatting them crashes in vsnprintf
            boolean forCapture = capture != null && level <= AV_LOG_WARNING;
            // everything else FFmpeg says (warnings, "[mp4] Starting second pass ...") belongs in the log file at
            // debug level: with this callback installed nothing reaches the terminal
            boolean forLog = level <= AV_LOG_ERROR ? LOG.isWarnEnabled()
                    : level <= AV_LOG_INFO && LOG.isDebugEnabled();
            if (!forCapture && !forLog) {
                return;
            }
            String text;
            if (forCapture) {
                text = formatted(avcl, level, format, args);
            } else {
                // Only the template for ordinary logging: formatting FFmpeg's va_list from Java has crashed
                // the JVM (vsnprintf in libc) for RTSP errors during avformat_open_input, and a log line
                // is not worth that risk. Captured lines (hardware probes) are formatted, as they explain
                // failures to the user.
                text = format.getString().replaceAll("[^\\x20-\\x7E]", "").trim();
            }
            if (text.isEmpty()) {
                return;
            }
            if (forCapture) {
                capture.add(String.format("%03d %s", Math.max(0, level), text));
                LOG.debug("{}", text);
            } else if (level <= AV_LOG_ERROR) {
                LOG.warn("{}", text);
            } else {
                LOG.debug("{}", text);
            }
        }
    }
}
