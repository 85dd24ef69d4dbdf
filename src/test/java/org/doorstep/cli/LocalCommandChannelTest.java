package org.doorstep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.doorstep.App;
import org.doorstep.Launcher;
import org.doorstep.Main;
import org.doorstep.common.JsonMapper;
import org.doorstep.sim.DoorbellConfig;
import org.doorstep.sim.VirtualDoorbell;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.doorstep.store.Settings;
import org.doorstep.usecase.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands typed while another Doorstep process owns the data folder are carried out by that process over the local
 * channel: erase while recording, the read-only commands, questions answered where the command was typed, a second
 * window start, and a real second process.
 */
class LocalCommandChannelTest {
    @TempDir
    Path dir;

    @Test
    void eraseAndSegmentsTypedWhileRecordingAreCarriedOutByTheRecorderWhichKeepsRecording() throws Exception {
        Path data = dir.resolve("data");
        DoorbellConfig cfg = DoorbellConfig.defaults(Path.of("target", "sim-cache").toAbsolutePath())
                .withVisitEvery(null);
        try (VirtualDoorbell bell = new VirtualDoorbell(cfg)) {
            bell.start();
            try (App app = App.open(new DataDir(data), "test setup")) {
                Settings d = Settings.defaults();
                app.settingsStore().save(new Settings(null, 3, 0, 0, 300, d.hwAccel(), d.motionFps()));
                app.cameras().insert(Camera.newCamera("Porch", bell.rtspUri(VirtualDoorbell.Stream.SUB), null, null, null));
            }
            CliRunner cli = new CliRunner(data);
            CompletableFuture<CliRunner.Result> recording = CompletableFuture.supplyAsync(
                    () -> cli.run("record", "--duration", "24s"));
            Path socket = data.resolve("doorstep.sock");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(socket));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");

            // read-only commands answer while recording (before: "data folder in use by process …")
            await().atMost(Duration.ofSeconds(15)).until(() -> segments(cli).size() >= 1);

            // no terminal here: erase refuses to go on without --yes, in the recorder's words but on this side
            CliRunner.Result asked = cli.run("erase", "--camera", "Porch");
            assertThat(asked.exitCode()).isEqualTo(2);
            assertThat(asked.err()).contains("add --yes");

            Instant erasedAt = Instant.now();
            CliRunner.Result erased = cli.run("erase", "--camera", "Porch", "--yes", "--json");
            assertThat(erased.exitCode()).as(erased.err()).isZero();
            assertThat(JsonMapper.create().readTree(erased.out()).get("segments").asInt()).isGreaterThanOrEqualTo(1);

            // the recorder went on: new segments after the erase
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                List<JsonNode> rows = segments(cli);
                return !rows.isEmpty() && rows.stream().allMatch(r -> Instant.parse(r.get("end").asText())
                        .isAfter(erasedAt));
            });
            CliRunner.Result rec = recording.get(40, TimeUnit.SECONDS);
            assertThat(rec.exitCode()).as(rec.err()).isZero();
            assertThat(Files.exists(socket)).as("socket removed when the recorder stops").isFalse();
        }
    }

    private static List<JsonNode> segments(CliRunner cli) throws IOException {
        CliRunner.Result r = cli.run("segments", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<JsonNode> rows = new ArrayList<>();
        JsonMapper.create().readTree(r.out()).forEach(rows::add);
        return rows;
    }

    @Test
    void aPasswordIsAskedWhereTheCommandWasTypedNotInTheOwner() throws Exception {
        Launcher launcher = new Launcher();
        try (Workspace owner = launcher.open(dir, "doorstep record");
             AutoCloseable serving = launcher.serve(owner, null)) {
            CliRunner.Result added = new CliRunner(dir).runWithStdin("s3cret\n", "camera", "add", "Porch",
                    "--url", "rtsp://127.0.0.1:1/stream", "--user", "admin", "--password-stdin");
            assertThat(added.exitCode()).as(added.err()).isZero();
            Camera porch = owner.catalog().require("Porch");
            assertThat(porch.username()).isEqualTo("admin");
            assertThat(porch.credentialRef()).isNotNull();

            CliRunner.Result listed = new CliRunner(dir).run("camera", "list", "--json");
            assertThat(listed.exitCode()).as(listed.err()).isZero();
            assertThat(listed.out()).contains("Porch").doesNotContain("s3cret");
        }
    }

    @Test
    void aSecondStartBringsTheWindowForwardOrSaysWhoRecords() throws Exception {
        Launcher launcher = new Launcher();
        AtomicInteger shown = new AtomicInteger();
        try (Workspace owner = launcher.open(dir, "doorstep")) {
            try (AutoCloseable window = launcher.serve(owner, shown::incrementAndGet)) {
                StringWriter out = new StringWriter();
                int code = Main.run(new String[] {"--data-dir", dir.toString()}, new PrintWriter(out, true),
                        new PrintWriter(new StringWriter(), true));
                assertThat(code).isZero();
                assertThat(shown.get()).isEqualTo(1);
                assertThat(out.toString()).contains("brought to the front");
            }
            try (AutoCloseable headless = launcher.serve(owner, null)) {
                StringWriter err = new StringWriter();
                int code = Main.run(new String[] {"--data-dir", dir.toString(), "--lang", "de"},
                        new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
                assertThat(code).isEqualTo(3);
                assertThat(err.toString()).contains("bereits ohne Fenster auf (Prozess " + ProcessHandle.current().pid());
            } finally {
                java.util.Locale.setDefault(java.util.Locale.ENGLISH);
            }
        }
    }

    @Test
    void anotherProcessHasItsCommandCarriedOutAndAStaleSocketIsIgnored() throws Exception {
        Launcher launcher = new Launcher();
        try (Workspace owner = launcher.open(dir, "doorstep record");
             AutoCloseable serving = launcher.serve(owner, null)) {
            owner.catalog(); // the folder is open here; a second JVM could not open it
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "--data-dir", dir.toString(), "camera", "add", "Garage", "--url", "rtsp://127.0.0.1:1/g")
                    .redirectErrorStream(true).start();
            boolean ended = p.waitFor(90, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(ended).as(output).isTrue();
            assertThat(p.exitValue()).as(output).isZero();
            assertThat(owner.catalog().require("Garage").name()).isEqualTo("Garage");
        }
        // a socket file left by a process that died (kill -9): the folder is free, the command runs here
        Files.writeString(dir.resolve("doorstep.sock"), "");
        CliRunner.Result listed = new CliRunner(dir).run("camera", "list");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("Garage");
    }

    @Test
    void theConfirmationIsAskedOverTheChannelAndAnAskerWhoLeavesErasesNothing() throws Exception {
        Launcher launcher = new Launcher();
        try (Workspace owner = launcher.open(dir, "doorstep record");
             AutoCloseable serving = launcher.serve(owner, null)) {
            new CliRunner(dir).run("camera", "add", "Porch", "--url", "rtsp://127.0.0.1:1/p");
            // an interactive asker who goes away at the question: nothing erased, the camera is still there
            try (java.nio.channels.SocketChannel ch = connect()) {
                send(ch, List.of("erase", "--camera", "Porch", "--remove-camera"));
                ChannelFrames.Frame f = untilQuestion(ChannelFrames.input(ch));
                assertThat(new String(f.data(), 1, f.data().length - 1, StandardCharsets.UTF_8)).contains("yes");
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                CliRunner.Result r = new CliRunner(dir).run("camera", "list");
                return r.exitCode() == 0 && r.out().contains("Porch");
            });
            // one who answers "yes" gets the erase
            try (java.nio.channels.SocketChannel ch = connect()) {
                send(ch, List.of("erase", "--camera", "Porch", "--remove-camera"));
                java.io.DataInputStream in = ChannelFrames.input(ch);
                untilQuestion(in);
                ChannelFrames.write(ChannelFrames.output(ch), ChannelFrames.REPLY, ChannelFrames.reply("yes"));
                ChannelFrames.Frame f;
                do {
                    f = ChannelFrames.read(in);
                } while (f != null && f.type() != ChannelFrames.EXIT);
                assertThat(f).isNotNull();
                assertThat(ChannelFrames.exitCode(f.data())).isZero();
            }
            assertThat(new CliRunner(dir).run("camera", "list").out()).doesNotContain("Porch");
        }
    }

    private java.nio.channels.SocketChannel connect() throws IOException {
        java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        ch.connect(java.net.UnixDomainSocketAddress.of(dir.resolve("doorstep.sock")));
        return ch;
    }

    private void send(java.nio.channels.SocketChannel ch, List<String> args) throws IOException {
        ChannelFrames.Hello hello = new ChannelFrames.Hello(args.get(0), args, dir.toString(), dir.toString(), "en", true);
        ChannelFrames.write(ChannelFrames.output(ch), ChannelFrames.HELLO, JsonMapper.create().writeValueAsBytes(hello));
    }

    private static ChannelFrames.Frame untilQuestion(java.io.DataInputStream in) throws IOException {
        ChannelFrames.Frame f;
        do {
            f = ChannelFrames.read(in);
        } while (f != null && f.type() != ChannelFrames.ASK);
        assertThat(f).as("a question").isNotNull();
        return f;
    }
}
