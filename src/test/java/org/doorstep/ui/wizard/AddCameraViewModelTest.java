package org.doorstep.ui.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.doorstep.Launcher;
import org.doorstep.Main;
import org.doorstep.common.Messages;
import org.doorstep.store.Camera;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's "Add camera" without a stage, over a real data folder: it goes through the same camera catalog as
 * {@code doorstep camera add}, so both refuse, split credentials and store passwords alike.
 */
class AddCameraViewModelTest {
    @TempDir
    Path dir;
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
    void addsByStreamAddressWithTheCredentialsSplitOff() throws Exception {
        List<Camera> added = new ArrayList<>();
        try (Workspace ws = new Launcher().open(dir, "test")) {
            AddCameraViewModel vm = model(ws);
            vm.nameProperty().set("  Porch ");
            vm.addressProperty().set("rtsp://admin:pw@192.168.1.20:554/main");
            vm.subAddressProperty().set("rtsp://192.168.1.20:554/sub");
            assertThat(vm.isStreamAddress()).isTrue();
            vm.add(added::add);
            assertThat(vm.problemProperty().get()).isNull();
            assertThat(vm.busyProperty().get()).isFalse();
            assertThat(added).hasSize(1);
            Camera stored = ws.catalog().require("Porch");
            assertThat(stored.mainUrl().toString()).isEqualTo("rtsp://192.168.1.20:554/main");
            assertThat(stored.subUrl().toString()).isEqualTo("rtsp://192.168.1.20:554/sub");
            assertThat(stored.username()).isEqualTo("admin");
            assertThat(stored.credentialRef()).isNotNull();
        }
        String list = cli("camera", "list", "--json");
        assertThat(list).contains("\"name\" : \"Porch\"", "\"hasPassword\" : true").doesNotContain("pw@");
    }

    @Test
    void refusesWhatTheCommandLineRefusesWithTheSameSentence() throws Exception {
        cli("camera", "add", "Porch", "--url", "rtsp://10.0.0.2/main");
        String cliRefusal = cliErr("camera", "add", "Porch", "--url", "rtsp://10.0.0.3/main");
        try (Workspace ws = new Launcher().open(dir, "test")) {
            AddCameraViewModel vm = model(ws);
            vm.nameProperty().set("Porch");
            vm.addressProperty().set("rtsp://10.0.0.3/main");
            vm.add(c -> { });
            assertThat(vm.problemProperty().get())
                    .isEqualTo("There is already a camera called \"Porch\". Choose another name.");
            assertThat(cliRefusal.strip()).isEqualTo(vm.problemProperty().get());

            vm.nameProperty().set("Garage");
            vm.addressProperty().set("rtsp://");
            vm.add(c -> { });
            assertThat(vm.problemProperty().get()).startsWith("The camera address is not written correctly");
            assertThat(ws.catalog().all()).extracting(Camera::name).containsExactly("Porch");
        }
    }

    @Test
    void aHostWithoutSchemeIsAskedOverOnvifAndAnUnreachableOneIsExplained() throws Exception {
        try (Workspace ws = new Launcher().open(dir, "test")) {
            AddCameraViewModel vm = model(ws);
            vm.nameProperty().set("Door");
            vm.addressProperty().set("127.0.0.1:1");
            assertThat(vm.isStreamAddress()).isFalse();
            vm.add(c -> { });
            assertThat(vm.problemProperty().get()).startsWith("Doorstep could not add the camera at 127.0.0.1:1");
            assertThat(ws.catalog().all()).isEmpty();
        }
    }

    private AddCameraViewModel model(Workspace ws) {
        return new AddCameraViewModel(ws.catalog(), null, UiExecutors.direct(), Messages.of("onvif", Locale.ENGLISH));
    }

    private String cli(String... args) {
        StringWriter out = new StringWriter();
        run(out, new StringWriter(), args);
        return out.toString();
    }

    private String cliErr(String... args) {
        StringWriter err = new StringWriter();
        run(new StringWriter(), err, args);
        return err.toString();
    }

    private void run(StringWriter out, StringWriter err, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--data-dir";
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
    }
}
