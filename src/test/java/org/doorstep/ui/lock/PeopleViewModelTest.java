package org.doorstep.ui.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import org.doorstep.App;
import org.doorstep.common.Messages;
import org.doorstep.store.DataDir;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.audit.Audit;
import org.doorstep.usecase.lock.People;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock screen's and the lock settings' models for people with PINs, without a stage: choosing a person and
 * typing their PIN, the "Unlocked: …" text, a wrong PIN with the tries left, and the People section (owner only).
 */
class PeopleViewModelTest {
    @TempDir
    Path dir;

    @Test
    void aPersonIsChosenAndUnlocksWithTheirPinAndTheToolBarSaysWho() throws Exception {
        try (App app = App.open(new DataDir(dir), "doorstep")) {
            app.lock().set(null, "geheim".toCharArray());
            app.lock().people().add("Anna", People.Role.STAFF, "1234".toCharArray());
            LockViewModel model = new LockViewModel(app.lock(), UiExecutors.direct(), Messages.of("lock",
                    Locale.ENGLISH));
            model.lockNow();
            assertThat(model.lockedProperty().get()).isTrue();
            assertThat(model.people()).extracting(People.Member::name).containsExactly("Anna");

            model.person.set("Anna");
            model.password.set("1111");
            model.unlock();
            assertThat(model.lockedProperty().get()).isTrue();
            assertThat(model.problemProperty().get())
                    .isEqualTo("That is not the PIN. 4 more wrong PINs and this PIN is refused for a while.");
            assertThat(model.password.get()).isEmpty();

            model.password.set("1234");
            model.unlock();
            assertThat(model.lockedProperty().get()).isFalse();
            assertThat(model.unlockedAsProperty().get()).isEqualTo("Unlocked: Anna (staff)");
            model.lockNow();
            assertThat(model.unlockedAsProperty().get()).isNull();

            model.person.set(null); // the lock password still opens it, and nobody is named
            model.password.set("geheim");
            model.unlock();
            assertThat(model.lockedProperty().get()).isFalse();
            assertThat(model.unlockedAsProperty().get()).isEqualTo("Unlocked: lock password (owner)");
            assertThat(app.lock().unlockedPerson()).isNull();
            model.close();
        }
    }

    @Test
    void thePeopleSectionAddsChangesAndRemovesForAnOwnerAndRefusesStaff() throws Exception {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMAN); // the use cases' sentences follow the process's language, as the window sets it
        try (App app = App.open(new DataDir(dir), "doorstep")) {
            LockSettingsViewModel model = new LockSettingsViewModel(app.lock(), UiExecutors.direct(),
                    Messages.of("lock", Locale.GERMAN), () -> { });
            assertThat(model.mayManagePeopleProperty().get()).as("no lock: nobody to manage").isFalse();
            app.lock().set(null, "geheim".toCharArray());
            model.load();
            assertThat(model.mayManagePeopleProperty().get()).isTrue();

            model.personName.set("Anna");
            model.personRole.set(People.Role.STAFF);
            model.personPin.set("12");
            model.addPerson();
            assertThat(model.problemProperty().get()).isEqualTo("Eine PIN hat 4 bis 8 Ziffern (0-9), sonst nichts.");
            model.personPin.set("1234");
            model.addPerson();
            assertThat(model.messageProperty().get()).isEqualTo("Anna ist hinzugefügt.");
            assertThat(model.personPin.get()).isEmpty();
            assertThat(model.people()).extracting(model::describe).containsExactly("Anna (Personal)");

            model.changeRole();
            assertThat(model.problemProperty().get()).isEqualTo("Wählen Sie zuerst eine Person in der Liste.");
            model.selected.set(model.people().get(0));
            model.personRole.set(People.Role.OWNER);
            model.changeRole();
            assertThat(model.people()).extracting(model::describe).containsExactly("Anna (Inhaber)");
            model.personRole.set(People.Role.STAFF);
            model.changeRole();

            app.lock().lockNow();
            app.lock().unlockAs("Anna", "1234".toCharArray());
            model.load();
            assertThat(model.mayManagePeopleProperty().get()).isFalse();
            assertThat(model.unlockedByPinProperty().get()).isTrue();
            model.personName.set("Cem");
            model.personPin.set("5555");
            model.addPerson();
            assertThat(model.problemProperty().get()).startsWith("Anna ist als Personal entsperrt:");

            model.ownCurrentPin.set("1234");
            model.ownNewPin.set("8642");
            model.changeOwnPin();
            assertThat(model.messageProperty().get()).isEqualTo("Die PIN für Anna ist geändert.");
            app.lock().lockNow();
            assertThat(app.lock().unlockAs("Anna", "8642".toCharArray()).ok()).isTrue();

            app.lock().unlock("geheim".toCharArray());
            model.load();
            model.selected.set(model.people().get(0));
            model.removePerson();
            assertThat(model.people()).isEmpty();
            assertThat(app.audit().entries(null, null)).filteredOn(r -> r.action().equals(Audit.PERSON))
                    .extracting(Audit.Row::detail).contains("added Anna as staff", "removed Anna");
        } finally {
            Locale.setDefault(before);
        }
    }
}
