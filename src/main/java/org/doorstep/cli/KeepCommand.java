package org.doorstep.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.keep.KeptClips;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code doorstep keep add --camera NAME --from T --to T --reason TEXT [--review DATE]}, {@code keep list [--json]},
 * {@code keep release ID}: clips kept as evidence, which retention and the storage caps leave alone.
 */
@Command(name = "keep", resourceBundle = "org.doorstep.i18n.keep",
        subcommands = {KeepCommand.Add.class, KeepCommand.ListKept.class, KeepCommand.Release.class})
public final class KeepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return UserException.EXIT_USAGE;
    }

    /** A day as people type it in scripts: 2026-12-31. */
    static final class DateConverter implements CommandLine.ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return LocalDate.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException(Messages.of("keep").get("keep.cli.badDate", value));
            }
        }
    }

    @Command(name = "add", resourceBundle = "org.doorstep.i18n.keep")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--camera", paramLabel = "NAME", required = true, descriptionKey = "keep.add.camera")
        String camera;

        @Option(names = "--from", paramLabel = "T", required = true, converter = TimeConverter.class,
                descriptionKey = "keep.add.from")
        Instant from;

        @Option(names = "--to", paramLabel = "T", required = true, converter = TimeConverter.class,
                descriptionKey = "keep.add.to")
        Instant to;

        @Option(names = "--reason", paramLabel = "TEXT", required = true, descriptionKey = "keep.add.reason")
        String reason;

        @Option(names = "--review", paramLabel = "DATE", converter = DateConverter.class,
                descriptionKey = "keep.add.review")
        LocalDate review;

        @Override
        public Integer call() {
            Messages m = Messages.of("keep");
            try (Workspace workspace = DoorstepCommand.of(spec).open("doorstep keep add")) {
                DoorstepCommand.of(spec).unlockFor(workspace, org.doorstep.usecase.lock.AppLock.Access.PLAYBACK);
                KeptClips.Kept k = workspace.keep().keep(camera, from, to, reason, review);
                spec.commandLine().getOut().println(m.get("keep.cli.added", k.id(), k.camera(), k.from(), k.to(),
                        k.reviewOn() == null ? m.get("keep.cli.noReview") : k.reviewOn()));
            }
            return 0;
        }
    }

    @Command(name = "list", resourceBundle = "org.doorstep.i18n.keep")
    static final class ListKept implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        JsonOption output;

        @Override
        public Integer call() {
            Messages m = Messages.of("keep");
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace workspace = DoorstepCommand.of(spec).open("doorstep keep list")) {
                DoorstepCommand.of(spec).unlockFor(workspace, org.doorstep.usecase.lock.AppLock.Access.PLAYBACK); // the reasons name what happened
                List<KeptClips.Kept> all = workspace.keep().all();
                long due = all.stream().filter(KeptClips.Kept::due).count();
                if (output.json) {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    for (KeptClips.Kept k : all) {
                        Map<String, Object> o = new LinkedHashMap<>();
                        o.put("id", k.id());
                        o.put("camera", k.camera());
                        o.put("from", k.from().toString());
                        o.put("to", k.to().toString());
                        o.put("reason", k.reason());
                        o.put("reviewOn", k.reviewOn() == null ? null : k.reviewOn().toString());
                        o.put("due", k.due());
                        o.put("keptAt", k.keptAt().toString());
                        o.put("eventId", k.eventId());
                        rows.add(o);
                    }
                    DoorstepCommand.of(spec).json().print(out, rows);
                } else if (all.isEmpty()) {
                    out.println(m.get("keep.cli.none"));
                } else {
                    out.println(m.get("keep.cli.header"));
                    for (KeptClips.Kept k : all) {
                        String review = k.reviewOn() == null ? m.get("keep.cli.noReview")
                                : k.reviewOn() + (k.due() ? " (" + m.get("keep.cli.dueMark") + ")" : "");
                        out.println(m.get("keep.cli.row", String.valueOf(k.id()), k.camera(), k.from().toString(),
                                k.to().toString(), review, k.reason().replace('\n', ' ')));
                    }
                }
                if (due > 0) {
                    // the reminder goes to standard error so that --json stays one document on standard output
                    spec.commandLine().getErr().println(m.get("keep.cli.due", due));
                }
            }
            return 0;
        }
    }

    @Command(name = "release", resourceBundle = "org.doorstep.i18n.keep")
    static final class Release implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID", descriptionKey = "keep.release.id")
        long id;

        @Override
        public Integer call() {
            Messages m = Messages.of("keep");
            try (Workspace workspace = DoorstepCommand.of(spec).open("doorstep keep release")) {
                // releasing lets retention delete the footage: it needs what erasing needs
                DoorstepCommand.of(spec).unlockFor(workspace, org.doorstep.usecase.lock.AppLock.Access.ERASE);
                KeptClips.Kept k = workspace.keep().release(id);
                spec.commandLine().getOut().println(m.get("keep.cli.released", k.id(), k.camera(), k.from(), k.to()));
            }
            return 0;
        }
    }
}
