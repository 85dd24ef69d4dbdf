package org.doorstep.ui.welcome;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.Icons;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The page the picture area shows while there are no cameras: three ways to start, what Doorstep keeps and where,
 * and "who records, and why". The three actions are the shell's (it opens the wizard or starts the demo).
 */
public final class WelcomeView {
    private final ScrollPane root;

    public WelcomeView(WelcomeViewModel model, Messages text, Runnable findCameras, Runnable addByAddress) {
        Label title = new Label(text.get("title"));
        title.getStyleClass().add("title-2");
        Label intro = new Label(text.get("intro"));
        intro.setWrapText(true);

        Button find = action("welcomeFind", text.get("find"), Icons.of(Material2MZ.SEARCH, 20), findCameras);
        find.setDefaultButton(true);
        Button byAddress = action("welcomeByAddress", text.get("byAddress"), Icons.of(Material2AL.LINK, 20),
                addByAddress);
        Button demo = action("welcomeDemo", text.get("demo"), Icons.of(Material2MZ.NOTIFICATIONS_ACTIVE, 20), model::tryDemo);
        demo.disableProperty().bind(model.demoStartingProperty());
        HBox actions = new HBox(12, find, byAddress, demo);
        Label demoStatus = new Label();
        demoStatus.setId("welcomeDemoStatus");
        demoStatus.textProperty().bind(model.demoStatusProperty());

        Label keeps = new Label(model.keeps());
        keeps.setId("welcomeKeeps");
        keeps.setWrapText(true);
        keeps.setGraphic(Icons.of(Material2AL.LOCK));

        Label problem = new Label();
        problem.setId("welcomeProblem");
        problem.setWrapText(true);
        problem.getStyleClass().add("danger");
        problem.textProperty().bind(model.problemProperty());

        VBox page = new VBox(14, title, intro, actions, demoStatus, keeps, ownerPart(model, text), problem);
        page.setPadding(new Insets(32));
        page.setMaxWidth(760);
        page.setAlignment(Pos.TOP_LEFT);
        root = new ScrollPane(page);
        root.setId("welcome");
        root.setFitToWidth(true);
        model.load();
    }

    private Node ownerPart(WelcomeViewModel model, Messages text) {
        Label heading = new Label(text.get("owner.heading"));
        heading.getStyleClass().add("title-4");
        Label why = new Label(text.get("owner.why"));
        why.setWrapText(true);
        ToggleGroup presets = new ToggleGroup();
        ToggleButton household = preset("welcomeHousehold", text.get("preset.household"), presets,
                () -> model.preset("household"));
        ToggleButton shop = preset("welcomeShop", text.get("preset.shop"), presets, () -> model.preset("shop"));
        model.kindProperty().addListener((o, was, now) -> {
            household.setSelected("household".equals(now));
            shop.setSelected("shop".equals(now));
        });
        TextField name = new TextField();
        name.setId("welcomeOwnerName");
        name.textProperty().bindBidirectional(model.ownerNameProperty());
        TextField contact = new TextField();
        contact.setId("welcomeContact");
        contact.setPromptText(text.get("owner.contact.prompt"));
        contact.textProperty().bindBidirectional(model.contactProperty());
        TextArea purpose = new TextArea();
        purpose.setId("welcomePurpose");
        purpose.setPrefRowCount(2);
        purpose.setWrapText(true);
        purpose.textProperty().bindBidirectional(model.purposeProperty());
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.addRow(0, new Label(text.get("owner.kind")), new HBox(6, household, shop));
        form.addRow(1, new Label(text.get("owner.name")), name);
        form.addRow(2, new Label(text.get("owner.contact")), contact);
        form.addRow(3, new Label(text.get("owner.purpose")), purpose);
        GridPane.setHgrow(name, Priority.ALWAYS);
        Button save = new Button(text.get("owner.save"));
        save.setId("welcomeOwnerSave");
        save.setOnAction(e -> model.saveOwner());
        Button skip = new Button(text.get("owner.skip"));
        skip.setId("welcomeOwnerSkip");
        skip.getStyleClass().add("flat");
        skip.setOnAction(e -> model.skipOwner());
        VBox asking = new VBox(8, why, form, new HBox(8, save, skip));
        asking.visibleProperty().bind(model.askingOwnerProperty());
        asking.managedProperty().bind(model.askingOwnerProperty());

        Label summary = new Label();
        summary.setId("welcomeOwnerSummary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.ownerSummaryProperty());
        Hyperlink edit = new Hyperlink(text.get("owner.edit"));
        edit.setId("welcomeOwnerEdit");
        edit.setOnAction(e -> model.editOwner());
        HBox answered = new HBox(8, summary, edit);
        answered.setAlignment(Pos.CENTER_LEFT);
        answered.visibleProperty().bind(model.askingOwnerProperty().not());
        answered.managedProperty().bind(model.askingOwnerProperty().not());
        return new VBox(8, heading, asking, answered);
    }

    private static Button action(String id, String label, Node icon, Runnable run) {
        Button b = new Button(label, icon);
        b.setId(id);
        b.setOnAction(e -> run.run());
        return b;
    }

    private static ToggleButton preset(String id, String label, ToggleGroup group, Runnable run) {
        ToggleButton b = new ToggleButton(label);
        b.setId(id);
        b.setToggleGroup(group);
        b.setOnAction(e -> run.run());
        return b;
    }

    public Node node() {
        return root;
    }
}
