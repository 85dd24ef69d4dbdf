package org.doorstep.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.doorstep.privacy.KeyStoreChoice.Preference;
import org.doorstep.privacy.KeyStoreChoice.Situation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key-encryption key in a REAL Secret Service (gnome-keyring on a private D-Bus session bus, started by
 * {@link PrivateSecretService}): it lives there and not in {@code keys/}, footage written and read back decrypts
 * with it, a folder KEK moves in, erase's rotation deletes the old item, and a store that goes away costs no
 * footage. Skips itself where dbus-daemon or gnome-keyring-daemon are not installed.
 */
class SecretServiceKekTest {
    private static final LocalDate DAY1 = LocalDate.of(2026, 11, 28);
    private static final LocalDate DAY2 = LocalDate.of(2026, 11, 29);

    @TempDir
    static Path tmp;
    private static PrivateSecretService service;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSecretService() throws Exception {
        Optional<String> missing = PrivateSecretService.missing();
        Assumptions.assumeTrue(missing.isEmpty(), () -> "no Secret Service to test with: " + missing.get());
        service = PrivateSecretService.start(tmp.resolve("secrets"));
    }

    @AfterAll
    static void stopSecretService() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    private Optional<OsKeyStore> store() {
        return Optional.of(new SecretServiceKeyStore(service.address()));
    }

    private Path keysDir() {
        return dir.resolve("keys");
    }

    private Path record(SegmentKeyStore keys, LocalDate day, byte[] plain) throws IOException {
        Path file = dir.resolve("seg-" + day + "-" + System.nanoTime() + ".dseg");
        EncryptingSegmentWriter w = new EncryptingSegmentWriter(file, keys.keyFor(1, day),
                new EncryptingSegmentWriter.Buffers());
        w.write(plain, 0, plain.length);
        w.seal();
        w.close();
        return file;
    }

    private static byte[] play(Path file, SegmentKeyStore keys) throws IOException {
        try (DecryptingSegmentReader r = DecryptingSegmentReader.open(file, keys)) {
            return r.stream(0).readAllBytes();
        }
    }

    private static byte[] footage(int seed) {
        byte[] b = new byte[200_000];
        new Random(seed).nextBytes(b);
        return b;
    }

    private List<Path> kekFiles() throws IOException {
        try (Stream<Path> s = Files.list(keysDir().resolve("kek"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("kek-")).toList();
        }
    }

    private String folderId() throws IOException {
        for (String line : Files.readAllLines(keysDir().resolve("kek").resolve(KeyStoreChoice.MARKER))) {
            if (line.startsWith("folder-id=")) {
                return line.substring("folder-id=".length());
            }
        }
        throw new AssertionError("no folder id");
    }

    private List<?> items(Integer generation) throws Exception {
        Map<String, String> attributes = new java.util.HashMap<>(Map.of("xdg:schema", SecretServiceKeyStore.SCHEMA,
                "doorstep-folder", folderId()));
        if (generation != null) {
            attributes.put("doorstep-generation", generation.toString());
        }
        return service.search(attributes);
    }

    @Test
    void theKekLivesInTheSecretServiceAndFootageDecryptsWithIt() throws Exception {
        KeyStoreChoice choice = KeyStoreChoice.open(keysDir(), store(), null);
        assertThat(choice.placement().situation()).isEqualTo(Situation.OS_STORE);
        byte[] plain = footage(1);
        Path file = record(choice.keys(), DAY1, plain);

        assertThat(kekFiles()).isEmpty();
        assertThat(items(null)).hasSize(1);
        assertThat(choice.keys().kekHome().name()).contains("Secret Service");
        // a later start reads the KEK from the store again
        KeyStoreChoice again = KeyStoreChoice.open(keysDir(), store(), null);
        assertThat(play(file, again.keys())).isEqualTo(plain);
        // the folder alone (as a copy of it would be) has the day key but not what unwraps it
        assertThatThrownBy(() -> play(file, new SegmentKeyStore(keysDir())))
                .isInstanceOf(KeyStoreUnavailableException.class);
    }

    @Test
    void aKekFileMovesIntoTheStoreOnceAndIsDestroyed() throws Exception {
        SegmentKeyStore folderOnly = new SegmentKeyStore(keysDir());
        byte[] plain = footage(2);
        Path file = record(folderOnly, DAY1, plain);
        assertThat(kekFiles()).hasSize(1);

        KeyStoreChoice choice = KeyStoreChoice.open(keysDir(), store(), null);
        assertThat(choice.placement().situation()).isEqualTo(Situation.OS_STORE);
        assertThat(choice.placement().moved()).isTrue();
        assertThat(kekFiles()).isEmpty();
        assertThat(items(null)).hasSize(1);
        assertThat(play(file, KeyStoreChoice.open(keysDir(), store(), null).keys())).isEqualTo(plain);
        assertThat(KeyStoreChoice.open(keysDir(), store(), null).placement().moved()).isFalse();
    }

    @Test
    void eraseRotationDeletesTheOldItemAndTheRestStillPlays() throws Exception {
        KeyStoreChoice choice = KeyStoreChoice.open(keysDir(), store(), null);
        SegmentKeyStore keys = choice.keys();
        Path erased = record(keys, DAY1, footage(3));
        byte[] kept = footage(4);
        Path keptFile = record(keys, DAY2, kept);
        int before = keys.kekGeneration();
        assertThat(items(before)).hasSize(1);
        String doomed;
        try (DecryptingSegmentReader r = DecryptingSegmentReader.open(erased, keys)) {
            doomed = r.keyId();
        }

        keys.destroyAll(List.of(doomed));

        assertThat(items(before)).isEmpty(); // looked up over the bus: gone
        assertThat(items(keys.kekGeneration())).hasSize(1);
        assertThat(kekFiles()).isEmpty();
        SegmentKeyStore reopened = KeyStoreChoice.open(keysDir(), store(), null).keys();
        assertThat(play(keptFile, reopened)).isEqualTo(kept);
        assertThatThrownBy(() -> play(erased, reopened))
                .isInstanceOf(DecryptingSegmentReader.KeyMissingException.class);
    }

    @Test
    void aStoreThatGoesAwayCostsNoFootage() throws Exception {
        byte[] before = footage(5);
        Path oldFile = record(KeyStoreChoice.open(keysDir(), store(), null).keys(), DAY1, before);
        List<Path> dayKeys;
        try (Stream<Path> s = Files.list(keysDir().resolve("segments"))) {
            dayKeys = s.toList();
        }
        byte[] oldKeyBytes = Files.readAllBytes(dayKeys.get(0));

        service.stopKeyring();
        KeyStoreChoice away;
        Path newFile;
        byte[] after = footage(6);
        try {
            away = KeyStoreChoice.open(keysDir(), store(), null);
            assertThat(away.placement().situation()).isEqualTo(Situation.OS_STORE_UNREACHABLE);
            assertThat(away.placement().detail()).contains("Secret Service");
            // the old footage's key is untouched and reported unavailable, never missing
            assertThatThrownBy(() -> play(oldFile, away.keys())).isInstanceOf(KeyStoreUnavailableException.class);
            // new footage is recorded (same day: a fresh day key under a stand-in KEK in the folder)
            newFile = record(away.keys(), DAY1, after);
            assertThat(play(newFile, away.keys())).isEqualTo(after);
            assertThat(kekFiles()).hasSize(1);
            assertThat(Files.readAllBytes(dayKeys.get(0))).isEqualTo(oldKeyBytes);
            // an erase cannot rotate without the store: it stops before changing anything
            assertThatThrownBy(() -> away.keys().destroyAll(List.of("c1-20261128-00000000")))
                    .isInstanceOf(KeyStoreUnavailableException.class);
            assertThat(Files.readAllBytes(dayKeys.get(0))).isEqualTo(oldKeyBytes);
        } finally {
            service.startKeyring();
        }
        KeyStoreChoice back = KeyStoreChoice.open(keysDir(), store(), null);
        assertThat(back.placement().situation()).isEqualTo(Situation.OS_STORE);
        assertThat(back.placement().moved()).isTrue();
        assertThat(kekFiles()).isEmpty();
        assertThat(items(null)).hasSize(1);
        assertThat(play(oldFile, back.keys())).isEqualTo(before);
        assertThat(play(newFile, back.keys())).isEqualTo(after);
    }

    @Test
    void aLockedKeyringIsUnavailableNeverMissing() throws Exception {
        byte[] before = footage(9);
        Path oldFile = record(KeyStoreChoice.open(keysDir(), store(), null).keys(), DAY1, before);
        List<?> itemsBefore = items(null);
        try {
            service.lockKeyring();
            KeyStoreChoice locked = KeyStoreChoice.open(keysDir(), store(), null);
            assertThat(locked.placement().situation()).isEqualTo(Situation.OS_STORE_UNREACHABLE);
            assertThat(locked.placement().detail()).contains("locked");
            assertThatThrownBy(() -> play(oldFile, locked.keys())).isInstanceOf(KeyStoreUnavailableException.class);
            byte[] after = footage(10);
            assertThat(play(record(locked.keys(), DAY2, after), locked.keys())).isEqualTo(after);
            assertThat(items(null)).isEqualTo(itemsBefore); // nothing replaced or deleted in the store
        } finally {
            service.stopKeyring();
            service.startKeyring(); // unlocked again with the password, as a log-in does
        }
        assertThat(play(oldFile, KeyStoreChoice.open(keysDir(), store(), null).keys())).isEqualTo(before);
        assertThat(kekFiles()).isEmpty();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @Test
    void aCopiedFolderGetsItemsOfItsOwnAndAMovedOneTakesItsItemsAlong() throws Exception {
        KeyStoreChoice original = KeyStoreChoice.open(keysDir(), store(), null);
        byte[] plain = footage(11);
        Path file = record(original.keys(), DAY1, plain);
        String originalId = folderId();
        Path copyKeys = dir.resolve("copy/keys");
        copyTree(keysDir(), copyKeys);

        KeyStoreChoice copy = KeyStoreChoice.open(copyKeys, store(), null);
        assertThat(play(file, copy.keys())).isEqualTo(plain);
        String copyId = Files.readAllLines(copyKeys.resolve("kek/home.properties")).stream()
                .filter(l -> l.startsWith("folder-id=")).findFirst().orElseThrow().substring(10);
        assertThat(copyId).isNotEqualTo(originalId);
        // an erase in the copy rotates the copy's key only: the original still plays its footage
        copy.keys().destroyAll(List.of());
        assertThat(play(file, KeyStoreChoice.open(keysDir(), store(), null).keys())).isEqualTo(plain);
        assertThat(items(null)).hasSize(1);

        Path movedKeys = dir.resolve("moved/keys");
        Files.createDirectories(movedKeys.getParent());
        Files.move(keysDir(), movedKeys);
        KeyStoreChoice moved = KeyStoreChoice.open(movedKeys, store(), null);
        assertThat(play(file, moved.keys())).isEqualTo(plain);
        assertThat(service.search(Map.of("xdg:schema", SecretServiceKeyStore.SCHEMA, "doorstep-folder", originalId)))
                .isEmpty(); // moved: nothing uses the old items any more, so they are gone
    }

    @Test
    void aMoveThatCannotBeCheckedLeavesTheKeyInTheFolderAndNothingInTheStore() throws Exception {
        SegmentKeyStore folderOnly = new SegmentKeyStore(keysDir());
        byte[] plain = footage(12);
        Path good = record(folderOnly, DAY1, plain);
        record(folderOnly, DAY2, footage(13));
        Path damaged;
        try (Stream<Path> s = Files.list(keysDir().resolve("segments"))) {
            damaged = s.filter(p -> p.getFileName().toString().contains("20261129")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(damaged);
        bytes[bytes.length - 1] ^= 1; // its wrap no longer authenticates under the KEK
        Files.write(damaged, bytes);

        KeyStoreChoice choice = KeyStoreChoice.open(keysDir(), store(), null);
        assertThat(choice.placement().situation()).isEqualTo(Situation.FOLDER_OS_STORE_FAILED);
        assertThat(choice.placement().detail()).contains("does not unwrap day key");
        assertThat(kekFiles()).hasSize(1);
        assertThat(items(null)).isEmpty();
        assertThat(play(good, choice.keys())).isEqualTo(plain);
    }

    @Test
    void theOwnerCanKeepTheKekInTheFolderAndBack() throws Exception {
        KeyStoreChoice choice = KeyStoreChoice.open(keysDir(), store(), null);
        byte[] plain = footage(7);
        Path file = record(choice.keys(), DAY1, plain);

        assertThat(choice.prefer(Preference.FOLDER).situation()).isEqualTo(Situation.FOLDER_CHOSEN);
        assertThat(kekFiles()).hasSize(1);
        assertThat(items(null)).isEmpty();
        KeyStoreChoice portable = KeyStoreChoice.open(keysDir(), store(), null);
        assertThat(portable.placement().situation()).isEqualTo(Situation.FOLDER_CHOSEN);
        assertThat(play(file, new SegmentKeyStore(keysDir()))).isEqualTo(plain);

        assertThat(portable.prefer(Preference.OS).situation()).isEqualTo(Situation.OS_STORE);
        assertThat(kekFiles()).isEmpty();
        assertThat(play(file, KeyStoreChoice.open(keysDir(), store(), null).keys())).isEqualTo(plain);
    }

    @Test
    void noSessionBusLeavesTheKekInTheFolderAndSaysWhy() throws Exception {
        KeyStoreChoice choice = KeyStoreChoice.open(keysDir(),
                Optional.of(new SecretServiceKeyStore("unix:path=" + dir.resolve("no-bus"))), null);
        assertThat(choice.placement().situation()).isEqualTo(Situation.FOLDER_OS_STORE_FAILED);
        assertThat(choice.placement().detail()).contains("D-Bus");
        byte[] plain = footage(8);
        assertThat(play(record(choice.keys(), DAY1, plain), choice.keys())).isEqualTo(plain);
        assertThat(kekFiles()).hasSize(1);
        KeyStoreChoice none = KeyStoreChoice.open(keysDir(), Optional.of(new SecretServiceKeyStore(null)), null);
        assertThat(none.placement().detail()).contains("DBUS_SESSION_BUS_ADDRESS");
    }
}
