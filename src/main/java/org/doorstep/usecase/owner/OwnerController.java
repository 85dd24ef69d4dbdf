package org.doorstep.usecase.owner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.doorstep.store.OwnerInfo;
import org.doorstep.store.OwnerStore;

/**
 * "Who records, and why": the owner's name, contact and purpose, asked on first run, skippable and editable later.
 * The information sign and the record of processing are filled from what is kept here.
 */
public final class OwnerController {
    public static final int MAX_NAME = 120;
    public static final int MAX_CONTACT = 200;
    public static final int MAX_PURPOSE = 500;
    private static final Set<String> KINDS = Set.of("household", "shop", "other");

    private final OwnerStore store;

    public OwnerController(OwnerStore store) {
        this.store = store;
    }

    /** What was answered (or skipped); empty when the owner was never asked. */
    public Optional<OwnerInfo> current() {
        try {
            return store.load();
        } catch (IOException e) {
            throw new UserException(text().get("owner.unreadable", e.getMessage()));
        }
    }

    /** Whether the welcome should still ask (never answered and never skipped). */
    public boolean needsAsking() {
        return current().isEmpty();
    }

    /** Stores the answer; a name is needed, the rest may stay empty, and everything has a sane length. */
    public OwnerInfo save(String name, String contact, String purpose, String kind) {
        Messages m = text();
        String n = clean(name);
        if (n.isEmpty()) {
            throw new UserException(m.get("owner.error.name"), UserException.EXIT_USAGE);
        }
        String c = clean(contact);
        String p = clean(purpose);
        if (n.length() > MAX_NAME || c.length() > MAX_CONTACT || p.length() > MAX_PURPOSE) {
            throw new UserException(m.get("owner.error.length", MAX_NAME, MAX_CONTACT, MAX_PURPOSE),
                    UserException.EXIT_USAGE);
        }
        OwnerInfo info = new OwnerInfo(n, c, p, kind != null && KINDS.contains(kind) ? kind : "other", false);
        write(info);
        return info;
    }

    /** Remembers that the owner will answer later, so the first-run page does not keep asking. */
    public OwnerInfo skip() {
        OwnerInfo info = current().filter(i -> !i.skipped()).orElse(OwnerInfo.skippedForNow());
        if (info.skipped()) {
            write(info);
        }
        return info;
    }

    private void write(OwnerInfo info) {
        try {
            store.save(info);
        } catch (IOException e) {
            throw new UserException(text().get("owner.unwritable", e.getMessage()));
        } catch (UncheckedIOException e) {
            throw new UserException(text().get("owner.unwritable", e.getCause().getMessage()));
        }
    }

    private static String clean(String s) {
        return s == null ? "" : s.strip().replaceAll("\\p{Cntrl}", " ");
    }

    private static Messages text() {
        return Messages.of("owner");
    }
}
