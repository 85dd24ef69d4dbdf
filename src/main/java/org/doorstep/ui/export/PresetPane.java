package org.doorstep.ui.export;

import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.doorstep.common.Messages;
import org.doorstep.media.Picture;
import org.doorstep.ui.common.MaskEditor;
import org.doorstep.ui.common.MaskEditorModel;
import org.doorstep.usecase.player.ExportPreset;

/**
 * The export dialog's preset part: quick clip, evidence or access request (one radio button each, with a tooltip
 * saying what it makes), the data sheet's language, the files written beside the video, and for an access request the
 * regions to blur, drawn on a still of the range with the mask editor.
 */
final class PresetPane {
    private final VBox root = new VBox(8);

    PresetPane(ExportViewModel model, Locale locale) {
        Messages text = Messages.of("presets", locale);
        ToggleGroup group = new ToggleGroup();
        HBox choices = new HBox(12);
        choices.setAlignment(Pos.CENTER_LEFT);
        Label label = new Label(text.get("preset.label"));
        label.setMinWidth(Region.USE_PREF_SIZE);
        choices.getChildren().add(label);
        for (ExportPreset p : ExportPreset.values()) {
            RadioButton b = new RadioButton(text.get("preset." + p.cliName()));
            b.setId("preset-" + p.cliName());
            b.setToggleGroup(group);
            b.setUserData(p);
            b.setTooltip(new Tooltip(text.get("preset." + p.cliName() + ".tip")));
            b.setSelected(model.presetProperty().get() == p);
            b.setMinWidth(Region.USE_PREF_SIZE);
            choices.getChildren().add(b);
        }
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one preset is always chosen
                return;
            }
            model.presetProperty().set((ExportPreset) now.getUserData());
        });
        Label about = new Label();
        about.setId("presetAbout");
        about.setWrapText(true);
        about.setMaxWidth(520);
        about.setMinHeight(Region.USE_PREF_SIZE);
        about.getStyleClass().add("text-muted");
        about.textProperty().bind(model.presetProperty().map(p -> text.get("preset." + p.cliName() + ".tip")));

        ChoiceBox<Locale> language = new ChoiceBox<>();
        language.setId("presetLanguage");
        language.getItems().addAll(Locale.ENGLISH, Locale.GERMAN);
        language.setConverter(new StringConverter<>() {
            @Override
            public String toString(Locale l) {
                return l == null ? "" : l.getDisplayLanguage(l);
            }

            @Override
            public Locale fromString(String s) {
                return null;
            }
        });
        language.valueProperty().bindBidirectional(model.sheetLanguageProperty());
        language.setMinWidth(Region.USE_PREF_SIZE);
        Label languageLabel = new Label(text.get("preset.language"));
        languageLabel.setLabelFor(language);
        languageLabel.setMinWidth(Region.USE_PREF_SIZE);
        Label files = new Label();
        files.setId("presetFiles");
        files.setWrapText(true);
        files.setMaxWidth(520);
        files.setMinHeight(Region.USE_PREF_SIZE);
        files.getStyleClass().add("text-muted");
        files.textProperty().bind(model.extraFilesProperty());
        HBox languageRow = new HBox(8, languageLabel, language);
        languageRow.setAlignment(Pos.CENTER_LEFT);
        VBox sheet = new VBox(4, languageRow, files);
        sheet.visibleProperty().bind(model.presetProperty().isNotEqualTo(ExportPreset.QUICK));
        sheet.managedProperty().bind(sheet.visibleProperty());

        Node blur = blurPart(model, text, locale);
        blur.visibleProperty().bind(model.presetProperty().isEqualTo(ExportPreset.ACCESS_REQUEST));
        blur.managedProperty().bind(blur.visibleProperty());

        Label problem = new Label();
        problem.setId("presetProblem");
        problem.setWrapText(true);
        problem.setMaxWidth(520);
        problem.setMinHeight(Region.USE_PREF_SIZE);
        problem.getStyleClass().add("text-warning");
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotNull());
        problem.managedProperty().bind(problem.visibleProperty());

        root.getChildren().addAll(choices, about, sheet, blur, problem);
        // the dialog grows and shrinks with the blur editor
        model.presetProperty().addListener((o, was, now) -> {
            if (root.getScene() != null && root.getScene().getWindow() != null) {
                fitOnScreen(root.getScene().getWindow());
            }
        });
    }

    /** Resizes the window to its content and moves it up where it would now reach below the screen's edge. */
    private static void fitOnScreen(javafx.stage.Window window) {
        window.sizeToScene();
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getScreensForRectangle(window.getX(), window.getY(),
                        Math.max(1, window.getWidth()), Math.max(1, window.getHeight())).stream().findFirst()
                .orElse(javafx.stage.Screen.getPrimary()).getVisualBounds();
        if (window.getY() + window.getHeight() > screen.getMaxY()) {
            window.setY(Math.max(screen.getMinY(), screen.getMaxY() - window.getHeight()));
        }
    }

    private static Node blurPart(ExportViewModel model, Messages text, Locale locale) {
        MaskEditor editor = MaskEditor.of(model.blurRegions(), locale);
        editor.onlyKind(MaskEditorModel.Kind.PRIVACY);
        Region area = (Region) editor.node();
        area.setPrefSize(480, 270);
        area.setMinHeight(240);
        model.stillProperty().addListener((o, was, now) -> editor.picture(image(now)));
        editor.picture(image(model.stillProperty().get()));
        Label hint = new Label(text.get("preset.blur.hint"));
        hint.setWrapText(true);
        hint.setMaxWidth(520);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        Label count = new Label();
        count.setId("presetBlurCount");
        Runnable counted = () -> count.setText(text.get("preset.blur.count", model.blurCount()));
        model.blurRegions().onChange(counted);
        counted.run();
        CheckBox nobody = new CheckBox(text.get("preset.blur.none"));
        nobody.setId("presetNobodyElse");
        nobody.selectedProperty().bindBidirectional(model.nobodyElseProperty());
        HBox below = new HBox(16, count, nobody);
        below.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, hint, area, below);
        box.setId("presetBlur");
        return box;
    }

    private static WritableImage image(Picture p) {
        if (p == null) {
            return null;
        }
        WritableImage img = new WritableImage(p.width(), p.height());
        img.getPixelWriter().setPixels(0, 0, p.width(), p.height(), PixelFormat.getIntArgbInstance(), p.argb(), 0,
                p.width());
        return img;
    }

    Node node() {
        return root;
    }
}
