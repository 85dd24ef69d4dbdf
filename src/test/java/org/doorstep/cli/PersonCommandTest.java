package org.doorstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.doorstep.App;
import org.doorstep.Launcher;
import org.doorstep.common.JsonMapper;
import org.doorstep.store.Camera;
import org.doorstep.store.DataDir;
import org.doorstep.store.EventRepository;
import org.doorstep.store.StoredEvent;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.audit.Audit;
import org.doorstep.usecase.lock.AppLock;
import org.doorstep.usecase.lock.People;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doorstep lock person …} and {@code --as NAME}, in-process against a real data folder, and over the local
 * command channel while a window (unlocked as someone else) owns the folder.
 */
class PersonCommandTest {
    private static final String PASSWORD = "open sesame";
    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    @TempDir
    Path dir;

    private long setUpWithAnEvent() throws Exception {
        try (App app = App.open(new DataDir(dir), "test setup")) {
            Camera porch = app.cameras().insert(Camera.newCamera("Porch", URI.create("rtsp://10.0.0.2/a"), null, null,
                    null));
            return new EventRepository(app.database()).insert(new StoredEvent(0, porch.id(), StoredEvent.RING, T0,
                    T0.plusSeconds(1), 100, null, null, null)).id();
        }
    }

    @Test
    void peopleAreManagedWithThePasswordAndCommandsRunAsThemWithTheirRoles() throws Exception {
        long event = setUpWithAnEvent();
        CliRunner cli = new CliRunner(dir);
        assertThat(cli.runWithStdin("1234\n", "lock", "person", "add", "Anna", "--role", "staff").err())
                .contains("People with PINs need a lock password");
        assertThat(cli.runWithStdin(PASSWORD + "\n", "lock", "set").exitCode()).isZero();

        CliRunner.Result anna = cli.runWithStdin(PASSWORD + "\n1234\n", "lock", "person", "add", "Anna",
                "--role", "staff");
        assertThat(anna.exitCode()).as(anna.err()).isZero();
        assertThat(anna.err()).contains("Anna is added as staff");
        CliRunner.Result badRole = cli.runWithStdin(PASSWORD + "\n1234\n", "lock", "person", "add", "Cem",
                "--role", "boss");
        assertThat(badRole.exitCode()).isEqualTo(2);
        CliRunner.Result shortPin = cli.runWithStdin(PASSWORD + "\n12\n", "lock", "person", "add", "Cem",
                "--role", "staff");
        assertThat(shortPin.exitCode()).isEqualTo(2);
        assertThat(shortPin.err()).contains("A PIN has 4 to 8 digits");
        CliRunner.Result bob = cli.runWithStdin("1234\n98765\n", "--as", "Anna", "lock", "person", "add", "Bob",
                "--role", "owner");
        assertThat(bob.exitCode()).as("staff may not add people").isEqualTo(AppLock.EXIT_LOCKED);
        assertThat(bob.err()).contains("Anna is unlocked as staff: changing settings needs an owner");
        assertThat(cli.runWithStdin(PASSWORD + "\n98765\n", "lock", "person", "add", "Bob", "--role", "owner")
                .exitCode()).isZero();

        CliRunner.Result list = cli.run("lock", "person", "list", "--json");
        assertThat(list.exitCode()).as(list.err()).isZero();
        JsonNode people = JsonMapper.create().readTree(list.out()).get("people");
        assertThat(people).hasSize(2);
        assertThat(people.get(0).get("name").asText()).isEqualTo("Anna");
        assertThat(people.get(0).get("role").asText()).isEqualTo("staff");
        assertThat(list.out()).doesNotContain("1234", "98765", "hash", "salt");

        // staff: recordings yes, erase no, with a sentence; the option may also follow the subcommand
        CliRunner.Result events = cli.runWithStdin("1234\n", "--as", "Anna", "events", "--json");
        assertThat(events.exitCode()).as(events.err()).isZero();
        assertThat(events.out()).contains(T0.toString());
        CliRunner.Result erase = cli.runWithStdin("1234\n", "erase", "--as", "Anna", "--event",
                Long.toString(event), "--yes");
        assertThat(erase.exitCode()).as(erase.err()).isEqualTo(AppLock.EXIT_LOCKED);
        assertThat(erase.err()).contains("Anna is unlocked as staff: erasing needs an owner.");
        CliRunner.Result request = cli.runWithStdin("1234\n", "--as", "Anna", "export", "--camera", "Porch", "--from",
                T0.toString(), "--to", T0.plusSeconds(60).toString(), "--blur", "0,0 0.5,0 0.5,0.5",
                dir.resolve("request.mp4").toString());
        assertThat(request.exitCode()).as(request.err()).isEqualTo(AppLock.EXIT_LOCKED);
        assertThat(request.err()).contains("Anna is unlocked as staff: an export for an access request needs an owner");
        CliRunner.Result wrong = cli.runWithStdin("0000\n", "--as", "Anna", "events");
        assertThat(wrong.exitCode()).isEqualTo(AppLock.EXIT_LOCKED);
        assertThat(wrong.err()).contains("That is not the PIN. 4 more wrong PINs");
        assertThat(cli.runWithStdin("", "--as", "Anna", "events").err()).contains("The PIN for Anna is needed");
        CliRunner.Result german = cli.runWithStdin("0000\n", "--lang", "de", "--as", "Anna", "events");
        assertThat(german.err()).contains("Das ist nicht die PIN.");

        CliRunner.Result erased = cli.runWithStdin("98765\n", "--as", "Bob", "erase", "--event",
                Long.toString(event), "--yes", "--json");
        assertThat(erased.exitCode()).as(erased.err()).isZero();

        CliRunner.Result audit = cli.runWithStdin("98765\n", "--as", "Bob", "audit", "--json");
        assertThat(audit.exitCode()).as(audit.err()).isZero();
        List<JsonNode> rows = new ArrayList<>();
        JsonMapper.create().readTree(audit.out()).get("entries").forEach(rows::add);
        JsonNode eraseRow = rows.stream().filter(r -> r.get("action").asText().equals("erase")).findFirst()
                .orElseThrow();
        assertThat(eraseRow.get("person").asText()).isEqualTo("Bob");
        assertThat(eraseRow.get("personRole").asText()).isEqualTo("owner");
        assertThat(rows).filteredOn(r -> r.get("action").asText().equals("unlock.failed"))
                .allSatisfy(r -> assertThat(r.get("person").asText()).isEqualTo("Anna"));
        assertThat(rows).filteredOn(r -> r.get("action").asText().equals("lock.set"))
                .allSatisfy(r -> assertThat(r.get("person").isNull()).isTrue());
        CliRunner.Result text = cli.runWithStdin(PASSWORD + "\n", "audit");
        assertThat(text.out()).contains("Bob (owner)", "Anna (staff)");
        assertThat(audit.out()).doesNotContain("98765", "1234");

        // own PIN, then the lock cleared: people go with it
        CliRunner.Result own = cli.runWithStdin("1234\n2468\n", "--as", "Anna", "lock", "person", "pin", "Anna");
        assertThat(own.exitCode()).as(own.err()).isZero();
        assertThat(cli.runWithStdin("2468\n", "--as", "Anna", "events").exitCode()).isZero();
        assertThat(cli.runWithStdin(PASSWORD + "\n", "lock", "person", "remove", "Anna").exitCode()).isZero();
        CliRunner.Result cleared = cli.runWithStdin(PASSWORD + "\n", "lock", "clear");
        assertThat(cleared.err()).contains("The person with a PIN is removed too");
        assertThat(cli.run("lock", "person", "list").err()).contains("Nobody has a PIN.");
    }

    @Test
    void aLockedOutPinSaysWhenToTryAgainAndARestartDoesNotHelp() throws Exception {
        CliRunner cli = new CliRunner(dir);
        cli.runWithStdin(PASSWORD + "\n", "lock", "set");
        cli.runWithStdin(PASSWORD + "\n1234\n", "lock", "person", "add", "Anna", "--role", "staff");
        for (int i = 0; i < 5; i++) {
            cli.runWithStdin("9999\n", "--as", "Anna", "events"); // each run is a fresh process start
        }
        CliRunner.Result refused = cli.runWithStdin("1234\n", "--as", "Anna", "events");
        assertThat(refused.exitCode()).isEqualTo(AppLock.EXIT_LOCKED);
        assertThat(refused.err()).contains("Too many wrong PINs: this PIN is refused until");
        CliRunner.Result listed = cli.run("lock", "person", "list", "--json");
        assertThat(JsonMapper.create().readTree(listed.out()).get("people").get(0).get("lockedOutUntil").isNull())
                .isFalse();
        // an owner's new PIN ends it
        assertThat(cli.runWithStdin(PASSWORD + "\n4321\n", "lock", "person", "pin", "Anna").exitCode()).isZero();
        assertThat(cli.runWithStdin("4321\n", "--as", "Anna", "events").exitCode()).isZero();
    }

    @Test
    void overTheLocalChannelThePinIsAskedWhereTypedAndTheWindowKeepsItsPerson() throws Exception {
        Launcher launcher = new Launcher();
        try (Workspace owner = launcher.open(dir, "doorstep");
             AutoCloseable serving = launcher.serve(owner, null)) {
            owner.lock().set(null, PASSWORD.toCharArray());
            owner.lock().people().add("Anna", People.Role.STAFF, "1234".toCharArray());
            owner.lock().people().add("Bob", People.Role.OWNER, "98765".toCharArray());
            owner.lock().lockNow();
            assertThat(owner.lock().unlockAs("Anna", "1234".toCharArray()).ok()).isTrue();

            CliRunner cli = new CliRunner(dir);
            CliRunner.Result noOwner = cli.runWithStdin("", "audit", "--json");
            assertThat(noOwner.exitCode()).as("the window's staff session does not open the audit log")
                    .isEqualTo(AppLock.EXIT_LOCKED);
            CliRunner.Result added = cli.runWithStdin("98765\n5555\n", "--as", "Bob", "lock", "person", "add",
                    "Cem", "--role", "staff");
            assertThat(added.exitCode()).as(added.err()).isZero();
            assertThat(owner.lock().unlockedPerson()).as("the window is Anna's again")
                    .isEqualTo(new Audit.Person("Anna", "staff"));
            assertThat(owner.audit().entries(null, null)).filteredOn(r -> r.action().equals(Audit.PERSON))
                    .last().satisfies(r -> {
                        assertThat(r.detail()).isEqualTo("added Cem as staff");
                        assertThat(r.person()).isEqualTo(new Audit.Person("Bob", "owner"));
                    });
            owner.lock().lockNow();
            CliRunner.Result events = cli.runWithStdin("5555\n", "--as", "Cem", "events", "--json");
            assertThat(events.exitCode()).as(events.err()).isZero();
            assertThat(owner.lock().locked()).as("locked again after the command").isTrue();
        }
    }
}
