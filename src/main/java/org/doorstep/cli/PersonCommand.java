package org.doorstep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.lock.AppLock;
import org.doorstep.usecase.lock.People;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code doorstep lock person add|list|remove|role|pin}: the people who may unlock with a PIN. Managing them needs
 * the lock password or an owner's PIN ({@code --as NAME}); PINs are read like passwords (terminal without echo, or a
 * line of standard input: the unlocking secret first, then the new PIN), never from the command line itself.
 */
@Command(name = "person", resourceBundle = "org.doorstep.i18n.people",
        subcommands = {PersonCommand.Add.class, PersonCommand.ListPeople.class, PersonCommand.Remove.class,
            PersonCommand.SetRole.class, PersonCommand.Pin.class})
public final class PersonCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), Messages.of("people").get("cli.subcommand"));
    }

    /** owner|staff, in either case. */
    static final class RoleConverter implements CommandLine.ITypeConverter<People.Role> {
        @Override
        public People.Role convert(String value) {
            People.Role r = People.Role.parse(value);
            if (r == null) {
                throw new CommandLine.TypeConversionException(Messages.of("people").get("error.role"));
            }
            return r;
        }
    }

    /** Reads a new PIN: twice at a terminal (a typo would lock the person out), once from a script. */
    static char[] newPin(PasswordReader passwords, String prompt, Messages m) {
        char[] pin = read(passwords, prompt);
        if (passwords.interactive()) {
            char[] again = read(passwords, m.get("cli.repeatPin"));
            boolean same = Arrays.equals(pin, again);
            Arrays.fill(again, '\0');
            if (!same) {
                Arrays.fill(pin, '\0');
                throw new UserException(m.get("cli.pinMismatch"), UserException.EXIT_USAGE);
            }
        }
        return pin;
    }

    private static char[] read(PasswordReader passwords, String prompt) {
        try {
            return passwords.read(prompt);
        } catch (IOException e) {
            return new char[0];
        }
    }

    /** {@code lock person add NAME --role owner|staff}: the PIN is asked. */
    @Command(name = "add", resourceBundle = "org.doorstep.i18n.people")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", descriptionKey = "param.name")
        String name;

        @Option(names = "--role", required = true, paramLabel = "owner|staff", converter = RoleConverter.class,
                descriptionKey = "option.role")
        People.Role role;

        @Override
        public Integer call() {
            Messages m = Messages.of("people");
            DoorstepCommand root = DoorstepCommand.of(spec);
            PasswordReader passwords = root.passwords();
            try (Workspace workspace = root.open("doorstep lock person add")) {
                root.unlockFor(workspace, AppLock.Access.SETTINGS, passwords);
                char[] pin = newPin(passwords, m.get("cli.newPinFor", name), m);
                People.Member added = workspace.lock().people().add(name, role, pin);
                spec.commandLine().getErr().println(m.get("cli.added", added.name(), roleText(added.role(), m)));
            }
            return 0;
        }
    }

    /** {@code lock person list [--json]}: names, roles, and who is locked out; needs nothing (names only). */
    @Command(name = "list", resourceBundle = "org.doorstep.i18n.people")
    static final class ListPeople implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        JsonOption output;

        @Override
        public Integer call() {
            Messages m = Messages.of("people");
            DoorstepCommand root = DoorstepCommand.of(spec);
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace workspace = root.open("doorstep lock person list")) {
                List<People.Member> people = workspace.lock().people().list();
                if (output.json) {
                    List<Map<String, Object>> list = new ArrayList<>();
                    for (People.Member p : people) {
                        Map<String, Object> o = new LinkedHashMap<>();
                        o.put("name", p.name());
                        o.put("role", p.role().id());
                        o.put("failedTries", p.failedTries());
                        o.put("lockedOutUntil", p.lockedUntil() == null ? null : p.lockedUntil().toString());
                        list.add(o);
                    }
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("lockSet", workspace.lock().enabled());
                    doc.put("people", list);
                    root.json().print(out, doc);
                } else {
                    for (People.Member p : people) {
                        out.println(p.name() + "\t" + roleText(p.role(), m) + (p.lockedUntil() == null ? ""
                                : "\t" + m.get("cli.lockedOutUntil", p.lockedUntil())));
                    }
                    spec.commandLine().getErr().println(people.isEmpty() ? m.get("cli.none") : m.get("cli.count",
                            people.size()));
                }
            }
            return 0;
        }
    }

    /** {@code lock person remove NAME}. */
    @Command(name = "remove", resourceBundle = "org.doorstep.i18n.people")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", descriptionKey = "param.name")
        String name;

        @Override
        public Integer call() {
            Messages m = Messages.of("people");
            DoorstepCommand root = DoorstepCommand.of(spec);
            try (Workspace workspace = root.open("doorstep lock person remove")) {
                root.unlockFor(workspace, AppLock.Access.SETTINGS);
                workspace.lock().people().remove(name);
                spec.commandLine().getErr().println(m.get("cli.removed", name));
            }
            return 0;
        }
    }

    /** {@code lock person role NAME --role owner|staff}. */
    @Command(name = "role", resourceBundle = "org.doorstep.i18n.people")
    static final class SetRole implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", descriptionKey = "param.name")
        String name;

        @Option(names = "--role", required = true, paramLabel = "owner|staff", converter = RoleConverter.class,
                descriptionKey = "option.role")
        People.Role role;

        @Override
        public Integer call() {
            Messages m = Messages.of("people");
            DoorstepCommand root = DoorstepCommand.of(spec);
            try (Workspace workspace = root.open("doorstep lock person role")) {
                root.unlockFor(workspace, AppLock.Access.SETTINGS);
                workspace.lock().people().changeRole(name, role);
                spec.commandLine().getErr().println(m.get("cli.roleChanged", name, roleText(role, m)));
            }
            return 0;
        }
    }

    /**
     * {@code lock person pin NAME}: with {@code --as NAME} (the same person) one's own PIN is changed (the current PIN,
     * then the new one); otherwise an owner sets a new PIN for someone who forgot theirs (which ends a lockout).
     */
    @Command(name = "pin", resourceBundle = "org.doorstep.i18n.people")
    static final class Pin implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", descriptionKey = "param.name")
        String name;

        @Override
        public Integer call() {
            Messages m = Messages.of("people");
            DoorstepCommand root = DoorstepCommand.of(spec);
            PasswordReader passwords = root.passwords();
            try (Workspace workspace = root.open("doorstep lock person pin")) {
                AppLock lock = workspace.lock();
                if (root.as() != null && root.as().strip().equalsIgnoreCase(name.strip())) {
                    // one's own PIN: the current one unlocks and is checked again by the change itself
                    char[] current = read(passwords, m.get("cli.pinFor", name));
                    char[] copy = current.clone();
                    People.Attempt a = lock.unlockAs(name, copy);
                    if (!a.ok()) {
                        Arrays.fill(current, '\0');
                        throw new AppLock.LockedException(People.sentence(a, m));
                    }
                    char[] next = newPin(passwords, m.get("cli.newPinFor", name), m);
                    lock.people().changeOwnPin(current, next);
                } else {
                    root.unlockFor(workspace, AppLock.Access.SETTINGS, passwords);
                    char[] next = newPin(passwords, m.get("cli.newPinFor", name), m);
                    lock.people().resetPin(name, next);
                }
                spec.commandLine().getErr().println(m.get("cli.pinChanged", name));
            }
            return 0;
        }
    }

    static String roleText(People.Role role, Messages m) {
        return m.get("role." + role.id());
    }
}
