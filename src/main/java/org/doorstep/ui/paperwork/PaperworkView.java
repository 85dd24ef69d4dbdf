package org.doorstep.ui.paperwork;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.Icons;
import org.doorstep.usecase.paperwork.PaperSize;
import org.doorstep.usecase.paperwork.Paperwork;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The "Privacy paperwork" window: language and paper size, the sign's preview, who records and why (the facts only
 * the owner knows), and buttons to save or open the sign and the record.
 */
public final class PaperworkView {
    private final PaperworkViewModel model;
    private final Messages text;
    private final HBox root;
    private Window window;

    public PaperworkView(PaperworkViewModel model) {
        this.model = model;
        this.text = model.text();
        this.root = new HBox(16, controls(), preview());
        root.setPadding(new Insets(14));
        root.setId("paperwork");
    }

    public Node node() {
        return root;
    }

    /** Opens the window next to {@code owner} and renders the preview from the current settings. */
    public static Stage open(PaperworkViewModel model, Window owner) {
        PaperworkView view = new PaperworkView(model);
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        view.window = stage;
        stage.setTitle(model.text().get("ui.title"));
        stage.setScene(new Scene(view.root, 900, 640));
        model.load();
        stage.show();
        return stage;
    }

    private Node controls() {
        Label header = new Label(text.get("ui.header"));
        header.setWrapText(true);

        ComboBox<Locale> language = new ComboBox<>();
        language.setId("paperworkLanguage");
        language.getItems().setAll(Locale.ENGLISH, Locale.GERMAN);
        language.setConverter(converter(l -> text.get("ui.language." + l.getLanguage())));
        language.valueProperty().bindBidirectional(model.languageProperty());
        ComboBox<PaperSize> size = new ComboBox<>();
        size.setId("paperworkSize");
        size.getItems().setAll(PaperSize.values());
        size.setConverter(converter(PaperSize::name));
        size.valueProperty().bindBidirectional(model.sizeProperty());
        HBox choices = new HBox(12, labelled("ui.language", language), labelled("ui.size", size));

        Label ownerTitle = new Label(text.get("ui.owner"));
        ownerTitle.getStyleClass().add("title-4");
        TextField name = new TextField();
        name.setId("paperworkName");
        name.textProperty().bindBidirectional(model.nameProperty());
        TextField contact = new TextField();
        contact.setId("paperworkContact");
        contact.textProperty().bindBidirectional(model.contactProperty());
        TextArea purpose = new TextArea();
        purpose.setId("paperworkPurpose");
        purpose.setWrapText(true);
        purpose.setPrefRowCount(3);
        purpose.textProperty().bindBidirectional(model.purposeProperty());
        Button saveOwner = new Button(text.get("ui.owner.save"));
        saveOwner.setId("paperworkSaveOwner");
        saveOwner.setOnAction(e -> model.saveOwner());
        Label missing = new Label();
        missing.setId("paperworkMissing");
        missing.setWrapText(true);
        missing.textProperty().bind(model.missingProperty());

        Button saveSign = button("paperworkSaveSign", "ui.saveSign", Icons.of(Material2MZ.SAVE_ALT));
        saveSign.setOnAction(e -> choose(Paperwork.Kind.SIGN, false));
        Button saveSignPng = button("paperworkSaveSignPng", "ui.saveSignPng", Icons.of(Material2AL.IMAGE));
        saveSignPng.setOnAction(e -> choose(Paperwork.Kind.SIGN, true));
        Button saveRecord = button("paperworkSaveRecord", "ui.saveRecord", Icons.of(Material2MZ.SAVE_ALT));
        saveRecord.setOnAction(e -> choose(Paperwork.Kind.RECORD, false));
        Button openSign = button("paperworkOpenSign", "ui.openSign", Icons.of(Material2MZ.OPEN_IN_NEW));
        openSign.setOnAction(e -> model.open(Paperwork.Kind.SIGN));
        Button openRecord = button("paperworkOpenRecord", "ui.openRecord", Icons.of(Material2MZ.OPEN_IN_NEW));
        openRecord.setOnAction(e -> model.open(Paperwork.Kind.RECORD));
        FlowPane actions = new FlowPane(8, 8, saveSign, saveSignPng, saveRecord, openSign, openRecord);

        Label message = new Label();
        message.setId("paperworkMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());

        VBox box = new VBox(10, header, choices, ownerTitle, labelled("ui.owner.name", name),
                labelled("ui.owner.contact", contact), labelled("ui.owner.purpose", purpose), saveOwner, missing,
                actions, message);
        box.setPrefWidth(380);
        box.setMinWidth(300);
        return box;
    }

    private Node preview() {
        ImageView image = new ImageView();
        image.setId("paperworkPreview");
        image.setPreserveRatio(true);
        image.setSmooth(true);
        model.previewProperty().addListener((o, was, png) -> image.setImage(
                png == null ? null : new Image(new ByteArrayInputStream(png))));
        if (model.previewProperty().get() != null) {
            image.setImage(new Image(new ByteArrayInputStream(model.previewProperty().get())));
        }
        ProgressIndicator working = new ProgressIndicator();
        working.setId("paperworkBusy");
        working.setMaxSize(48, 48);
        working.visibleProperty().bind(model.busyProperty());
        working.setAccessibleText(text.get("ui.rendering"));
        StackPane pane = new StackPane(image, working);
        pane.setAlignment(Pos.TOP_CENTER);
        ScrollPane scroll = new ScrollPane(pane);
        scroll.setFitToWidth(true);
        // the preview shows the whole page at the pane's width
        image.fitWidthProperty().bind(scroll.widthProperty().subtract(24));
        HBox.setHgrow(scroll, Priority.ALWAYS);
        return scroll;
    }

    private void choose(Paperwork.Kind kind, boolean png) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(text.get(png ? "ui.saveSignPng" : kind == Paperwork.Kind.SIGN ? "ui.saveSign"
                : "ui.saveRecord"));
        chooser.setInitialFileName(model.suggestedName(kind, png));
        chooser.getExtensionFilters().add(png ? new FileChooser.ExtensionFilter("PNG", "*.png")
                : new FileChooser.ExtensionFilter("PDF", "*.pdf"));
        File file = chooser.showSaveDialog(window != null ? window : root.getScene().getWindow());
        if (file != null) {
            model.save(kind, file.toPath());
        }
    }

    private Button button(String id, String key, Node icon) {
        Button b = new Button(text.get(key), icon);
        b.setId(id);
        return b;
    }

    private VBox labelled(String key, javafx.scene.control.Control control) {
        Label label = new Label(text.get(key));
        label.setLabelFor(control);
        return new VBox(3, label, control);
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> show) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : show.apply(value);
            }

            @Override
            public T fromString(String string) {
                throw new UnsupportedOperationException("choices are picked, not typed");
            }
        };
    }
}
