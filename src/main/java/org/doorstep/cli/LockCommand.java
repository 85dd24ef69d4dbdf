package org.doorstep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.lock.AppLock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code doorstep lock set|clear|reset|status|options}: the app lock's password and options. Passwords come from the
 * terminal (not echoed) or, for scripts, one per line on standard input: the current one first (when one is set),
 * then the new one.
 */
@Command(name = "lock", resourceBundle = "org.doorstep.i18n.lock",
        subcommands = {LockCommand.Set.class, LockCommand.Clear.class, LockCommand.Reset.class,
            LockCommand.Status.class, LockCommand.Options.class, PersonCommand.class})
public final class LockCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), Messages.of("lock").get("cli.subcommand"));
    }

    private static char[] read(PasswordReader passwords, String prompt) {
        try {
            return passwords.read(prompt);
        } catch (IOException e) {
            return new char[0];
        }
    }

    /** {@code doorstep lock set}: sets or changes the password (the current one is asked first). */
    @Command(name = "set", resourceBundle = "org.doorstep.i18n.lock")
    static final class Set implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Messages m = Messages.of("lock");
            PasswordReader passwords = DoorstepCommand.of(spec).passwords();
            try (Workspace workspace = DoorstepCommand.of(spec).open("doorstep lock set")) {
                AppLock lock = workspace.lock();
                char[] current = lock.enabled() ? read(passwords, m.get("cli.current")) : null;
                char[] next = read(passwords, m.get("cli.new"));
                if (passwords.interactive()) {
                    char[] again = read(passwords, m.get("cli.repeat"));
                    boolean same = Arrays.equals(next, again);
                    Arrays.fill(again, '\0');
                    if (!same) {
                        Arrays.fill(next, '\0');
                        throw new UserException(m.get("cli.mismatch"), UserException.EXIT_USAGE);
                    }
                }
                boolean changed = lock.enabled();
                lock.set(current, next);
                spec.commandLine().getErr().println(m.get(changed ? "cli.changed" : "cli.set"));
            }
            return 0;
        }
    }

    /** {@code doorstep lock clear}: removes the lock (needs the password). */
    @Command(name = "clear", resourceBundle = "org.doorstep.i18n.lock")
    static final class Clear implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Messages m = Messages.of("lock");
            try (Workspace workspace = DoorstepCommand.of(spec).open("doorstep lock clear")) {
                AppLock lock = workspace.lock();
                if (!lock.enabled()) {
                    spec.commandLine().getErr().println(m.get("cli.noLock"));
                    return 0;
                }
                int people = lock.people().list().size();
                lock.clear(read(DoorstepCommand.of(spec).passwords(), m.get("cli.current")));
                spec.commandLine().getErr().println(m.get("cli.cleared"));
                if (people > 0) {
                    spec.commandLine().getErr().println(Messages.of("people").get("cli.clearedPeople", people));
                }
            }
            return 0;
        }
    }

    /** {@code doorstep lock reset --yes}: a forgotten password; erases every recording, then removes the lock. */
    @Command(name = "reset", resourceBundle = "org.doorstep.i18n.lock")
    static final class Reset implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--yes", descriptionKey = "reset.yes")
        boolean yes;

        @Override
        public Integer call() {
            Messages m = Messages.of("lock");
            if (!yes) {
                throw new UserException(m.get("cli.resetNeedsYes"), UserException.EXIT_USAGE);
            }
            try (Workspace workspace = DoorstepCommand.of(spec).open("doorstep lock reset")) {
                if (!workspace.lock().enabled()) {
                    spec.commandLine().getErr().println(m.get("cli.noLock"));
                    return 0;
                }
                String receipt = workspace.lock().reset();
                spec.commandLine().getErr().println(m.get("cli.reset", receipt));
            }
            return 0;
        }
    }

    /** {@code doorstep lock status [--json]}: whether a password is set, and the options. Needs no password. */
    @Command(name = "status", resourceBundle = "org.doorstep.i18n.lock")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        JsonOption output;

        @Override
        public Integer call() {
            Messages m = Messages.of("lock");
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace workspace = DoorstepCommand.of(spec).open("doorstep lock status")) {
                AppLock lock = workspace.lock();
                AppLock.Options o = lock.options();
                if (output.json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("passwordSet", lock.enabled());
                    doc.put("idleMinutes", o.idleMinutes());
                    doc.put("liveWhileLocked", o.liveWhileLocked());
                    doc.put("auditRetentionDays", o.auditRetentionDays());
                    doc.put("people", lock.people().list().size());
                    DoorstepCommand.of(spec).json().print(out, doc);
                } else {
                    out.println(m.get(lock.enabled() ? "cli.status.on" : "cli.status.off"));
                    out.println(m.get("cli.status.options", o.idleMinutes(),
                            m.get(o.liveWhileLocked() ? "cli.yes" : "cli.no"), o.auditRetentionDays()));
                }
            }
            return 0;
        }
    }

    /** {@code doorstep lock options [--idle MIN] [--live on|off] [--audit-days N]}: needs the password. */
    @Command(name = "options", resourceBundle = "org.doorstep.i18n.lock")
    static final class Options implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--idle", paramLabel = "MINUTES", descriptionKey = "options.idle")
        Integer idle;

        @Option(names = "--live", arity = "1", paramLabel = "on|off", converter = CameraCommand.OnOff.class,
                descriptionKey = "options.live")
        Boolean live;

        @Option(names = "--audit-days", paramLabel = "DAYS", descriptionKey = "options.auditDays")
        Integer auditDays;

        @Override
        public Integer call() {
            Messages m = Messages.of("lock");
            try (Workspace workspace = DoorstepCommand.of(spec).open("doorstep lock options")) {
                DoorstepCommand.of(spec).unlockFor(workspace, AppLock.Access.SETTINGS);
                AppLock lock = workspace.lock();
                AppLock.Options o = lock.options();
                lock.saveOptions(new AppLock.Options(idle == null ? o.idleMinutes() : idle,
                        live == null ? o.liveWhileLocked() : live, auditDays == null ? o.auditRetentionDays() : auditDays));
                spec.commandLine().getErr().println(m.get("cli.optionsSaved"));
            }
            return 0;
        }
    }
}
