package org.doorstep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.doorstep.sim.Audio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class DemoCameraCommandTest {
    private Locale saved;

    @BeforeEach
    void english() {
        saved = Locale.getDefault();
        Locale.setDefault(Locale.ENGLISH);
    }

    @AfterEach
    void restore() {
        Locale.setDefault(saved);
    }

    @Test
    void servesUntilStoppedAndKeepsOnvifOptions(@TempDir Path dataDir) throws Exception {
        // reuse the suite's rendered scene instead of rendering into the fresh data folder
        Path shared = Path.of("target", "sim-cache").toAbsolutePath();
        Files.createDirectories(shared);
        Files.createDirectories(dataDir.resolve("cache"));
        Files.createSymbolicLink(dataDir.resolve("cache").resolve("sim"), shared);

        CommandLine cli = org.doorstep.Main.commandLine(new DoorstepCommand(new org.doorstep.Launcher(), (dir, demo) -> java.util.OptionalInt.of(0),
                org.doorstep.common.JsonMapper.create()));
        DemoCameraCommand cmd = cli.getSubcommands().get("demo-camera").getCommand();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("--data-dir", dataDir.toString(), "demo-camera", "--rtsp-port", "0",
                "--user", "admin", "--password", "pw", "--visit-every", "5m", "--drop-after", "20s", "--audio", "AAC",
                "--onvif-port", "0", "--discovery-port", "0", "--clock-skew", "-90s"));

        await().atMost(90, TimeUnit.SECONDS).until(() -> cmd.camera() != null || exit.isDone());
        assertThat(exit).isNotDone();
        var config = cmd.camera().doorbell().config();
        assertThat(config.onvifPort()).isZero();
        assertThat(config.discoveryPort()).isZero();
        assertThat(config.clockSkew()).isEqualTo(Duration.ofSeconds(-90));
        assertThat(config.visitEvery()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.dropAfter()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.audio()).isEqualTo(Audio.AAC);
        await().atMost(5, TimeUnit.SECONDS).until(() -> out.toString().contains("ONVIF"));
        int port = cmd.camera().doorbell().rtspPort();
        assertThat(out.toString()).contains("Main stream: rtsp://127.0.0.1:" + port + "/main",
                "Sub stream:  rtsp://127.0.0.1:" + port + "/sub", "every 5 min", "/onvif/device_service")
                .doesNotContain("pw@");

        cmd.requestStop();
        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void badOptionsGiveASentenceAndNonZeroExit() {
        for (String[] args : new String[][] {{"--audio", "mp3"}, {"--user", "admin"}, {"--visit-every", "soon"}}) {
            CommandLine cli = org.doorstep.Main.commandLine(new DoorstepCommand(new org.doorstep.Launcher(), (dir, demo) -> java.util.OptionalInt.of(0),
                org.doorstep.common.JsonMapper.create()));
            StringWriter err = new StringWriter();
            cli.setErr(new PrintWriter(err, true));
            cli.setOut(new PrintWriter(new StringWriter(), true));
            String[] all = new String[args.length + 1];
            all[0] = "demo-camera";
            System.arraycopy(args, 0, all, 1, args.length);
            assertThat(cli.execute(all)).as(String.join(" ", args)).isNotZero();
            assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }
}
