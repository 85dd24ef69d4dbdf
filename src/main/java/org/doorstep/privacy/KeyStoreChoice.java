package org.doorstep.privacy;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.doorstep.common.Permissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a data folder's key-encryption key lives, chosen once at start: the OS key store when there is one and a
 * probe (write, read back, delete a throwaway item) passes, else the folder's {@code keys/kek/}. A folder whose KEK
 * is still a file moves it into the store (written, read back, checked to unwrap the day keys, then the file is
 * overwritten and deleted).
 *
 * <p>The choice is recorded in {@code keys/kek/home.properties} (no secret: where, the owner's preference and the
 * folder's random id that labels its items in the store). That record is what keeps a missing store from looking
 * like a missing key: when the KEK lives in the store and the store cannot be asked (locked keyring, no session
 * bus, the folder carried to another computer), Doorstep never makes a new KEK in its place. It records new
 * footage under a stand-in KEK in the folder, leaves the old footage's keys untouched (unplayable until the store is
 * back), and moves the stand-in into the store at the next start where it works.
 */
public final class KeyStoreChoice {
    private static final Logger LOG = LoggerFactory.getLogger(KeyStoreChoice.class);
    static final String MARKER = "home.properties";

    /** Where the owner wants the KEK. */
    public enum Preference {
        /** The OS key store where one works (the default). */
        OS,
        /** The data folder, for a folder carried between computers. */
        FOLDER
    }

    /** Where the KEK is now, and why. */
    public enum Situation {
        /** In the OS key store. */
        OS_STORE,
        /** In the folder because the owner chose it. */
        FOLDER_CHOSEN,
        /** In the folder because this system has no key store Doorstep can use. */
        FOLDER_NO_OS_STORE,
        /** In the folder because the OS key store did not pass the probe (see the detail). */
        FOLDER_OS_STORE_FAILED,
        /** In the OS key store, which cannot be asked now: new footage under a stand-in KEK in the folder. */
        OS_STORE_UNREACHABLE
    }

    /**
     * The outcome: situation, the store's name (null when none), the store's reason when it failed (else null), and
     * whether a KEK moved during this start.
     */
    public record Placement(Situation situation, String store, String detail, boolean moved, String home) {}

    private final Path keysDir;
    private final Path kekDir;
    private final OsKeyStore os;
    private final SegmentKeyStore keys;
    private Placement placement;

    private KeyStoreChoice(Path keysDir, OsKeyStore os, SegmentKeyStore keys, Placement placement) {
        this.keysDir = keysDir;
        this.kekDir = keysDir.resolve("kek");
        this.os = os;
        this.keys = keys;
        this.placement = placement;
    }

    /**
     * Opens the key store of a data folder ({@code keysDir} is its {@code keys/}), placing the KEK as the recorded
     * preference (or {@code override} for this run, when given) and the OS store allow.
     */
    public static KeyStoreChoice open(Path keysDir, Optional<OsKeyStore> os, Preference override) throws IOException {
        Path kekDir = keysDir.resolve("kek");
        Files.createDirectories(kekDir);
        Permissions.ownerOnly(kekDir);
        Marker marker = Marker.read(kekDir);
        Preference want = override != null ? override : marker.preference;
        FolderKekHome folder = FolderKekHome.of(kekDir);
        OsKeyStore store = os.orElse(null);
        String failure = null;
        if (store != null && (want == Preference.OS || marker.inStore)) {
            try {
                store.probe();
            } catch (KeyStoreUnavailableException e) {
                failure = e.reason();
            } catch (IOException | RuntimeException e) {
                failure = String.valueOf(e.getMessage());
            }
        }
        boolean storeWorks = store != null && failure == null;
        if (marker.inStore) {
            if (storeWorks) {
                try {
                    return inStore(keysDir, kekDir, marker, store, want, folder);
                } catch (KeyStoreUnavailableException e) {
                    failure = e.reason(); // it passed the probe and went away just after: as if it had failed
                }
            }
            String reason = store == null ? "this system has no key store Doorstep can use" : failure;
            SegmentKeyStore keys = new SegmentKeyStore(keysDir, FolderKekHome.interim(kekDir, reason));
            LOG.warn("the key-encryption key is in the OS key store ({}), which cannot be asked now: {}; new "
                    + "footage is recorded under a stand-in key in the data folder", marker.store, reason);
            return new KeyStoreChoice(keysDir, store, keys, new Placement(Situation.OS_STORE_UNREACHABLE,
                    marker.store, reason, false, keys.kekHome().name()));
        }
        return inFolder(keysDir, kekDir, marker, store, want, folder, storeWorks, failure);
    }

    private static KeyStoreChoice inStore(Path keysDir, Path kekDir, Marker marker, OsKeyStore store,
                                          Preference want, FolderKekHome folder) throws IOException {
        ownItems(keysDir, kekDir, marker, store);
        KekHome home = store.home(kekDir, marker.folderId);
        SegmentKeyStore keys = new SegmentKeyStore(keysDir, home);
        boolean moved = !folder.generations().isEmpty();
        if (moved) {
            keys.adoptFrom(folder); // a move a crash interrupted, or stand-in KEKs from when the store was away
            LOG.info("key-encryption keys kept in the data folder meanwhile were moved into the {}", store.name());
        }
        KeyStoreChoice choice = new KeyStoreChoice(keysDir, store, keys, null);
        if (want == Preference.FOLDER) {
            choice.moveToFolder(marker);
            return choice;
        }
        choice.placement = new Placement(Situation.OS_STORE, store.name(), null, moved, home.name());
        LOG.info("key-encryption key: {}", home.name());
        return choice;
    }

    private static KeyStoreChoice inFolder(Path keysDir, Path kekDir, Marker marker, OsKeyStore store,
                                           Preference want, FolderKekHome folder, boolean storeWorks, String failure)
            throws IOException {
        SegmentKeyStore keys = new SegmentKeyStore(keysDir, folder);
        KeyStoreChoice choice = new KeyStoreChoice(keysDir, store, keys, null);
        if (want == Preference.OS && storeWorks) {
            try {
                choice.moveToStore(marker);
                return choice;
            } catch (IOException e) {
                // nothing moved (the folder keeps the key; copies made in the store were deleted again)
                failure = "moving the key into it failed: " + (e instanceof KeyStoreUnavailableException u
                        ? u.reason() : e.getMessage());
                LOG.warn("key-encryption key stays in the data folder: {}", failure);
                storeWorks = false;
            }
        }
        Situation why = want == Preference.FOLDER ? Situation.FOLDER_CHOSEN
                : store != null && failure != null ? Situation.FOLDER_OS_STORE_FAILED
                : store == null ? Situation.FOLDER_NO_OS_STORE : Situation.FOLDER_OS_STORE_FAILED;
        choice.placement = new Placement(why, store == null ? null : store.name(),
                why == Situation.FOLDER_OS_STORE_FAILED ? failure : null, false, folder.name());
        if (want != marker.preference) {
            marker.preference = want;
            marker.write(kekDir);
        }
        LOG.info("key-encryption key: in the data folder ({}){}", why,
                failure == null ? "" : ": " + failure);
        return choice;
    }

    /**
     * Two data folders must never share a KEK: a folder found at another path than the one its record names was
     * moved or copied. Its KEKs are copied to items under a new folder id (read back before the record switches);
     * the old items are deleted only when nothing at the old path uses them any more (a move), and are left to the
     * original when it is still there (a copy), so that an erase in one never rotates the other's key away.
     */
    private static void ownItems(Path keysDir, Path kekDir, Marker marker, OsKeyStore store) throws IOException {
        String here = keysDir.toRealPath().toString();
        if (!store.itemsOutsideTheFolder() || here.equals(marker.path)) {
            return;
        }
        Path before = marker.path == null ? null : Path.of(marker.path);
        if (before != null && !(Files.exists(before) && Files.isSameFile(before, keysDir))) {
            KekHome old = store.home(kekDir, marker.folderId);
            String newId = UUID.randomUUID().toString();
            KekHome own = store.home(kekDir, newId);
            List<Integer> gens = old.generations();
            if (gens.isEmpty()) {
                // a folder carried to another computer (or user): this key store never held its key; switching
                // to a new id here would orphan the items in the store it came from
                throw new KeyStoreUnavailableException("this computer's key store does not hold this data folder's"
                        + " key-encryption key (was the folder moved here from another computer or user?)");
            }
            for (int gen : gens) {
                byte[] secret = old.read(gen).orElseThrow(() -> new IOException("key-encryption key unreadable"));
                own.write(gen, secret);
                if (!java.util.Arrays.equals(secret, own.read(gen).orElse(new byte[0]))) {
                    throw new IOException("the key store gave back a different key-encryption key");
                }
            }
            Marker original = Marker.read(Path.of(marker.path).resolve("kek"), false);
            boolean copied = original != null && marker.folderId.equals(original.folderId);
            String oldId = marker.folderId;
            marker.folderId = newId;
            marker.path = here;
            marker.write(kekDir);
            if (!copied) {
                for (int gen : gens) {
                    old.delete(gen);
                }
            }
            LOG.info("data folder {}: its key-encryption key now has items of its own in the {} ({})", here,
                    store.name(), copied ? "a copy; the original keeps " + oldId : "moved; the old items deleted");
            return;
        }
        marker.path = here; // the same folder by another name, or recorded before paths were kept
        marker.write(kekDir);
    }

    /** Records the owner's preference and moves the KEK now when it can (the store is probed again). */
    public synchronized Placement prefer(Preference preference) throws IOException {
        Marker marker = Marker.read(kekDir);
        marker.preference = preference;
        marker.write(kekDir);
        if (placement.situation() == Situation.OS_STORE_UNREACHABLE) {
            return placement; // nothing can move until the store answers; the next start does it
        }
        if (preference == Preference.FOLDER && keys.kekHome().osStore()) {
            moveToFolder(marker);
        } else if (preference == Preference.OS && !keys.kekHome().osStore()) {
            if (os == null) {
                placement = new Placement(Situation.FOLDER_NO_OS_STORE, null, null, false, keys.kekHome().name());
                return placement;
            }
            try {
                os.probe();
            } catch (IOException | RuntimeException e) {
                String reason = e instanceof KeyStoreUnavailableException u ? u.reason() : e.getMessage();
                placement = new Placement(Situation.FOLDER_OS_STORE_FAILED, os.name(), reason, false,
                        keys.kekHome().name());
                return placement;
            }
            moveToStore(marker);
        } else if (preference == Preference.FOLDER) {
            placement = new Placement(Situation.FOLDER_CHOSEN, placement.store(), null, false, keys.kekHome().name());
        }
        return placement;
    }

    private void moveToStore(Marker marker) throws IOException {
        KekHome home = os.home(kekDir, marker.folderId);
        boolean had = !keys.kekHome().generations().isEmpty();
        keys.moveKekTo(home, () -> {
            marker.inStore = true;
            marker.path = keysDir.toRealPath().toString();
            marker.store = os.name();
            marker.preference = Preference.OS;
            marker.write(kekDir);
        });
        if (had) {
            LOG.info("the key-encryption key moved from the data folder into the {}", os.name());
        }
        placement = new Placement(Situation.OS_STORE, os.name(), null, had, home.name());
    }

    private void moveToFolder(Marker marker) throws IOException {
        FolderKekHome folder = FolderKekHome.of(kekDir);
        keys.moveKekTo(folder, () -> {
            marker.inStore = false;
            marker.preference = Preference.FOLDER;
            marker.write(kekDir);
        });
        LOG.info("the key-encryption key moved from the OS key store into the data folder, as chosen");
        placement = new Placement(Situation.FOLDER_CHOSEN, os == null ? null : os.name(), null, true, folder.name());
    }

    /** The key store, with the KEK where {@link #placement} says. */
    public SegmentKeyStore keys() {
        return keys;
    }

    public synchronized Placement placement() {
        return placement;
    }

    /**
     * The folder's KEK home as its marker says, without asking any OS store: used where a second key store is
     * opened on a folder (tools, tests). For a folder whose KEK lives in a store this is the stand-in home, so that
     * the store's keys are reported unavailable, never destroyed.
     */
    static KekHome folderAsMarked(Path keysDir) throws IOException {
        Path kekDir = keysDir.resolve("kek");
        Marker marker = Marker.read(kekDir);
        return marker.inStore
                ? FolderKekHome.interim(kekDir, "the key-encryption key is in the " + marker.store
                        + ", which this key store does not ask")
                : FolderKekHome.of(kekDir);
    }

    /**
     * Where a folder's KEK lives, read from its marker only (for {@code doorstep doctor} while another process may
     * hold the folder): the store's name, or null for the folder; and the owner's preference.
     */
    public static Recorded recorded(Path keysDir) throws IOException {
        Marker m = Marker.read(keysDir.resolve("kek"));
        return new Recorded(m.inStore ? m.store : null, m.preference);
    }

    /** What a folder's marker says. */
    public record Recorded(String store, Preference preference) {}

    /** {@code keys/kek/home.properties}. */
    private static final class Marker {
        boolean inStore;
        String store;
        Preference preference = Preference.OS;
        String folderId;
        /** The folder's {@code keys/} when its KEK went into the store: another path means it was moved or copied. */
        String path;

        static Marker read(Path kekDir) throws IOException {
            return read(kekDir, true);
        }

        /** The record; with {@code create} false, null when there is none (no id is made up or written). */
        static Marker read(Path kekDir, boolean create) throws IOException {
            Marker m = new Marker();
            Path file = kekDir.resolve(MARKER);
            if (!create && !Files.exists(file)) {
                return null;
            }
            if (Files.exists(file)) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                m.inStore = "os".equals(p.getProperty("home"));
                m.store = p.getProperty("store");
                m.preference = "folder".equals(p.getProperty("preference")) ? Preference.FOLDER : Preference.OS;
                m.folderId = p.getProperty("folder-id");
                m.path = p.getProperty("path");
            }
            if (create && (m.folderId == null || !m.folderId.matches("[0-9a-f-]{36}"))) {
                m.folderId = UUID.randomUUID().toString();
                if (Files.isDirectory(kekDir)) {
                    m.write(kekDir);
                }
            }
            return m;
        }

        void write(Path kekDir) throws IOException {
            Properties p = new Properties();
            p.setProperty("home", inStore ? "os" : "folder");
            if (store != null) {
                p.setProperty("store", store);
            }
            p.setProperty("preference", preference == Preference.FOLDER ? "folder" : "os");
            p.setProperty("folder-id", folderId);
            if (path != null) {
                p.setProperty("path", path);
            }
            Path tmp = kekDir.resolve(MARKER + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "Where this data folder's key-encryption key lives (no secret in this file)");
            }
            Permissions.ownerOnly(tmp);
            Files.move(tmp, kekDir.resolve(MARKER), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
