package org.doorstep.cli;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.doorstep.App;
import org.doorstep.common.Messages;
import org.doorstep.playback.EventClips;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.Camera;
import org.doorstep.store.EventRepository;
import org.doorstep.store.StoredEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.doorstep.common.UserException;
/** {@code doorstep events}: motion and doorbell events from the index. */
@Command(name = "events", resourceBundle = "org.doorstep.i18n.cli")
public final class EventsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--camera", paramLabel = "NAME", descriptionKey = "events.camera")
    String camera;

    @Option(names = "--from", paramLabel = "T", converter = TimeConverter.class, descriptionKey = "option.from")
    Instant from;

    @Option(names = "--to", paramLabel = "T", converter = TimeConverter.class, descriptionKey = "option.to")
    Instant to;

    @Option(names = "--type", paramLabel = "motion|ring", descriptionKey = "events.type")
    String type;

    @Option(names = "--json", descriptionKey = "option.json")
    boolean json;

    @Override
    public Integer call() throws SQLException {
        Messages m = Messages.of("cli");
        String wanted = type == null ? null : type.toLowerCase(Locale.ROOT);
        if (wanted != null && !List.of(StoredEvent.MOTION, StoredEvent.RING, StoredEvent.CAMERA_MOTION).contains(wanted)) {
            throw new UserException(m.get("events.error.type", type), UserException.EXIT_USAGE);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new UserException(m.get("error.range"), UserException.EXIT_USAGE);
        }
        try (App app = DoorstepCommand.of(spec).openApp("doorstep events")) {
            Map<Long, String> names = new HashMap<>();
            for (Camera c : app.cameras().all()) {
                names.put(c.id(), c.name());
            }
            Long cameraId = null;
            if (camera != null) {
                Camera c = app.cameras().findByName(camera.strip())
                        .orElseThrow(() -> new UserException(m.get("camera.error.unknown", camera.strip())));
                cameraId = c.id();
            }
            List<StoredEvent> events = new EventRepository(app.database()).find(cameraId, wanted, from, to);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                EventClips clips = new EventClips(new SegmentIndex(app.database()));
                List<Map<String, Object>> rows = new ArrayList<>();
                for (StoredEvent e : events) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("camera", names.get(e.cameraId()));
                    row.put("type", e.type());
                    row.put("start", e.start());
                    row.put("end", e.end());
                    row.put("score", e.score());
                    row.put("box", e.box());
                    EventClips.Clip clip = clips.clipOf(e);
                    Map<String, Object> recording = new LinkedHashMap<>();
                    recording.put("from", clip.from());
                    recording.put("to", clip.to());
                    recording.put("segments", clip.segments().size());
                    row.put("recording", recording);
                    rows.add(row);
                }
                Json.print(out, rows);
            } else if (events.isEmpty()) {
                out.println(m.get("events.none"));
            } else {
                DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
                String format = "%-20s %-14s %-20s %-9s %s%n";
                out.printf(format, m.get("events.col.camera"), m.get("events.col.type"), m.get("events.col.start"),
                        m.get("events.col.length"), m.get("events.col.score"));
                for (StoredEvent e : events) {
                    String length = e.end() == null ? m.get("events.ongoing")
                            : DurationText.of(java.time.Duration.between(e.start(), e.end()));
                    out.printf(format, names.get(e.cameraId()), m.get("events.type." + e.type()),
                            local.format(e.start()), length, e.score());
                }
            }
        }
        return 0;
    }
}
