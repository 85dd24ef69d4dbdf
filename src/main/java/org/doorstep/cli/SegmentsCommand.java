package org.doorstep.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.doorstep.store.SegmentRow;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.timeline.TimelineService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code doorstep segments}: lists recorded segments. */
@Command(name = "segments", resourceBundle = "org.doorstep.i18n.cli")
public final class SegmentsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--camera", paramLabel = "NAME", descriptionKey = "segments.camera")
    String camera;

    @Mixin
    TimeRangeOptions range;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        range.checked();
        DoorstepCommand root = DoorstepCommand.of(spec);
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace workspace = root.open("doorstep segments")) {
            root.unlockFor(workspace, org.doorstep.usecase.lock.AppLock.Access.PLAYBACK);
            List<TimelineService.Segment> segments = workspace.timeline().segments(camera, range.from, range.to);
            if (output.json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (TimelineService.Segment s : segments) {
                    SegmentRow r = s.row();
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("camera", s.camera());
                    o.put("stream", r.stream());
                    o.put("start", r.start().toString());
                    o.put("end", r.end().toString());
                    o.put("durationSeconds", r.duration().toMillis() / 1000.0);
                    o.put("bytes", r.bytes());
                    o.put("videoCodec", r.videoCodec());
                    o.put("audioCodec", r.audioCodec());
                    rows.add(o);
                }
                root.json().print(out, rows);
            } else {
                for (TimelineService.Segment s : segments) {
                    SegmentRow r = s.row();
                    out.printf("%-16s %-4s %s  %s  %7.1f s  %10d B  %s%s%n", s.camera(), r.stream(),
                            r.start(), r.end(), r.duration().toMillis() / 1000.0, r.bytes(), r.videoCodec(),
                            r.audioCodec() == null ? "" : "+" + r.audioCodec());
                }
            }
        }
        return 0;
    }
}
