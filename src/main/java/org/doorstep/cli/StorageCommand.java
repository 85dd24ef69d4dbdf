package org.doorstep.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.doorstep.common.Messages;
import org.doorstep.record.RetentionService;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.storage.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code doorstep storage [--json]}: where the recordings are, how full their disk is, the reserve in force and
 * whether each camera's retention can be met; {@code doorstep storage move DIR}: move them to another folder.
 */
@Command(name = "storage", resourceBundle = "org.doorstep.i18n.storage", subcommands = StorageCommand.Move.class)
public final class StorageCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        Messages m = Messages.of("storage");
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace workspace = DoorstepCommand.of(spec).open("doorstep storage")) {
            Storage.Status s = workspace.storage().status();
            List<String> problems = workspace.storage().problems(m);
            if (output.json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("folder", s.folder().toString());
                doc.put("available", s.available());
                doc.put("freeBytes", s.freeBytes());
                doc.put("totalBytes", s.totalBytes());
                doc.put("reserveBytes", s.reserveBytes());
                doc.put("headroomBytes", s.headroomBytes());
                List<Map<String, Object>> shortfalls = new ArrayList<>();
                for (RetentionService.Shortfall f : s.shortfalls()) {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("camera", f.cameraName());
                    o.put("retentionSeconds", f.retention().toSeconds());
                    o.put("keptSeconds", f.kept().toSeconds());
                    shortfalls.add(o);
                }
                doc.put("retentionShortfalls", shortfalls);
                doc.put("problems", problems);
                DoorstepCommand.of(spec).json().print(out, doc);
                return 0;
            }
            out.println(m.get("status.folder", s.folder(), m.get(s.available() ? "status.available" : "status.missing")));
            out.println(m.get("status.disk", gb(s.freeBytes()), gb(s.totalBytes()), gb(s.reserveBytes()),
                    gb(s.headroomBytes())));
            out.println(problems.isEmpty() ? m.get("status.ok") : String.join(System.lineSeparator(), problems));
            out.flush();
            return problems.isEmpty() ? 0 : 1;
        }
    }

    static String gb(long bytes) {
        return bytes < 0 ? "?" : bytes >= 1_000_000_000L ? String.format("%.1f GB", bytes / 1e9)
                : String.format("%.0f MB", bytes / 1e6);
    }

    /** {@code doorstep storage move DIR}: pauses recording, copies, verifies, switches, resumes, removes the old copy. */
    @Command(name = "move", resourceBundle = "org.doorstep.i18n.storage")
    static final class Move implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR", descriptionKey = "move.dir")
        Path target;

        @Override
        public Integer call() {
            Messages m = Messages.of("storage");
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            DoorstepCommand root = DoorstepCommand.of(spec);
            try (Workspace workspace = root.open("doorstep storage move");
                 AutoCloseable ctrlC = root.doorstep().onShutdown("cancel storage move", () -> stop.set(true))) {
                int[] lastPercent = {-1};
                Storage.MoveResult r = workspace.storage().move(target, p -> {
                    int percent = p.bytesTotal() == 0 ? 100 : (int) (p.bytesDone() * 100 / p.bytesTotal());
                    if (percent / 10 != lastPercent[0] / 10) {
                        lastPercent[0] = percent;
                        err.println(m.get("move.progress", percent, p.filesDone(), p.filesTotal()));
                        err.flush();
                    }
                }, stop::get);
                if (r.startedFresh()) {
                    out.println(m.get("move.fresh", r.from(), r.to()));
                    return 0;
                }
                out.println(m.get("move.done", r.files(), gb(r.bytes()), r.from(), r.to(),
                        DurationText.of(r.took())));
                if (!r.oldCopyRemoved()) {
                    out.println(m.get("move.oldKept", r.from()));
                }
                return 0;
            } catch (org.doorstep.common.UserException e) {
                throw e;
            } catch (Exception e) {
                throw new org.doorstep.common.UserException(m.get("move.failed", target, e.getMessage()));
            }
        }
    }
}
