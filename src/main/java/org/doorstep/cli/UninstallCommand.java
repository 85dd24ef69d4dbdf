package org.doorstep.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.desktop.Uninstall;
import org.doorstep.usecase.erase.ErasePreview;
import org.doorstep.usecase.erase.EraseProgress;
import org.doorstep.usecase.erase.EraseResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code doorstep uninstall [--erase-recordings [--yes]]}: the "erase my recordings" choice that package managers
 * cannot offer. Erases everything when asked (with progress and the receipt), switches start at login off, and says
 * how this computer removes the program. The data folder stays (it holds the receipt).
 */
@Command(name = "uninstall", resourceBundle = "org.doorstep.i18n.desktop")
public final class UninstallCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--erase-recordings", descriptionKey = "doorstep.uninstall.eraseRecordings.description")
    boolean eraseRecordings;

    @Option(names = "--yes", descriptionKey = "doorstep.uninstall.yes.description")
    boolean yes;

    @Override
    public Integer call() throws Exception {
        Messages m = Messages.of("desktop");
        Messages eraseText = Messages.of("erase");
        DoorstepCommand root = DoorstepCommand.of(spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Workspace workspace = root.open("doorstep uninstall")) {
            Uninstall uninstall = Uninstall.forThisComputer(workspace.erase(), workspace.appSettings());
            if (workspace.appSettings().choices().startWithComputer()) {
                // switching start at login off is a settings change: with the lock on it needs an owner too
                root.unlockFor(workspace, org.doorstep.usecase.lock.AppLock.Access.SETTINGS);
            }
            if (eraseRecordings) {
                root.unlockFor(workspace, org.doorstep.usecase.lock.AppLock.Access.ERASE);
                if (!yes) {
                    ErasePreview p = uninstall.preview();
                    err.println(m.get("uninstall.preview", p.segments(), String.format("%.1f", p.hours()),
                            String.format("%.1f", p.bytes() / 1e6), p.events(), p.exports().size()));
                    Terminal terminal = root.terminal();
                    if (!terminal.interactive()) {
                        throw new UserException(m.get("uninstall.needYes"), UserException.EXIT_USAGE);
                    }
                    String answer = terminal.readLine(eraseText.get("cli.ask"));
                    if (answer == null || !eraseText.get("cli.yesAnswers")
                            .contains("|" + answer.trim().toLowerCase(java.util.Locale.ROOT) + "|")) {
                        err.println(m.get("uninstall.cancelled"));
                        return 1;
                    }
                }
            }
            AtomicBoolean cancelled = new AtomicBoolean();
            CountDownLatch finished = new CountDownLatch(1);
            // Ctrl+C: before the keys step the erase stops with nothing erased; after it, it is completed first
            AutoCloseable hook = root.doorstep().onShutdown("uninstall", () -> {
                cancelled.set(true);
                try {
                    finished.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Uninstall.Outcome outcome;
            try {
                AtomicReference<EraseProgress.Step> shown = new AtomicReference<>();
                outcome = uninstall.run(eraseRecordings, (step, fraction) -> {
                    if (shown.getAndSet(step) != step) {
                        err.println(eraseText.get("cli.step", Math.round(fraction * 100),
                                eraseText.get("step." + step.name())));
                    }
                }, cancelled::get, m);
            } catch (CancellationException e) {
                err.println(m.get("uninstall.cancelled"));
                return 1;
            } finally {
                finished.countDown();
                hook.close();
            }
            if (outcome.erased().isPresent()) {
                EraseResult r = outcome.erased().get();
                out.println(m.get("uninstall.receipt", r.segments(), r.events(), r.thumbnails(), r.bytes(),
                        r.keysDestroyed(), r.receiptId()));
            } else {
                out.println(m.get("uninstall.kept", workspace.folder()));
            }
            if (outcome.startAtLoginOff()) {
                out.println(m.get("uninstall.autostartOff"));
            }
            out.println(m.get("uninstall.quitFirst"));
            out.println(outcome.removal());
        }
        out.flush();
        return 0;
    }
}
