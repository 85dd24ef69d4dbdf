package org.doorstep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineParsingTest {
    @TempDir
    Path dir;

    @Test
    void versionAndHelpWork() {
        CliRunner cli = new CliRunner(dir);
        CliRunner.Result version = cli.run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("Doorstep ");
        CliRunner.Result help = cli.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("camera", "record", "discover", "demo-camera", "doctor", "--data-dir");
    }

    @Test
    void badInputGetsASentenceNotAStackTrace() {
        CliRunner cli = new CliRunner(dir);
        assertUsageError(cli.run("camera", "add", "x"), "--url");
        assertUsageError(cli.run("camera", "add", "x", "--url", "ftp://host/a"), "not a camera stream address");
        assertUsageError(cli.run("camera", "add", "x", "--url", "rtsp://[bad"), "not written correctly");
        assertUsageError(cli.run("camera", "add", "x", "--url", "rtsp://h/a", "--retention", "forever"), "length of time");
        assertUsageError(cli.run("camera", "add", "x", "--url", "rtsp://h/a", "--retention", "0s"), "longer than zero");
        assertUsageError(cli.run("camera", "add", "\u0007bell", "--url", "rtsp://h/a"), "camera name");
        assertUsageError(cli.run("cameras"), "Did you mean: doorstep camera");
        assertUsageError(cli.run("--lang", "fr", "camera", "list"), "Unknown language");
        assertUsageError(cli.run("camera", "list", "--jsn"), "Unknown option");
    }

    @Test
    void duplicateAndUnknownCamerasAreExplained() {
        CliRunner cli = new CliRunner(dir);
        assertThat(cli.run("camera", "add", "Porch", "--url", "rtsp://10.0.0.2/a").exitCode()).isZero();
        CliRunner.Result dup = cli.run("camera", "add", "Porch", "--url", "rtsp://10.0.0.3/a");
        assertThat(dup.exitCode()).isEqualTo(1);
        assertThat(dup.err()).contains("already a camera called \"Porch\"");
        CliRunner.Result unknown = cli.run("camera", "remove", "Attic");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no camera called \"Attic\"").doesNotContain("Exception");
    }

    @Test
    void germanMessagesOnRequest() {
        CliRunner cli = new CliRunner(dir);
        CliRunner.Result r = cli.run("--lang", "de", "camera", "remove", "Dachboden");
        assertThat(r.err()).contains("Es gibt keine Kamera namens \"Dachboden\"");
    }

    @Test
    void eraseWithoutYesAndWithoutATerminalRefusesWithASentence() {
        CliRunner.Result r = new CliRunner(dir).run("erase", "--all");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Nothing was erased: add --yes");
    }

    @Test
    void durationsAsPeopleWriteThem() {
        assertThat(DurationConverter.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationConverter.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationConverter.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(DurationConverter.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationConverter.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(DurationConverter.parse("PT90S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationConverter.parse("-90s")).isEqualTo(Duration.ofSeconds(-90));
        for (String bad : new String[] {"", "5", "s", "5x", "m5", "5m 3s", "--5s", "-"}) {
            assertThatThrownBy(() -> DurationConverter.parse(bad)).isInstanceOf(CommandLine.TypeConversionException.class);
        }
        assertThat(DurationText.of(Duration.ofHours(48))).isEqualTo("48h");
        assertThat(DurationText.of(Duration.ofDays(14))).isEqualTo("14d");
    }

    @Test
    void timesAsInstantsOrLocalTimes() {
        TimeConverter berlin = new TimeConverter(ZoneId.of("Europe/Berlin"));
        assertThat(berlin.convert("2026-11-27T07:30:00Z")).isEqualTo(Instant.parse("2026-11-27T07:30:00Z"));
        assertThat(berlin.convert("2026-11-27T08:30")).isEqualTo(Instant.parse("2026-11-27T07:30:00Z"));
        assertThat(berlin.convert("2026-11-27 08:30:15")).isEqualTo(Instant.parse("2026-11-27T07:30:15Z"));
        assertThat(berlin.convert("2026-11-27")).isEqualTo(Instant.parse("2026-11-26T23:00:00Z"));
        assertThat(berlin.convert("2026-11-27T08:30+01:00")).isEqualTo(Instant.parse("2026-11-27T07:30:00Z"));
        assertThatThrownBy(() -> berlin.convert("yesterday")).isInstanceOf(CommandLine.TypeConversionException.class);
    }

    private static void assertUsageError(CliRunner.Result r, String expected) {
        assertThat(r.exitCode()).as(r.err()).isNotZero();
        assertThat(r.err()).contains(expected).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
