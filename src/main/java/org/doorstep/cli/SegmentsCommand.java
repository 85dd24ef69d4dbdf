package org.doorstep.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.doorstep.App;
import org.doorstep.common.Messages;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;
import org.doorstep.store.Camera;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/** {@code doorstep segments}: lists recorded segments. */
@Command(name = "segments", resourceBundle = "org.doorstep.i18n.cli")
public final class SegmentsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--camera", paramLabel = "NAME", descriptionKey = "segments.camera")
    String camera;

    @Option(names = "--from", paramLabel = "T", converter = TimeConverter.class, descriptionKey = "option.from")
    Instant from;

    @Option(names = "--to", paramLabel = "T", converter = TimeConverter.class, descriptionKey = "option.to")
    Instant to;

    @Option(names = "--json", descriptionKey = "option.json")
    boolean json;

    @Override
    public Integer call() {
        Messages msg = Messages.of("record");
        try (App app = DoorstepCommand.of(spec).openApp("doorstep segments")) {
            Long cameraId = null;
            if (camera != null) {
                var cam = app.cameras().findByName(camera);
                if (cam.isEmpty()) {
                    err().println(msg.get("cli.unknownCamera", camera));
                    return 2;
                }
                cameraId = cam.get().id();
            }
            Map<Long, String> names = new HashMap<>();
            for (Camera c : app.cameras().all()) {
                names.put(c.id(), c.name());
            }
            var rows = new SegmentIndex(app.database()).find(cameraId, from, to);
            if (json) {
                ObjectMapper mapper = new ObjectMapper();
                ArrayNode arr = mapper.createArrayNode();
                for (SegmentRow r : rows) {
                    ObjectNode o = arr.addObject();
                    o.put("camera", names.get(r.cameraId()));
                    o.put("stream", r.stream());
                    o.put("start", r.start().toString());
                    o.put("end", r.end().toString());
                    o.put("durationSeconds", r.duration().toMillis() / 1000.0);
                    o.put("bytes", r.bytes());
                    o.put("videoCodec", r.videoCodec());
                    o.put("audioCodec", r.audioCodec());
                }
                out().println(mapper.writeValueAsString(arr));
            } else {
                for (SegmentRow r : rows) {
                    out().printf("%-16s %-4s %s  %s  %7.1f s  %10d B  %s%s%n", names.get(r.cameraId()), r.stream(),
                            r.start(), r.end(), r.duration().toMillis() / 1000.0, r.bytes(), r.videoCodec(),
                            r.audioCodec() == null ? "" : "+" + r.audioCodec());
                }
            }
            return 0;
        } catch (java.sql.SQLException | java.io.IOException e) {
            err().println(msg.get("cli.failed", e.getMessage()));
            return 1;
        }
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private java.io.PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
