package org.doorstep.usecase.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.doorstep.common.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutostartTest {
    @TempDir
    Path dir;

    @Test
    void onLinuxAnXdgAutostartEntryIsWrittenAndRemoved() throws Exception {
        Path config = dir.resolve("config");
        Path launcher = Path.of("/opt/doorstep/bin/doorstep");
        Autostart autostart = new Autostart(Autostart.Os.LINUX, Map.of("XDG_CONFIG_HOME", config.toString()),
                dir.resolve("home"), Optional.of(launcher), command -> { throw new AssertionError(command); });
        Path entry = config.resolve("autostart").resolve("doorstep.desktop");
        assertThat(autostart.entryFile()).contains(entry);
        assertThat(autostart.enabled()).isFalse();

        autostart.set(true);
        assertThat(autostart.enabled()).isTrue();
        List<String> lines = Files.readAllLines(entry);
        assertThat(lines).first().isEqualTo("[Desktop Entry]");
        assertThat(lines).contains("Type=Application", "Name=Doorstep", "Exec=\"/opt/doorstep/bin/doorstep\" --hidden",
                "X-GNOME-Autostart-enabled=true");

        autostart.set(true); // already on is fine
        autostart.set(false);
        assertThat(entry).doesNotExist();
        assertThat(autostart.enabled()).isFalse();
        autostart.set(false); // already off is fine
    }

    @Test
    void withoutXdgConfigHomeTheEntryGoesToDotConfig() {
        Autostart autostart = new Autostart(Autostart.Os.LINUX, Map.of(), dir, Optional.empty(), c -> 0);
        assertThat(autostart.entryFile()).contains(dir.resolve(".config/autostart/doorstep.desktop"));
    }

    @Test
    void withoutAnInstalledLauncherStartAtLoginIsRefusedWithASentence() {
        Autostart autostart = new Autostart(Autostart.Os.LINUX, Map.of("XDG_CONFIG_HOME", dir.toString()), dir,
                Optional.empty(), c -> 0);
        assertThatThrownBy(() -> autostart.set(true)).isInstanceOf(UserException.class)
                .hasMessageContaining("installed");
        assertThat(dir.resolve("autostart")).doesNotExist();
    }

    @Test
    void onMacOsALaunchAgentStartsTheApp() throws Exception {
        Autostart autostart = new Autostart(Autostart.Os.MAC, Map.of(), dir,
                Optional.of(Path.of("/Applications/Doorstep.app/Contents/MacOS/Doorstep")), c -> 0);
        autostart.set(true);
        Path plist = dir.resolve("Library/LaunchAgents/org.doorstep.Doorstep.plist");
        assertThat(Files.readString(plist)).contains("<string>org.doorstep.Doorstep</string>",
                "<string>/Applications/Doorstep.app/Contents/MacOS/Doorstep</string><string>--hidden</string>", "<key>RunAtLoad</key><true/>");
        autostart.set(false);
        assertThat(plist).doesNotExist();
    }

    @Test
    void onWindowsTheRunKeyIsSetAndDeletedWithRegExe() {
        List<List<String>> calls = new ArrayList<>();
        boolean[] present = {false};
        Autostart autostart = new Autostart(Autostart.Os.WINDOWS, Map.of(), dir,
                Optional.of(Path.of("C:/Users/a/AppData/Local/Doorstep/Doorstep.exe")), command -> {
                    calls.add(command);
                    switch (command.get(1)) {
                        case "add" -> present[0] = true;
                        case "delete" -> present[0] = false;
                        default -> { }
                    }
                    return command.get(1).equals("query") && !present[0] ? 1 : 0;
                });
        autostart.set(true);
        assertThat(calls.get(0)).containsExactly("reg.exe", "add", Autostart.RUN_KEY, "/v", "Doorstep", "/t",
                "REG_SZ", "/d", "\"" + Path.of("C:/Users/a/AppData/Local/Doorstep/Doorstep.exe") + "\" --hidden", "/f");
        assertThat(autostart.enabled()).isTrue();
        autostart.set(false);
        assertThat(calls).anySatisfy(c -> assertThat(c).containsExactly("reg.exe", "delete", Autostart.RUN_KEY,
                "/v", "Doorstep", "/f"));
        assertThat(autostart.enabled()).isFalse();
    }
}
