package org.doorstep.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.doorstep.common.Messages;
import org.doorstep.playback.EventClips;
import org.doorstep.store.StoredEvent;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.timeline.TimelineService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Option(names = "--type", paramLabel = "motion|ring", descriptionKey = "events.type")
    String type;

    @Mixin
    TimeRangeOptions range;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        Messages m = Messages.of("cli");
        String wanted = type == null ? null : type.toLowerCase(Locale.ROOT);
        if (wanted != null && !List.of(StoredEvent.MOTION, StoredEvent.RING, StoredEvent.CAMERA_MOTION).contains(wanted)) {
            throw new UserException(m.get("events.error.type", type), UserException.EXIT_USAGE);
        }
        range.checked();
        DoorstepCommand root = DoorstepCommand.of(spec);
        try (Workspace workspace = root.open("doorstep events")) {
            // when someone rang is as private as the footage: a locked install asks, as the window does
            root.unlockFor(workspace, org.doorstep.usecase.lock.AppLock.Access.PLAYBACK);
            List<TimelineService.Entry> events = workspace.timeline().events(camera, wanted, range.from, range.to,
                    output.json);
            PrintWriter out = spec.commandLine().getOut();
            if (output.json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (TimelineService.Entry entry : events) {
                    StoredEvent e = entry.event();
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("camera", entry.camera());
                    row.put("type", e.type());
                    row.put("start", e.start());
                    row.put("end", e.end());
                    row.put("score", e.score());
                    row.put("box", e.box());
                    EventClips.Clip clip = entry.clip();
                    Map<String, Object> recording = new LinkedHashMap<>();
                    recording.put("from", clip.from());
                    recording.put("to", clip.to());
                    recording.put("segments", clip.segments().size());
                    row.put("recording", recording);
                    rows.add(row);
                }
                root.json().print(out, rows);
            } else if (events.isEmpty()) {
                out.println(m.get("events.none"));
            } else {
                DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
                String format = "%-20s %-14s %-20s %-9s %s%n";
                out.printf(format, m.get("events.col.camera"), m.get("events.col.type"), m.get("events.col.start"),
                        m.get("events.col.length"), m.get("events.col.score"));
                for (TimelineService.Entry entry : events) {
                    StoredEvent e = entry.event();
                    String length = e.end() == null ? m.get("events.ongoing")
                            : DurationText.of(java.time.Duration.between(e.start(), e.end()));
                    out.printf(format, entry.camera(), m.get("events.type." + e.type()),
                            local.format(e.start()), length, e.score());
                }
            }
        }
        return 0;
    }
}
