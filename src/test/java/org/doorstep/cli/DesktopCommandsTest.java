package org.doorstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesktopCommandsTest {
    @TempDir
    Path dir;

    @Test
    void quietHoursAreSetListedAndRemovedPerCamera() {
        CliRunner cli = new CliRunner(dir);
        assertThat(cli.run("camera", "add", "Front door", "--url", "rtsp://192.168.1.20/s1").exitCode()).isZero();
        assertThat(cli.run("notify").out()).contains("No quiet hours");

        CliRunner.Result set = cli.run("notify", "--camera", "Front door", "--quiet-hours", "22:00-07:00");
        assertThat(set.exitCode()).isZero();
        assertThat(set.out()).contains("Quiet hours of Front door: 22:00-07:00");
        assertThat(cli.run("notify").out()).contains("Front door: 22:00-07:00");

        CliRunner.Result bad = cli.run("notify", "--camera", "Front door", "--quiet-hours", "late");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("HH:MM-HH:MM");
        assertThat(cli.run("notify", "--quiet-hours", "22:00-07:00").exitCode()).isEqualTo(2);
        assertThat(cli.run("notify", "--camera", "Nobody", "--quiet-hours", "22:00-07:00").exitCode()).isNotZero();

        assertThat(cli.run("notify", "--camera", "Front door", "--no-quiet-hours").out()).contains("No quiet hours");
    }

    @Test
    void ringsAndLostCameraNotificationsAreSwitchedOnAndOff() {
        CliRunner cli = new CliRunner(dir);
        assertThat(cli.run("notify").out()).contains("doorbell rings on, cameras lost for over a minute on");
        CliRunner.Result off = cli.run("notify", "--rings", "off");
        assertThat(off.exitCode()).as(off.err()).isZero();
        assertThat(off.out()).contains("doorbell rings off, cameras lost for over a minute on");
        assertThat(cli.run("notify", "--camera-lost", "off", "--rings", "on").out())
                .contains("doorbell rings on, cameras lost for over a minute off");
        assertThat(cli.run("notify", "--rings", "maybe").exitCode()).isEqualTo(2);
    }

    @Test
    void autostartIsTheSameSettingAsInTheWindow() throws Exception {
        CliRunner cli = new CliRunner(dir);
        CliRunner.Result on = cli.run("autostart", "on");
        assertThat(on.exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("settings.json"))).containsPattern("\"startWithComputer\"\\s*:\\s*true");
        assertThat(cli.run("autostart", "off").exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("settings.json"))).containsPattern("\"startWithComputer\"\\s*:\\s*false");
        assertThat(cli.run("autostart", "maybe").exitCode()).isEqualTo(2);
    }
}
