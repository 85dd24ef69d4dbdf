package org.doorstep.ui.wizard;

import javafx.beans.property.StringProperty;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.doorstep.common.Messages;
import org.doorstep.media.Picture;
import org.doorstep.store.Camera;
import org.doorstep.ui.common.MaskEditor;
import org.doorstep.ui.common.Icons;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The camera wizard's window: one page at a time (scan, address, password, preview, name and retention), the
 * ViewModel decides which; a sentence under the page says what went wrong and what to do next.
 */
public final class WizardDialog {
    private final Dialog<Camera> dialog = new Dialog<>();
    private final WizardViewModel model;
    private final Messages text;

    public WizardDialog(WizardViewModel model, Messages text, Window owner) {
        this.model = model;
        this.text = text;
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle(text.get("title"));
        dialog.setResizable(true);
        dialog.headerTextProperty().bind(model.pageProperty().map(p -> text.get("header." + p.name().toLowerCase())));

        StackPane pages = new StackPane(scanPage(), addressPage(), credentialsPage(), previewPage(), masksPage(),
                savePage());
        pages.setPrefSize(720, 480);
        Label problem = new Label();
        problem.setId("wizardProblem");
        problem.setWrapText(true);
        problem.setMaxWidth(720);
        problem.textProperty().bind(model.problemProperty());
        problem.getStyleClass().add("danger");
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        problem.setMinHeight(Region.USE_PREF_SIZE); // the whole sentence, never cut off
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(model.busyProperty());
        spinner.managedProperty().bind(model.busyProperty());
        Label step = new Label();
        step.setId("wizardStep");
        step.textProperty().bind(model.stepProperty());
        Button brands = new Button(text.get("brands.try"), Icons.of(Material2MZ.SEARCH));
        brands.setId("wizardTryBrands");
        brands.visibleProperty().bind(model.brandsOfferedProperty());
        brands.managedProperty().bind(model.brandsOfferedProperty());
        brands.disableProperty().bind(model.busyProperty());
        brands.setOnAction(e -> model.tryBrands());
        TextField port = new TextField();
        port.setId("wizardRtspPort");
        port.setPrefColumnCount(5);
        port.setText(String.valueOf(model.rtspPortProperty().get()));
        port.textProperty().addListener((o, was, now) -> {
            try {
                model.rtspPortProperty().set(Integer.parseInt(now.strip()));
            } catch (NumberFormatException ignored) {
                // the field keeps what was typed; the last readable port is tried
            }
        });
        HBox brandRow = new HBox(8, brands, new Label(text.get("brands.port")), port);
        brandRow.setAlignment(Pos.CENTER_LEFT);
        brandRow.visibleProperty().bind(model.brandsOfferedProperty());
        brandRow.managedProperty().bind(model.brandsOfferedProperty());
        HBox status = new HBox(8, spinner, step);
        status.setAlignment(Pos.CENTER_LEFT);
        VBox content = new VBox(10, pages, status, problem, brandRow);
        content.setPadding(new Insets(12));
        dialog.getDialogPane().setPrefWidth(780);
        dialog.getDialogPane().setContent(content);

        ButtonType backType = new ButtonType(text.get("back"), ButtonBar.ButtonData.BACK_PREVIOUS);
        ButtonType nextType = new ButtonType(text.get("next"), ButtonBar.ButtonData.NEXT_FORWARD);
        dialog.getDialogPane().getButtonTypes().addAll(backType, nextType, ButtonType.CANCEL);
        Button back = (Button) dialog.getDialogPane().lookupButton(backType);
        back.setId("wizardBack");
        back.disableProperty().bind(model.pageProperty().isEqualTo(WizardViewModel.Page.SCAN));
        back.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            model.back();
        });
        Button next = (Button) dialog.getDialogPane().lookupButton(nextType);
        next.setId("wizardNext");
        next.textProperty().bind(model.pageProperty().map(p -> text.get(switch (p) {
            case SCAN -> "next.pick";
            case ADDRESS, CREDENTIALS -> "next.check";
            case PREVIEW, MASKS -> "next";
            case SAVE -> "next.save";
        })));
        next.disableProperty().bind(model.busyProperty());
        // the dialog stays open until the camera is saved, so a refusal can be read and corrected
        next.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            onNext();
        });
        Button cancel = (Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setId("wizardCancel");
        // Cancel stops what runs first; a second Cancel (or one while idle) closes the wizard
        cancel.addEventFilter(ActionEvent.ACTION, e -> {
            if (model.busyProperty().get() || model.scanningProperty().get()) {
                e.consume();
                model.cancel();
            }
        });
        dialog.addEventHandler(javafx.scene.control.DialogEvent.DIALOG_HIDDEN, e -> model.cancel());
        dialog.setResultConverter(button -> model.savedProperty().get());
    }

    private void onNext() {
        switch (model.pageProperty().get()) {
            case SCAN -> model.pick(results.getSelectionModel().getSelectedItem());
            case ADDRESS, CREDENTIALS -> model.check();
            case PREVIEW, MASKS -> model.next();
            case SAVE -> model.save(camera -> {
                dialog.setResult(camera);
                dialog.close();
            });
        }
    }

    private final ListView<WizardViewModel.Result> results = new ListView<>();

    private Node scanPage() {
        results.setId("wizardResults");
        results.setItems(model.results());
        results.setCellFactory(v -> new ResultCell());
        results.setPlaceholder(new Label(text.get("scan.placeholder")));
        results.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                model.pick(results.getSelectionModel().getSelectedItem());
            }
        });
        VBox.setVgrow(results, Priority.ALWAYS);
        ProgressBar progress = new ProgressBar();
        progress.setId("wizardScanProgress");
        progress.progressProperty().bind(model.scanProgressProperty());
        progress.visibleProperty().bind(model.scanningProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        Label status = new Label();
        status.setId("wizardScanStatus");
        status.setWrapText(true);
        status.textProperty().bind(model.scanStatusProperty());
        TextField target = new TextField();
        target.setId("wizardScanTarget");
        target.setPromptText(text.get("scan.target.prompt"));
        target.textProperty().bindBidirectional(model.scanTargetProperty());
        HBox.setHgrow(target, Priority.ALWAYS);
        Button scan = new Button(text.get("scan.button"), Icons.of(Material2MZ.SEARCH));
        scan.setId("wizardScan");
        scan.disableProperty().bind(model.scanningProperty());
        scan.setOnAction(e -> model.scan());
        Hyperlink subnet = new Hyperlink(text.get("scan.subnet"));
        subnet.setId("wizardOfferSubnet");
        subnet.setOnAction(e -> {
            model.offerSubnet();
            model.scan();
        });
        Hyperlink byAddress = new Hyperlink(text.get("scan.byAddress"));
        byAddress.setId("wizardByAddress");
        byAddress.setOnAction(e -> model.byAddress());
        HBox targetRow = new HBox(8, new Label(text.get("scan.where")), target, scan);
        targetRow.setAlignment(Pos.CENTER_LEFT);
        VBox page = new VBox(8, results, progress, status, targetRow, new HBox(12, subnet, byAddress));
        return onPage(page, WizardViewModel.Page.SCAN);
    }

    /** A found camera: title, maker, model, address and password need, and a mark (already added, cloud only). */
    private final class ResultCell extends ListCell<WizardViewModel.Result> {
        @Override
        protected void updateItem(WizardViewModel.Result r, boolean empty) {
            super.updateItem(r, empty);
            if (empty || r == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label title = new Label(r.title());
            title.getStyleClass().add("text-bold");
            Label mark = new Label(r.mark());
            mark.getStyleClass().add(r.found().cloudOnly() != null ? "danger" : "success");
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            Label details = new Label(r.details());
            details.getStyleClass().add("text-muted");
            setText(null);
            setGraphic(new VBox(2, new HBox(8, Icons.of(Material2AL.CAMERA_ALT), title, gap, mark), details));
        }
    }

    private Node addressPage() {
        GridPane form = form();
        int row = 0;
        row = addRow(form, row, "address", field("wizardAddress", model.addressProperty(), text.get("address.prompt")));
        TextField sub = field("wizardSubAddress", model.subAddressProperty(), text.get("sub.prompt"));
        sub.disableProperty().bind(model.addressProperty().map(a -> !model.isStreamAddress()));
        row = addRow(form, row, "sub", sub);
        credentials(form, row, "wizardAddress");
        return onPage(form, WizardViewModel.Page.ADDRESS);
    }

    private Node credentialsPage() {
        GridPane form = form();
        Label which = new Label();
        which.setId("wizardPicked");
        which.textProperty().bind(model.pickedProperty().map(r -> r.title() + " · " + r.details()));
        form.add(which, 0, 0, 2, 1);
        credentials(form, 1, "wizardCred");
        return onPage(form, WizardViewModel.Page.CREDENTIALS);
    }

    /** User, password and "show password" (off by default); ids are prefixed so both pages have their own. */
    private void credentials(GridPane form, int row, String prefix) {
        TextField user = field(prefix + "User", model.userProperty(), text.get("user.prompt"));
        row = addRow(form, row, "user", user);
        PasswordField hidden = new PasswordField();
        hidden.setId(prefix + "Password");
        hidden.textProperty().bindBidirectional(model.passwordProperty());
        TextField shown = field(prefix + "PasswordShown", model.passwordProperty(), "");
        shown.visibleProperty().bind(model.showPasswordProperty());
        hidden.visibleProperty().bind(model.showPasswordProperty().not());
        StackPane both = new StackPane(hidden, shown);
        row = addRow(form, row, "password", both);
        CheckBox show = new CheckBox(text.get("showPassword"));
        show.setId(prefix + "ShowPassword");
        show.selectedProperty().bindBidirectional(model.showPasswordProperty());
        form.add(show, 1, row);
    }

    private Node previewPage() {
        Label main = new Label();
        main.setId("wizardMainInfo");
        main.textProperty().bind(model.mainInfoProperty());
        Label sub = new Label();
        sub.setId("wizardSubInfo");
        sub.textProperty().bind(model.subInfoProperty());
        // live video over the still pictures once frames come; only while this page shows
        org.doorstep.ui.common.VideoSurface mainLive = new org.doorstep.ui.common.VideoSurface();
        org.doorstep.ui.common.VideoSurface subLive = new org.doorstep.ui.common.VideoSurface();
        VBox mainBox = new VBox(4, live(picture("wizardMainPicture", model.mainPictureProperty(), 360), mainLive,
                "wizardMainLive", 360), caption("preview.main"), main);
        VBox subBox = new VBox(4, live(picture("wizardSubPicture", model.subPictureProperty(), 240), subLive,
                "wizardSubLive", 240), caption("preview.sub"), sub);
        AutoCloseable[] playing = new AutoCloseable[1];
        model.pageProperty().addListener((o, was, now) -> {
            if (now == WizardViewModel.Page.PREVIEW && playing[0] == null) {
                playing[0] = model.livePreview(mainLive, subLive);
            } else if (now != WizardViewModel.Page.PREVIEW && playing[0] != null) {
                closeQuietly(playing[0]);
                playing[0] = null;
            }
        });
        dialog.setOnHidden(e -> {
            if (playing[0] != null) {
                closeQuietly(playing[0]);
                playing[0] = null;
            }
        });
        Label warning = new Label();
        warning.setId("wizardWarning");
        warning.setWrapText(true);
        warning.getStyleClass().add("warning");
        warning.textProperty().bind(model.warningProperty());
        VBox page = new VBox(10, new HBox(12, mainBox, subBox), warning);
        return onPage(page, WizardViewModel.Page.PREVIEW);
    }

    private Label caption(String key) {
        Label l = new Label(text.get(key));
        l.getStyleClass().add("text-bold");
        return l;
    }

    private static Node live(Node still, org.doorstep.ui.common.VideoSurface video, String id, double width) {
        Node v = video.node();
        v.setId(id);
        if (v instanceof javafx.scene.layout.Region r) {
            r.setPrefSize(width, width * 9 / 16);
            r.setMaxSize(width, width * 9 / 16);
        }
        // not hidden (a hidden surface asks for no frames): see-through until the first frame is drawn
        v.opacityProperty().bind(javafx.beans.binding.Bindings.when(video.hasPictureProperty()).then(1.0)
                .otherwise(0.0));
        return new StackPane(still, v);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // the streams end on their own threads; nothing to tell the person
        }
    }

    /** One stream's picture, or a line saying none came. */
    private Node picture(String id, javafx.beans.property.ObjectProperty<Picture> property, double width) {
        ImageView view = new ImageView();
        view.setId(id);
        view.setPreserveRatio(true);
        view.setFitWidth(width);
        view.imageProperty().bind(property.map(WizardDialog::image));
        Label none = new Label(text.get("preview.noPicture"));
        none.setWrapText(true);
        none.setMaxWidth(width);
        none.visibleProperty().bind(property.isNull());
        StackPane frame = new StackPane(none, view);
        frame.setMinHeight(width * 9 / 16);
        return frame;
    }

    static WritableImage image(Picture p) {
        WritableImage img = new WritableImage(p.width(), p.height());
        img.getPixelWriter().setPixels(0, 0, p.width(), p.height(), PixelFormat.getIntArgbInstance(), p.argb(), 0,
                p.width());
        return img;
    }

    /** "What does this camera see?": masks over the main picture, skippable. */
    private Node masksPage() {
        MaskEditor editor = MaskEditor.of(model.masks(), text.locale());
        model.mainPictureProperty().addListener((o, was, now) -> {
            if (now != null) {
                editor.picture(image(now));
            }
        });
        Label why = new Label(text.get("masks.why"));
        why.setWrapText(true);
        why.setMinHeight(Region.USE_PREF_SIZE);
        Hyperlink skip = new Hyperlink(text.get("masks.skip"));
        skip.setId("wizardSkipMasks");
        skip.setOnAction(e -> model.skipMasks());
        Node canvas = editor.node();
        VBox.setVgrow(canvas, Priority.ALWAYS);
        VBox page = new VBox(8, why, canvas, skip);
        return onPage(page, WizardViewModel.Page.MASKS);
    }

    private Node savePage() {
        GridPane form = form();
        int row = addRow(form, 0, "name", field("wizardName", model.nameProperty(), ""));
        // a new camera keeps at most 72 h: longer needs a written reason, asked for in the camera's settings
        Spinner<Integer> hours = new Spinner<>(1,
                (int) org.doorstep.usecase.cameras.CameraCatalog.REASON_NEEDED_ABOVE.toHours(),
                model.retentionHoursProperty().get());
        hours.setId("wizardRetention");
        hours.setEditable(true);
        hours.valueProperty().addListener((o, was, now) -> model.retentionHoursProperty().set(now));
        row = addRow(form, row, "retention", hours);
        Label where = new Label(text.get("save.where"));
        where.setWrapText(true);
        form.add(where, 0, row++, 2, 1);
        // a doorbell whose button is wired to an input reports it on a topic Doorstep cannot guess
        Button bell = new Button(text.get("bell.button"));
        bell.setId("wizardBell");
        bell.setTooltip(new javafx.scene.control.Tooltip(text.get("bell.tooltip")));
        bell.disableProperty().bind(model.listeningProperty().or(model.checkedProperty().isNull()));
        bell.setOnAction(e -> model.listenForBell());
        Label heard = new Label();
        heard.setId("wizardBellStatus");
        heard.setWrapText(true);
        heard.textProperty().bind(model.bellProperty());
        form.add(new javafx.scene.layout.VBox(6, bell, heard), 0, row, 2, 1);
        return onPage(form, WizardViewModel.Page.SAVE);
    }

    private Node onPage(Node node, WizardViewModel.Page which) {
        node.visibleProperty().bind(model.pageProperty().isEqualTo(which));
        return node;
    }

    private GridPane form() {
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        return form;
    }

    private int addRow(GridPane form, int row, String key, Node field) {
        Label l = new Label(text.get(key));
        l.setLabelFor(field);
        form.addRow(row, l, field);
        GridPane.setHgrow(field, Priority.ALWAYS);
        return row + 1;
    }

    private static TextField field(String id, StringProperty property, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(30);
        f.textProperty().bindBidirectional(property);
        return f;
    }

    public Dialog<Camera> dialog() {
        return dialog;
    }
}
