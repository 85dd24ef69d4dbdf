package org.doorstep.ui.welcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.doorstep.common.UserException;
import org.doorstep.store.OwnerInfo;
import org.doorstep.store.OwnerStore;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.owner.OwnerController;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first-run page's state without a stage, over a real owner file. */
class WelcomeViewModelTest {
    @TempDir
    Path dir;

    private WelcomeViewModel model(WelcomeViewModel.DemoStarter demo, Locale locale) {
        return new WelcomeViewModel(new OwnerController(new OwnerStore(dir.resolve("owner.json"))), demo,
                UiExecutors.direct(), locale, Duration.ofHours(48), dir);
    }

    @Test
    void saysWhatIsKeptAndWhereFromTheRealDefaultRetention() {
        assertThat(model(p -> { }, Locale.ENGLISH).keeps()).isEqualTo("Recordings stay on this computer only, "
                + "48 hours by default, in " + dir + ". Nothing goes to a cloud.");
        assertThat(model(p -> { }, Locale.GERMAN).keeps()).startsWith("Aufnahmen bleiben nur auf diesem Computer, "
                + "standardmäßig 48 Stunden lang");
    }

    @Test
    void asksWhoRecordsUntilAnsweredAndKeepsTheAnswerForThePrivacySign() throws Exception {
        WelcomeViewModel vm = model(p -> { }, Locale.ENGLISH);
        vm.load();
        assertThat(vm.askingOwnerProperty().get()).isTrue();
        vm.preset("shop");
        assertThat(vm.purposeProperty().get()).startsWith("To protect the shop, staff and customers");
        vm.saveOwner();
        assertThat(vm.problemProperty().get())
                .isEqualTo("Enter a name: the person or business responsible for the recording.");
        assertThat(vm.askingOwnerProperty().get()).isTrue();

        vm.ownerNameProperty().set("  Bäckerei Sommer ");
        vm.contactProperty().set("Hauptstr. 1, 10115 Berlin");
        vm.saveOwner();
        assertThat(vm.problemProperty().get()).isNull();
        assertThat(vm.askingOwnerProperty().get()).isFalse();
        assertThat(vm.ownerSummaryProperty().get()).startsWith("Recorded by Bäckerei Sommer: To protect the shop");
        OwnerInfo stored = new OwnerStore(dir.resolve("owner.json")).load().orElseThrow();
        assertThat(stored).isEqualTo(new OwnerInfo("Bäckerei Sommer", "Hauptstr. 1, 10115 Berlin",
                vm.purposeProperty().get(), "shop", false));

        WelcomeViewModel later = model(p -> { }, Locale.ENGLISH);
        later.load();
        assertThat(later.askingOwnerProperty().get()).isFalse();
        assertThat(later.ownerNameProperty().get()).isEqualTo("Bäckerei Sommer");
        later.editOwner();
        later.preset("household");
        later.saveOwner();
        assertThat(new OwnerStore(dir.resolve("owner.json")).load().orElseThrow().kind()).isEqualTo("household");
    }

    @Test
    void skippingIsRememberedAndDoesNotLoseAnEarlierAnswer() throws Exception {
        WelcomeViewModel vm = model(p -> { }, Locale.ENGLISH);
        vm.load();
        vm.skipOwner();
        assertThat(vm.askingOwnerProperty().get()).isFalse();
        assertThat(vm.ownerSummaryProperty().get()).isEqualTo("Who records, and why: not filled in yet.");
        assertThat(Files.exists(dir.resolve("owner.json"))).isTrue();
        WelcomeViewModel again = model(p -> { }, Locale.ENGLISH);
        again.load();
        assertThat(again.askingOwnerProperty().get()).isFalse();

        again.editOwner();
        again.ownerNameProperty().set("Kim");
        again.saveOwner();
        again.skipOwner(); // a later "Later" keeps what was answered
        assertThat(new OwnerStore(dir.resolve("owner.json")).load().orElseThrow().name()).isEqualTo("Kim");
    }

    @Test
    void theDemoReportsItsProgressAndAFailureAsASentence() {
        List<Integer> seen = new ArrayList<>();
        WelcomeViewModel vm = model(progress -> {
            progress.at(1, 4);
            progress.at(4, 4);
        }, Locale.ENGLISH);
        vm.demoStatusProperty().addListener((o, was, now) -> {
            if (now != null && now.endsWith("%")) {
                seen.add(Integer.parseInt(now.replaceAll("\\D", "")));
            }
        });
        vm.tryDemo();
        assertThat(seen).containsExactly(0, 25, 100);
        assertThat(vm.demoStatusProperty().get()).startsWith("The demo doorbell records now");
        assertThat(vm.demoStartingProperty().get()).isFalse();

        WelcomeViewModel failing = model(progress -> {
            throw new UserException("The porch scene could not be rendered.");
        }, Locale.ENGLISH);
        failing.tryDemo();
        assertThat(failing.problemProperty().get()).isEqualTo("The porch scene could not be rendered.");
        assertThat(failing.demoStartingProperty().get()).isFalse();
    }
}
