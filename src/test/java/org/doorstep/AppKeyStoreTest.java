package org.doorstep;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.doorstep.privacy.DecryptingSegmentReader;
import org.doorstep.privacy.EncryptingSegmentWriter;
import org.doorstep.privacy.OsKeyStore;
import org.doorstep.privacy.PrivateSecretService;
import org.doorstep.privacy.SecretServiceKeyStore;
import org.doorstep.privacy.SegmentKeyStore;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.doorstep.store.SegmentFiles;
import org.doorstep.store.SegmentIndex;
import org.doorstep.store.SegmentRow;
import org.doorstep.usecase.doctor.MachineCheck;
import org.doorstep.usecase.erase.EraseProgress;
import org.doorstep.usecase.erase.EraseScope;
import org.doorstep.usecase.keystore.KeyStoreHome;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composition root with a REAL Secret Service (private gnome-keyring, see PrivateSecretService): the data
 * folder's KEK goes into the store at start, footage the app's key store writes plays after a restart, an erase
 * rotates the KEK in the store (old item gone, receipt names the store), and a start without the store opens the
 * folder with the sentence instead of losing footage.
 */
class AppKeyStoreTest {
    private static final Instant DAY1 = Instant.parse("2026-11-20T08:00:00Z");
    private static final Instant DAY2 = DAY1.plusSeconds(86_400);

    @TempDir
    Path tmp;

    private App open(PrivateSecretService service) throws Exception {
        Optional<OsKeyStore> store = Optional.of(new SecretServiceKeyStore(service.address()));
        return App.open(new DataDir(tmp.resolve("data")), "key store test", new MachineCheck(), store);
    }

    private static String record(App app, Camera cam, Instant start, byte[] plain) throws Exception {
        SegmentFiles files = new SegmentFiles(app.dataDir());
        String rel = files.relative(cam.id(), "main", start);
        Path file = files.resolve(rel);
        Files.createDirectories(file.getParent());
        SegmentKeyStore.SegmentKey key = app.keys().keyFor(cam.id(), start.atOffset(ZoneOffset.UTC).toLocalDate());
        try (EncryptingSegmentWriter w = new EncryptingSegmentWriter(file, key, new EncryptingSegmentWriter.Buffers())) {
            w.write(plain, 0, plain.length);
        }
        new SegmentIndex(app.database()).insert(new SegmentRow(0, cam.id(), "main", start, start.plusSeconds(60), null,
                null, Files.size(file), "h264", null, 1280, 720, null, key.id(), rel));
        return rel;
    }

    private static byte[] play(App app, String rel) throws Exception {
        try (DecryptingSegmentReader r = DecryptingSegmentReader.open(new SegmentFiles(app.dataDir()).resolve(rel),
                app.keys())) {
            return r.stream(0).readAllBytes();
        }
    }

    private List<Path> kekFiles() throws Exception {
        try (Stream<Path> s = Files.list(tmp.resolve("data/keys/kek"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("kek-")).toList();
        }
    }

    private int items(PrivateSecretService service, Integer generation) throws Exception {
        String folderId = Files.readAllLines(tmp.resolve("data/keys/kek/home.properties")).stream()
                .filter(l -> l.startsWith("folder-id=")).findFirst().orElseThrow().substring(10);
        Map<String, String> a = new HashMap<>(Map.of("xdg:schema", SecretServiceKeyStore.SCHEMA,
                "doorstep-folder", folderId));
        if (generation != null) {
            a.put("doorstep-generation", generation.toString());
        }
        return service.search(a).size();
    }

    @Test
    void theAppKeepsItsKekInTheSecretServiceThroughRecordingEraseAndAnOutage() throws Exception {
        Optional<String> missing = PrivateSecretService.missing();
        Assumptions.assumeTrue(missing.isEmpty(), () -> "no Secret Service to test with: " + missing.get());
        byte[] day1 = "DAY-ONE ".repeat(5000).getBytes(StandardCharsets.US_ASCII);
        byte[] day2 = "DAY-TWO ".repeat(5000).getBytes(StandardCharsets.US_ASCII);
        try (PrivateSecretService service = PrivateSecretService.start(tmp.resolve("secrets"))) {
            String rel1;
            String rel2;
            Camera cam;
            try (App app = open(service)) {
                KeyStoreHome.Report report = app.keyStore().report();
                assertThat(report.inOsStore()).isTrue();
                assertThat(report.warning()).isNull();
                cam = app.cameras().insert(Camera.newCamera("porch", URI.create("rtsp://127.0.0.1:1/a"), null, null,
                        null));
                rel1 = record(app, cam, DAY1, day1);
                rel2 = record(app, cam, DAY2, day2);
            }
            assertThat(kekFiles()).isEmpty();
            assertThat(items(service, null)).isEqualTo(1);
            // doctor's view, read without taking the folder, in both languages
            Optional<OsKeyStore> store = Optional.of(new SecretServiceKeyStore(service.address()));
            assertThat(KeyStoreHome.ofFolder(tmp.resolve("data/keys"), store, Locale.ENGLISH).where())
                    .isEqualTo("Key-encryption key: in the Secret Service.");
            assertThat(KeyStoreHome.ofFolder(tmp.resolve("data/keys"), store, Locale.GERMAN).where())
                    .isEqualTo("Schlüssel-Verschlüsselungsschlüssel: im Secret Service.");

            try (App app = open(service)) {
                assertThat(play(app, rel1)).isEqualTo(day1);
                int before = app.keys().kekGeneration();
                var result = app.erase().run(EraseScope.cameraRange("porch", DAY1.minusSeconds(60),
                        DAY1.plusSeconds(120)), Set.of(), EraseProgress.NONE, () -> false);
                assertThat(result.keysDestroyed()).isEqualTo(1);
                assertThat(app.erase().receipts().get(0).method())
                        .contains("key-encryption key rotated in the Secret Service");
                assertThat(items(service, before)).isZero(); // the old KEK's item, asked over the bus: gone
                assertThat(items(service, app.keys().kekGeneration())).isEqualTo(1);
            }
            try (App app = open(service)) {
                assertThat(play(app, rel2)).isEqualTo(day2);
            }

            service.stopKeyring();
            try (App app = open(service)) {
                KeyStoreHome.Report away = app.keyStore().report();
                assertThat(away.warning()).contains("cannot be reached now").contains("New footage is still recorded");
                String rel3 = record(app, cam, DAY2.plusSeconds(600), day1);
                assertThat(play(app, rel3)).isEqualTo(day1);
            } finally {
                service.startKeyring();
            }
            assertThat(KeyStoreHome.ofFolder(tmp.resolve("data/keys"),
                    Optional.of(new SecretServiceKeyStore(null)), Locale.GERMAN).warning())
                    .contains("nicht erreichbar");
            try (App app = open(service)) {
                assertThat(app.keyStore().report().inOsStore()).isTrue();
                assertThat(app.keyStore().report().warning()).isNull();
                assertThat(play(app, rel2)).isEqualTo(day2);
            }
            assertThat(kekFiles()).isEmpty();
            assertThat(items(service, null)).isEqualTo(1);
        }
    }
}
