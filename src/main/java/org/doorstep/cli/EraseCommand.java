package org.doorstep.cli;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.Callable;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.erase.ErasePreview;
import org.doorstep.usecase.erase.EraseProgress;
import org.doorstep.usecase.erase.EraseResult;
import org.doorstep.usecase.erase.EraseScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code doorstep erase (--all | --camera NAME [--from T --to T] | --event ID) --yes [--json]}: erases footage for
 * good. Without {@code --yes} it shows what would go and asks; without a terminal to ask on, it refuses.
 */
@Command(name = "erase", resourceBundle = "org.doorstep.i18n.erase")
public final class EraseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--all", descriptionKey = "erase.all")
    boolean all;

    @Option(names = "--camera", paramLabel = "NAME", descriptionKey = "erase.camera")
    String camera;

    @Option(names = "--event", paramLabel = "ID", descriptionKey = "erase.event")
    Long event;

    @Mixin
    TimeRangeOptions range;

    @Option(names = "--remove-camera", descriptionKey = "erase.removeCamera")
    boolean removeCamera;

    @Option(names = "--keep-export", paramLabel = "ID", descriptionKey = "erase.keepExport")
    List<Long> keepExports;

    @Option(names = "--yes", descriptionKey = "erase.yes")
    boolean yes;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() throws Exception {
        Messages m = Messages.of("erase");
        EraseScope scope = scope(m);
        DoorstepCommand root = DoorstepCommand.of(spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Workspace workspace = root.open("doorstep erase")) {
            root.unlockFor(workspace, org.doorstep.usecase.lock.AppLock.Access.ERASE);
            ErasePreview preview = workspace.erase().preview(scope);
            if (!yes) {
                printPreview(err, m, preview);
                Terminal terminal = root.terminal();
                if (!terminal.interactive()) {
                    throw new UserException(m.get("cli.needYes"), UserException.EXIT_USAGE);
                }
                String answer = terminal.readLine(m.get("cli.ask"));
                if (answer == null || !m.get("cli.yesAnswers").contains("|" + answer.trim().toLowerCase() + "|")) {
                    err.println(m.get("cli.notErased"));
                    return 1;
                }
            }
            AtomicBoolean cancelled = new AtomicBoolean();
            CountDownLatch finished = new CountDownLatch(1);
            // Ctrl+C: before the keys step the erase stops with nothing erased; after it, it is completed first
            AutoCloseable hook = root.doorstep().onShutdown("erase", () -> {
                cancelled.set(true);
                try {
                    finished.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            EraseResult result;
            try {
                AtomicReference<EraseProgress.Step> shown = new AtomicReference<>();
                result = workspace.erase().run(scope, keepExports == null ? Set.of() : new HashSet<>(keepExports),
                        (step, fraction) -> {
                            if (!output.json && shown.getAndSet(step) != step) {
                                err.println(m.get("cli.step", Math.round(fraction * 100), m.get("step." + step.name())));
                            }
                        }, cancelled::get);
            } catch (CancellationException e) {
                err.println(m.get("cli.cancelled"));
                return 1;
            } finally {
                finished.countDown();
                hook.close();
            }
            if (output.json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("scope", result.scope());
                o.put("segments", result.segments());
                o.put("events", result.events());
                o.put("thumbnails", result.thumbnails());
                o.put("bytes", result.bytes());
                o.put("keysDestroyed", result.keysDestroyed());
                o.put("exports", result.exports());
                o.put("receiptId", result.receiptId());
                root.json().print(out, o);
            } else {
                out.println(m.get("cli.done", result.segments(), result.events(), result.thumbnails(),
                        result.bytes(), result.keysDestroyed(), result.receiptId()));
            }
        }
        return 0;
    }

    private EraseScope scope(Messages m) {
        range.checked();
        int chosen = (all ? 1 : 0) + (camera != null ? 1 : 0) + (event != null ? 1 : 0);
        if (chosen != 1) {
            throw new UserException(m.get("cli.oneScope"), UserException.EXIT_USAGE);
        }
        boolean ranged = range.from != null || range.to != null;
        if (event != null && ranged) {
            throw new UserException(m.get("cli.eventNoRange"), UserException.EXIT_USAGE);
        }
        if (removeCamera && (camera == null || ranged)) {
            throw new UserException(m.get("cli.removeNeedsCamera"), UserException.EXIT_USAGE);
        }
        if (event != null) {
            return EraseScope.event(event);
        }
        if (camera != null) {
            return ranged ? EraseScope.cameraRange(camera, range.from, range.to) : EraseScope.camera(camera, removeCamera);
        }
        return ranged ? EraseScope.range(range.from, range.to) : EraseScope.everything();
    }

    private static void printPreview(PrintWriter err, Messages m, ErasePreview p) {
        err.println(m.get("cli.preview", String.join(", ", p.cameras()), p.segments(), String.format("%.1f", p.hours()),
                p.bytes(), p.events(), p.thumbnails()));
        if (p.keptClips() > 0) {
            err.println(Messages.of("keep").get("keep.erase.includes", p.keptClips()));
        }
        for (ErasePreview.Export x : p.exports()) {
            err.println(m.get("cli.previewExport", x.id(), x.file(), x.bytes()));
        }
    }
}
