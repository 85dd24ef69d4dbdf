package org.doorstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doorstep key-store}: where the key-encryption key lives and why, the owner's folder switch, and the
 * sentence every command prints when the store holding the key is away. The suite offers no OS key store
 * ({@code -Ddoorstep.osKeyStore=off}); the real Secret Service is tested in SecretServiceKekTest and AppKeyStoreTest.
 */
class KeyStoreCommandTest {
    @TempDir
    Path dir;

    @Test
    void saysWhereTheKeyLivesAndKeepsItInTheFolderWhenAsked() throws Exception {
        CliRunner cli = new CliRunner(dir);
        CliRunner.Result shown = cli.run("key-store");
        assertThat(shown.exitCode()).isZero();
        assertThat(shown.out()).contains("Key-encryption key: in the data folder (keys/kek).")
                .contains("This system has no key store Doorstep can use.");

        CliRunner.Result folder = cli.run("key-store", "folder");
        assertThat(folder.exitCode()).isZero();
        assertThat(folder.out()).contains("You chose to keep it in the folder");
        assertThat(Files.readString(dir.resolve("keys/kek/home.properties"))).contains("preference=folder");
        assertThat(cli.run("key-store", "--json").out()).contains("\"situation\" : \"FOLDER_CHOSEN\"");

        CliRunner.Result bad = cli.run("key-store", "cloud");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("Use \"folder\" or \"os\"");
    }

    @Test
    void aKeyInAStoreThatIsAwayIsSaidByEveryCommandAndNothingIsLost() throws Exception {
        CliRunner cli = new CliRunner(dir);
        assertThat(cli.run("key-store").exitCode()).isZero();
        // the folder's record says the key lives in the Secret Service, which this run does not offer
        Path marker = dir.resolve("keys/kek/home.properties");
        Files.writeString(marker, Files.readString(marker).replace("home=folder", "home=os\nstore=Secret Service"));

        CliRunner.Result list = cli.run("camera", "list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.err()).contains("The key-encryption key is in the Secret Service, which cannot be reached now")
                .contains("New footage is still recorded");
        CliRunner.Result shown = cli.run("key-store");
        assertThat(shown.out()).contains("Key-encryption key: in the Secret Service.");
        assertThat(Files.readString(marker)).contains("home=os");
    }
}
