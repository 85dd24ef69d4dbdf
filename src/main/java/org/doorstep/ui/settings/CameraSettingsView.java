package org.doorstep.ui.settings;

import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.MaskEditor;
import org.doorstep.usecase.settings.CameraStills;

/**
 * One camera's settings: the camera, recording, and motion with the mask editor over a picture from the camera.
 * Each field has its explanation right under it when saving refuses it.
 */
public final class CameraSettingsView {
    private final CameraSettingsViewModel model;
    private final Messages text;
    private final MaskEditor masks;
    private final BorderPane root = new BorderPane();

    public CameraSettingsView(CameraSettingsViewModel model, Messages text) {
        this.model = model;
        this.text = text;
        this.masks = MaskEditor.of(model.masks(), text.locale());
        root.setId("cameraSettings");
        VBox form = new VBox(10, general(), recording(), motion());
        form.setPadding(new Insets(12));
        ScrollPane scroll = new ScrollPane(form);
        scroll.setFitToWidth(true);
        root.setCenter(scroll);
        root.setBottom(buttons());
        model.still().addListener((o, was, still) -> masks.picture(image(still)));
    }

    public Node node() {
        return root;
    }

    public MaskEditor maskEditor() {
        return masks;
    }

    /** Opens the settings in their own window over {@code owner}; loads the camera. */
    public static Stage open(CameraSettingsViewModel model, Messages text, String camera, Window owner) {
        CameraSettingsView view = new CameraSettingsView(model, text);
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.NONE);
        }
        stage.setTitle(text.get("camera.title", camera));
        stage.setScene(new javafx.scene.Scene(view.root, 760, 820));
        model.load(camera);
        stage.show();
        return stage;
    }

    private Node general() {
        TextField name = text("cameraName", model.name);
        TextField main = text("cameraMainUrl", model.mainUrl);
        TextField sub = text("cameraSubUrl", model.subUrl);
        ChoiceBox<String> transport = new ChoiceBox<>();
        transport.setId("cameraTransport");
        transport.getItems().addAll("tcp", "udp");
        transport.setConverter(upper());
        transport.valueProperty().bindBidirectional(model.transport);
        transport.setTooltip(new Tooltip(text.get("camera.transport.tip")));
        CheckBox enabled = new CheckBox(text.get("camera.enabled"));
        enabled.setId("cameraEnabled");
        enabled.selectedProperty().bindBidirectional(model.enabled);
        javafx.scene.control.Label network = new javafx.scene.control.Label();
        network.setId("cameraNetworkNote");
        network.setWrapText(true);
        network.textProperty().bind(model.networkNote());
        network.visibleProperty().bind(model.networkNote().isNotEmpty());
        network.managedProperty().bind(network.visibleProperty());
        javafx.scene.control.Label cost = new javafx.scene.control.Label();
        cost.setId("cameraMotionCost");
        cost.setWrapText(true);
        cost.getStyleClass().add("text-muted");
        cost.textProperty().bind(model.motionCostHint());
        cost.visibleProperty().bind(model.motionCostHint().isNotEmpty());
        cost.managedProperty().bind(cost.visibleProperty());
        return section("camera.section.general",
                field("camera.name", name, "name"),
                field("camera.mainUrl", main, "mainUrl"),
                network,
                field("camera.subUrl", sub, "subUrl"),
                cost,
                field("camera.transport", transport, "transport"),
                enabled);
    }

    private Node recording() {
        TextField hours = text("cameraRetention", model.retentionHours);
        hours.setTooltip(new Tooltip(text.get("camera.retention.tip")));
        TextArea reason = new TextArea();
        reason.setId("cameraRetentionReason");
        reason.setPrefRowCount(2);
        reason.setWrapText(true);
        reason.textProperty().bindBidirectional(model.retentionReason);
        Node reasonField = field("camera.retentionReason", reason, "retentionReason");
        reasonField.visibleProperty().bind(model.reasonNeeded());
        reasonField.managedProperty().bind(model.reasonNeeded());
        TextField cap = text("cameraStorageCap", model.storageCapGb);
        CheckBox audio = new CheckBox(text.get("camera.audio"));
        audio.setId("cameraAudio");
        audio.setSelected(model.recordAudio.get());
        model.recordAudio.addListener((o, was, now) -> audio.setSelected(now));
        audio.setOnAction(e -> {
            if (audio.isSelected() && !confirmAudio()) {
                audio.setSelected(false);
            }
            model.recordAudio.set(audio.isSelected());
        });
        CheckBox hide = new CheckBox(text.get("camera.hideLive"));
        hide.setId("cameraHideLive");
        hide.setTooltip(new Tooltip(text.get("camera.hideLive.tip")));
        hide.selectedProperty().bindBidirectional(model.hideLive);
        ChoiceBox<String> hw = new ChoiceBox<>();
        hw.setId("cameraHwAccel");
        hw.getItems().addAll(model.hwAccelChoices());
        hw.setConverter(new StringConverter<>() {
            @Override
            public String toString(String id) {
                return id == null ? "" : id.equals("auto") ? text.get("camera.hwAccel.auto")
                        : id.equals("off") ? text.get("camera.hwAccel.off") : id;
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        hw.valueProperty().bindBidirectional(model.hwAccel);
        Button stop = new Button(text.get("camera.stopNow"));
        stop.setId("cameraStopNow");
        stop.setOnAction(e -> model.stopRecordingNow());
        stop.disableProperty().bind(model.enabled.not().or(model.busy()));
        return section("camera.section.recording",
                field("camera.retention", hours, "retention"),
                reasonField,
                field("camera.storageCap", cap, "storageCapBytes"),
                field("camera.hwAccel", hw, "hwAccel"),
                audio, hide, stop);
    }

    private Node motion() {
        CheckBox motion = new CheckBox(text.get("camera.motion"));
        motion.setId("cameraMotion");
        motion.selectedProperty().bindBidirectional(model.motion);
        Slider sensitivity = new Slider(1, 10, 5);
        sensitivity.setId("cameraSensitivity");
        sensitivity.setMajorTickUnit(1);
        sensitivity.setMinorTickCount(0);
        sensitivity.setSnapToTicks(true);
        sensitivity.setShowTickLabels(true);
        sensitivity.valueProperty().bindBidirectional(model.sensitivity);
        sensitivity.disableProperty().bind(model.motion.not());
        Button snapshot = new Button(text.get("camera.snapshot"));
        snapshot.setId("cameraSnapshot");
        snapshot.setOnAction(e -> model.takeStill());
        return section("camera.section.motion", motion, field("camera.sensitivity", sensitivity, "sensitivity"),
                masks.node(), error("detectionMasks"), error("privacyMasks"), snapshot);
    }

    private Node buttons() {
        Label message = new Label();
        message.setId("cameraMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.message());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button close = new Button(text.get("camera.cancel"));
        close.setId("cameraClose");
        close.setCancelButton(true);
        close.setOnAction(e -> {
            Window w = root.getScene() == null ? null : root.getScene().getWindow();
            if (w instanceof Stage s) {
                s.close();
            }
        });
        Button save = new Button(text.get("camera.save"));
        save.setId("cameraSave");
        save.setDefaultButton(true);
        save.disableProperty().bind(model.busy());
        save.setOnAction(e -> model.save());
        HBox box = new HBox(8, message, spacer, close, save);
        box.setPadding(new Insets(8, 12, 12, 12));
        return box;
    }

    private boolean confirmAudio() {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text.get("camera.audio.confirm.text"),
                ButtonType.OK, ButtonType.CANCEL);
        alert.setTitle(text.get("camera.audio.confirm.title"));
        alert.setHeaderText(text.get("camera.audio.confirm.title"));
        if (root.getScene() != null) {
            alert.initOwner(root.getScene().getWindow());
        }
        return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    private Node section(String heading, Node... children) {
        Label title = new Label(text.get(heading));
        title.setFont(Font.font(null, FontWeight.BOLD, 14));
        VBox box = new VBox(6, title);
        box.getChildren().addAll(children);
        return box;
    }

    private Node field(String label, Control control, String field) {
        Label l = new Label(text.get(label));
        l.setLabelFor(control);
        control.setMaxWidth(Double.MAX_VALUE);
        return new VBox(2, l, control, error(field));
    }

    /** The explanation under a field, in the error colour; takes no room while empty. */
    private Label error(String field) {
        Label e = new Label();
        e.setId(field + "Error");
        e.setWrapText(true);
        e.getStyleClass().add("danger");
        e.setStyle("-fx-text-fill: #cf222e;");
        StringProperty p = model.error(field);
        e.textProperty().bind(p);
        e.visibleProperty().bind(p.isNotEmpty());
        e.managedProperty().bind(p.isNotEmpty());
        return e;
    }

    private static TextField text(String id, StringProperty property) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(property);
        return f;
    }

    private static StringConverter<String> upper() {
        return new StringConverter<>() {
            @Override
            public String toString(String s) {
                return s == null ? "" : s.toUpperCase(java.util.Locale.ROOT);
            }

            @Override
            public String fromString(String s) {
                return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
            }
        };
    }

    static WritableImage image(CameraStills.Still still) {
        if (still == null) {
            return null;
        }
        WritableImage img = new WritableImage(still.width(), still.height());
        img.getPixelWriter().setPixels(0, 0, still.width(), still.height(), PixelFormat.getIntArgbInstance(),
                still.argb(), 0, still.width());
        return img;
    }
}
