package org.doorstep.usecase.keystore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.doorstep.privacy.KeyStoreChoice;
import org.doorstep.privacy.KeyStoreChoice.Placement;
import org.doorstep.privacy.KeyStoreChoice.Preference;
import org.doorstep.privacy.KeyStoreChoice.Situation;
import org.doorstep.privacy.KeyStoreUnavailableException;
import org.doorstep.privacy.OsKeyStore;

/**
 * Where the key-encryption key of the open data folder lives and why, in sentences for {@code doorstep doctor},
 * {@code doorstep key-store} and the log; and the owner's switch between the OS key store and the folder.
 */
public final class KeyStoreHome {
    private final KeyStoreChoice choice;
    private final Locale locale;

    public KeyStoreHome(KeyStoreChoice choice) {
        this(choice, Locale.getDefault());
    }

    public KeyStoreHome(KeyStoreChoice choice, Locale locale) {
        this.choice = choice;
        this.locale = locale;
    }

    /**
     * Where and why, as sentences; {@code warning} is set only when footage is affected (the store holding the KEK
     * cannot be reached).
     */
    public record Report(boolean inOsStore, String situation, String where, String why, String warning) {}

    public Report report() {
        return report(locale);
    }

    /** The report in another language (the window's). */
    public Report report(Locale in) {
        return describe(choice.placement(), Messages.of("keystore", in));
    }

    /** Keeps the KEK in the OS key store ({@code true}) or in the data folder, moving it now where possible. */
    public Report prefer(boolean osStore) {
        try {
            return describe(choice.prefer(osStore ? Preference.OS : Preference.FOLDER),
                    Messages.of("keystore", locale));
        } catch (IOException e) {
            String reason = e instanceof KeyStoreUnavailableException u ? u.reason() : e.getMessage();
            throw new UserException(Messages.of("keystore", locale).get("error.move", reason));
        }
    }

    /**
     * The report for a folder that is not opened here (doctor, while the window may hold it): what its record says,
     * with the OS store probed now.
     */
    public static Report ofFolder(Path keysDir, Optional<OsKeyStore> os, Locale locale) {
        Messages m = Messages.of("keystore", locale);
        KeyStoreChoice.Recorded recorded;
        try {
            recorded = KeyStoreChoice.recorded(keysDir);
        } catch (IOException e) {
            return new Report(false, "UNKNOWN", m.get("where.unknown", e.getMessage()), "", null);
        }
        String failure = null;
        if (os.isPresent()) {
            try {
                os.get().probe();
            } catch (IOException | RuntimeException e) {
                failure = e instanceof KeyStoreUnavailableException u ? u.reason() : String.valueOf(e.getMessage());
            }
        }
        String name = os.map(OsKeyStore::name).orElse(null);
        if (recorded.store() != null) {
            Situation s = failure == null && os.isPresent() ? Situation.OS_STORE : Situation.OS_STORE_UNREACHABLE;
            return describe(new Placement(s, recorded.store(), failure == null && os.isEmpty()
                    ? m.get("why.noneHere") : failure, false, null), m);
        }
        if (recorded.preference() == Preference.FOLDER) {
            return describe(new Placement(Situation.FOLDER_CHOSEN, name, null, false, null), m);
        }
        if (os.isEmpty()) {
            return describe(new Placement(Situation.FOLDER_NO_OS_STORE, null, null, false, null), m);
        }
        if (failure != null) {
            return describe(new Placement(Situation.FOLDER_OS_STORE_FAILED, name, failure, false, null), m);
        }
        return new Report(false, "FOLDER_MOVES_AT_NEXT_START", m.get("where.folder"), m.get("why.pending", name),
                null);
    }

    static Report describe(Placement p, Messages m) {
        String store = p.store() == null ? "" : p.store();
        return switch (p.situation()) {
            case OS_STORE -> new Report(true, p.situation().name(), m.get("where.os", store),
                    m.get(p.moved() ? "why.os.moved" : "why.os", store), null);
            case FOLDER_CHOSEN -> new Report(false, p.situation().name(), m.get("where.folder"), m.get("why.chosen"),
                    null);
            case FOLDER_NO_OS_STORE -> new Report(false, p.situation().name(), m.get("where.folder"),
                    m.get("why.none"), null);
            case FOLDER_OS_STORE_FAILED -> new Report(false, p.situation().name(), m.get("where.folder"),
                    m.get("why.failed", store, p.detail()), null);
            case OS_STORE_UNREACHABLE -> new Report(true, p.situation().name(), m.get("where.os", store),
                    m.get("why.unreachable", store, p.detail()), m.get("warning.unreachable", store, p.detail()));
        };
    }
}
