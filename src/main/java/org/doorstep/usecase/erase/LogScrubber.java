package org.doorstep.usecase.erase;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.doorstep.store.AuditLog;

/**
 * Rewrites Doorstep's own log files ({@code logs/doorstep*.log}) so that no line tells about an erased range. A line
 * goes (replaced by a marker with only its day) when its message names a time in the range, or a key id or file the
 * erase removed, or when it was written inside the range and is about a camera in scope (it then tells that
 * something happened to that camera at that time). Lines that continue it (stack traces) go with it.
 *
 * <p>Why in place rather than write-and-rename: the logger keeps the current file open for appending; a renamed
 * replacement would leave it writing into the old, unlinked file. Truncate-and-write keeps the same file, and the
 * logger's appends land after the rewritten text.
 */
final class LogScrubber {
    private static final Pattern LINE = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})T(\\S+)\\s+\\S+\\s+\\[[^]]*]\\s+(\\S+)\\s+-\\s(.*)$");

    private static final Pattern ANY_CAMERA = Pattern.compile("camera \\d+");
    private final Path logs;

    LogScrubber(Path logs) {
        this.logs = logs;
    }

    /**
     * @param cameraMentions texts that name a camera in scope ("camera 3", "porch"); empty when every camera is
     * @param removed        key ids and file names the erase removed
     * Returns how many lines were rewritten.
     */
    int scrub(Instant from, Instant to, List<String> cameraMentions, Set<String> removed, String receiptId)
            throws IOException {
        if (!Files.isDirectory(logs)) {
            return 0;
        }
        int total = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(logs, "doorstep*.log")) {
            for (Path file : ds) {
                total += scrubFile(file, line -> tells(line, from, to, cameraMentions, removed), receiptId);
            }
        }
        return total;
    }

    private static boolean tells(Matcher line, Instant from, Instant to, List<String> cameras, Set<String> removed) {
        String message = line.group(4);
        boolean namesScopeCamera = cameras.stream().anyMatch(message::contains);
        // a line about another camera only ("camera 2: ...") tells nothing about a camera in scope
        boolean about = cameras.isEmpty() || namesScopeCamera || !ANY_CAMERA.matcher(message).find();
        if (about && AuditLog.mentions(message, from, to)) {
            return true;
        }
        for (String r : removed) {
            if (message.contains(r)) {
                return true;
            }
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(line.group(1) + "T" + line.group(2)).toInstant();
        } catch (DateTimeParseException e) {
            return false;
        }
        boolean inRange = (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
        if (!inRange) {
            return false;
        }
        if (cameras.isEmpty()) {
            String logger = line.group(3);
            // every camera is in scope: whatever the recorder, motion, events or the demo doorbell said then goes
            return logger.contains("record") || logger.contains("motion") || logger.contains("events")
                    || logger.contains("sim") || logger.contains("watch") || message.contains("camera");
        }
        return namesScopeCamera;
    }

    private static int scrubFile(Path file, Predicate<Matcher> tells, String receiptId) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>(lines.size());
        int rewritten = 0;
        boolean dropping = false;
        for (String l : lines) {
            Matcher m = LINE.matcher(l);
            if (!m.matches()) {
                if (!dropping) {
                    out.add(l); // a continuation (stack trace) of a line that stays
                }
                continue;
            }
            dropping = tells.test(m);
            if (dropping) {
                out.add(m.group(1) + "T00:00:00.000Z INFO  [erase] erase - line removed by erase " + receiptId);
                rewritten++;
            } else {
                out.add(l);
            }
        }
        if (rewritten > 0) {
            byte[] text = (String.join("\n", out) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(0);
                ch.position(0);
                ByteBuffer b = ByteBuffer.wrap(text);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
        }
        return rewritten;
    }
}
