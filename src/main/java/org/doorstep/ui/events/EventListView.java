package org.doorstep.ui.events;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.DateCell;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.Icons;
import org.doorstep.usecase.events.EventReview;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The events on the right of the main window: a day's events with thumbnails, newest on top; kind and camera
 * filters; "Review new" and "Mark all reviewed"; and "go to": the day picker (its calendar marks days with footage
 * and with rings) and a time. Rings stand out by a round badge, a bar and a bold word, not by colour alone.
 */
public final class EventListView {
    static final double THUMB_WIDTH = 80;
    static final double THUMB_HEIGHT = 45;
    private static final int THUMBS_KEPT = 200;

    private final EventListViewModel model;
    private final Messages text;
    private final ThumbnailCache thumbnails;
    private final DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** The calendar's day cells, so that they can be marked again when the footage days arrive. */
    private final List<DateCell> dayCells = new ArrayList<>();
    private final ListView<EventReview.Event> list = new ListView<>();
    private final VBox root;
    /** Actions other features add to each event's menu (the shell wires them; this list knows none by name). */
    private final List<EventAction> extraActions = new ArrayList<>();
    /** Where other features' filter buttons go (the shell's "Kept"). */
    private FlowPane filters;

    /** One more entry in each event's menu. */
    public record EventAction(String label, org.kordamp.ikonli.Ikon icon, java.util.function.Consumer<EventReview.Event> run) {}

    public EventListView(EventListViewModel model) {
        this.model = model;
        this.text = model.text();
        this.thumbnails = new ThumbnailCache(model::thumbnail, model.executors(), THUMB_WIDTH, THUMB_HEIGHT,
                THUMBS_KEPT);

        Label heading = new Label(text.get("events.heading"));
        heading.getStyleClass().add("title-4");
        Label summary = new Label();
        summary.setId("eventsNew");
        summary.getStyleClass().add("event-summary");
        summary.textProperty().bind(model.newSummaryProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, heading, spacer, summary);
        top.setAlignment(Pos.BASELINE_LEFT);

        list.setId("eventList");
        list.setItems(model.items());
        list.setAccessibleText(text.get("events.heading"));
        Label empty = new Label();
        empty.setId("eventsEmpty");
        empty.setWrapText(true);
        empty.textProperty().bind(model.emptyTextProperty());
        list.setPlaceholder(empty);
        list.setCellFactory(l -> new EventCell());
        list.setOnKeyPressed(e -> {
            EventReview.Event selected = list.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && selected != null) {
                model.play(selected);
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);

        Label reviewStatus = new Label();
        reviewStatus.setId("reviewStatus");
        reviewStatus.setWrapText(true);
        reviewStatus.textProperty().bind(model.reviewStatusProperty());
        reviewStatus.managedProperty().bind(reviewStatus.textProperty().isNotEmpty());
        Label problem = problemLabel("eventsProblem");
        problem.textProperty().bind(model.problemProperty());
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        Label goToProblem = problemLabel("goToProblem");
        goToProblem.textProperty().bind(model.goToProblemProperty());
        goToProblem.managedProperty().bind(goToProblem.textProperty().isNotEmpty());

        root = new VBox(6, top, dayRow(), filterRow(), reviewRow(), reviewStatus, list, goToRow(), goToProblem,
                problem);
        root.setPadding(new Insets(8));
        root.getStylesheets().add(Objects.requireNonNull(
                EventListView.class.getResource("/org/doorstep/ui/events/events.css")).toExternalForm());
        model.calendarProperty().addListener((o, was, now) -> dayCells.forEach(this::mark));
        model.reload();
        model.loadCalendar();
    }

    /** Adds an entry to every event's menu (for cells made from now on: call before the window shows). */
    public void addEventAction(EventAction action) {
        extraActions.add(action);
        list.setCellFactory(l -> new EventCell());
    }

    /** Adds another feature's filter button after the kind and camera filters. */
    public void addFilter(Node filter) {
        filters.getChildren().add(filter);
    }

    public Node node() {
        return root;
    }

    private Node dayRow() {
        DatePicker picker = new DatePicker();
        picker.setPrefWidth(150); // the whole date, not "11/30/202"
        picker.setMinWidth(140);
        picker.setId("eventDay");
        picker.setAccessibleText(text.get("events.day.label"));
        picker.setValue(model.dayProperty().get());
        picker.valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.dayProperty().set(now);
            }
        });
        model.dayProperty().addListener((o, was, now) -> picker.setValue(now));
        picker.setDayCellFactory(p -> {
            DateCell cell = new DateCell() {
                @Override
                public void updateItem(LocalDate item, boolean empty) {
                    super.updateItem(item, empty);
                    mark(this);
                }
            };
            dayCells.add(cell);
            return cell;
        });
        picker.setOnShowing(e -> model.loadCalendar());
        picker.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(picker, Priority.ALWAYS);
        Button previous = iconButton("eventDayPrevious", Material2AL.CHEVRON_LEFT, text.get("events.day.previous"));
        previous.setOnAction(e -> model.dayProperty().set(model.dayProperty().get().minusDays(1)));
        Button next = iconButton("eventDayNext", Material2AL.CHEVRON_RIGHT, text.get("events.day.next"));
        next.setOnAction(e -> model.dayProperty().set(model.dayProperty().get().plusDays(1)));
        Button today = iconButton("eventDayToday", Material2MZ.TODAY, text.get("events.day.today"));
        today.setOnAction(e -> model.dayProperty().set(LocalDate.now(model.zone())));
        HBox row = new HBox(4, previous, picker, next, today);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** Marks a calendar day: bold and underlined with footage, a small bell (a shape, not a colour) with a ring. */
    private void mark(DateCell cell) {
        LocalDate date = cell.getItem();
        EventReview.Calendar days = model.calendarProperty().get();
        boolean footage = date != null && !cell.isEmpty() && days.footage().contains(date);
        boolean rang = date != null && !cell.isEmpty() && days.rings().contains(date);
        cell.getStyleClass().remove("has-footage");
        cell.getStyleClass().remove("has-ring");
        if (footage) {
            cell.getStyleClass().add("has-footage");
        }
        if (rang) {
            cell.getStyleClass().add("has-ring");
            cell.setGraphic(Icons.of(Material2MZ.NOTIFICATIONS_ACTIVE, 10));
        } else {
            cell.setGraphic(null);
        }
        List<String> tips = new ArrayList<>();
        if (footage) {
            tips.add(text.get("events.calendar.footage"));
        }
        if (rang) {
            tips.add(text.get("events.calendar.ring"));
        }
        cell.setTooltip(tips.isEmpty() ? null : new Tooltip(String.join(" · ", tips)));
    }

    private Node filterRow() {
        ToggleButton motion = filter("filterMotion", Material2AL.DIRECTIONS_RUN, "events.kind.motion",
                "events.filter.motion");
        motion.selectedProperty().bindBidirectional(model.motionProperty());
        ToggleButton ring = filter("filterRing", Material2MZ.NOTIFICATIONS_ACTIVE, "events.kind.ring",
                "events.filter.ring");
        ring.selectedProperty().bindBidirectional(model.ringProperty());
        ToggleButton cameraMotion = filter("filterCameraMotion", Material2MZ.VIDEOCAM, "events.kind.camera_motion",
                "events.filter.camera_motion");
        cameraMotion.selectedProperty().bindBidirectional(model.cameraMotionProperty());

        // "All cameras" first, then the names; chosen by position, so a camera may be called anything
        ObservableList<String> choices = FXCollections.observableArrayList(text.get("events.camera.all"));
        ComboBox<String> camera = new ComboBox<>(choices);
        camera.setId("eventCamera");
        camera.setAccessibleText(text.get("events.camera.label"));
        camera.getSelectionModel().select(0);
        model.cameras().addListener((ListChangeListener<String>) c -> {
            String chosen = model.cameraProperty().get();
            choices.setAll(text.get("events.camera.all"));
            choices.addAll(model.cameras());
            int at = chosen == null ? 0 : model.cameras().indexOf(chosen) + 1;
            camera.getSelectionModel().select(Math.max(0, at));
        });
        camera.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> {
            int i = now.intValue();
            if (i >= 0) {
                model.cameraProperty().set(i == 0 ? null : model.cameras().get(i - 1));
            }
        });
        camera.setPrefWidth(150);
        // the events area is narrow: the row wraps rather than cutting the camera's name
        FlowPane row = new FlowPane(4, 4, new HBox(2, motion, ring, cameraMotion), camera);
        row.setAlignment(Pos.CENTER_LEFT);
        filters = row;
        return row;
    }

    private ToggleButton filter(String id, Ikon icon, String nameKey, String tipKey) {
        ToggleButton b = new ToggleButton(null, Icons.of(icon));
        b.setId(id);
        b.setTooltip(new Tooltip(text.get(tipKey)));
        b.setAccessibleText(text.get(nameKey));
        return b;
    }

    private Node reviewRow() {
        Button reviewNew = new Button(text.get("events.reviewNew"), Icons.of(Material2MZ.PLAYLIST_PLAY));
        reviewNew.setId("reviewNew");
        reviewNew.setTooltip(new Tooltip(text.get("events.reviewNew.tip")));
        reviewNew.disableProperty().bind(model.unreviewedProperty().map(u -> u.events() == 0));
        reviewNew.setOnAction(e -> model.reviewNew());
        Button markAll = new Button(text.get("events.markAll"), Icons.of(Material2AL.DONE_ALL));
        markAll.setId("markAllReviewed");
        markAll.setTooltip(new Tooltip(text.get("events.markAll.tip")));
        markAll.disableProperty().bind(model.unreviewedProperty().map(u -> u.events() == 0));
        markAll.setOnAction(e -> model.markAllReviewed());
        FlowPane row = new FlowPane(4, 4, reviewNew, markAll);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Node goToRow() {
        Label label = new Label(text.get("events.goto.label"));
        TextField field = new TextField();
        field.setId("goToTime");
        field.setPromptText(text.get("events.goto.prompt"));
        field.setPrefColumnCount(6);
        label.setLabelFor(field);
        Button go = new Button(text.get("events.goto.button"), Icons.of(Material2MZ.PLAY_ARROW));
        go.setId("goTo");
        go.setTooltip(new Tooltip(text.get("events.goto.tip")));
        go.setOnAction(e -> model.goTo(field.getText()));
        field.setOnAction(e -> model.goTo(field.getText()));
        HBox row = new HBox(4, label, field, go);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static Button iconButton(String id, Ikon icon, String tip) {
        Button b = new Button(null, Icons.of(icon));
        b.setId(id);
        b.getStyleClass().addAll("flat", "button-icon");
        b.setTooltip(new Tooltip(tip));
        b.setAccessibleText(tip);
        return b;
    }

    private static Label problemLabel(String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.getStyleClass().add("event-problem");
        return l;
    }

    /** One event: thumbnail, kind (icon and word), time and camera, "new", and an export button. */
    private final class EventCell extends ListCell<EventReview.Event> {
        private final ImageView thumb = new ImageView();
        private final FontIcon noPicture = Icons.of(Material2AL.IMAGE, 20);
        private final StackPane frame = new StackPane(thumb);
        private final StackPane kindIcon = new StackPane();
        private final Label kind = new Label();
        private final Label fresh = new Label(text.get("events.isNew"));
        private final Label when = new Label();
        private final Label where = new Label();
        private final Button export = iconButton(null, Material2MZ.SAVE_ALT, text.get("events.export.tip"));
        private final HBox box;

        EventCell() {
            getStyleClass().add("event-cell");
            thumb.setFitWidth(THUMB_WIDTH);
            thumb.setFitHeight(THUMB_HEIGHT);
            thumb.setPreserveRatio(true);
            frame.setMinSize(THUMB_WIDTH, THUMB_HEIGHT);
            frame.setPrefSize(THUMB_WIDTH, THUMB_HEIGHT);
            frame.getStyleClass().add("event-thumbnail-frame");
            kind.getStyleClass().add("event-kind");
            fresh.getStyleClass().add("event-new");
            export.getStyleClass().addAll("flat", "event-export");
            // the kind and the time are never cut; the camera's name may end in "…"
            kind.setMinWidth(Region.USE_PREF_SIZE);
            when.setMinWidth(Region.USE_PREF_SIZE);
            fresh.setMinWidth(Region.USE_PREF_SIZE);
            where.setMinWidth(0);
            HBox line = new HBox(6, kindIcon, kind);
            line.setAlignment(Pos.CENTER_LEFT);
            HBox time = new HBox(6, when, fresh);
            time.setAlignment(Pos.CENTER_LEFT);
            VBox words = new VBox(1, line, time, where);
            words.setMinWidth(0);
            HBox.setHgrow(words, Priority.ALWAYS);
            noPicture.getStyleClass().add("event-no-picture");
            frame.getChildren().add(0, noPicture);
            box = new HBox(8, frame, words, export);
            box.setAlignment(Pos.CENTER_LEFT);
            // as wide as the list, never wider: long camera names end in "…" instead of a sideways scroll bar
            setPrefWidth(0);
            export.setOnAction(e -> {
                if (getItem() != null) {
                    model.export(getItem());
                }
            });
            setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && getItem() != null && !isInside(e.getPickResult()
                        .getIntersectedNode(), export)) {
                    model.play(getItem());
                }
            });
            MenuItem play = new MenuItem(text.get("events.play"), Icons.of(Material2MZ.PLAY_ARROW));
            play.setOnAction(e -> model.play(getItem()));
            MenuItem exportItem = new MenuItem(text.get("events.export"), Icons.of(Material2MZ.SAVE_ALT));
            exportItem.setOnAction(e -> model.export(getItem()));
            MenuItem eraseItem = new MenuItem(text.get("events.erase"), Icons.of(Material2AL.DELETE_FOREVER));
            eraseItem.setOnAction(e -> model.erase(getItem()));
            ContextMenu menu = new ContextMenu(play, exportItem, eraseItem);
            for (EventAction a : extraActions) {
                MenuItem item = new MenuItem(a.label(), Icons.of(a.icon()));
                item.setOnAction(e -> a.run().accept(getItem()));
                menu.getItems().add(item);
            }
            setContextMenu(menu);
            setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void updateItem(EventReview.Event event, boolean empty) {
            super.updateItem(event, empty);
            getStyleClass().remove("event-ring");
            if (empty || event == null) {
                setGraphic(null);
                setAccessibleText(null);
                thumb.setImage(null);
                return;
            }
            if (event.isRing()) {
                getStyleClass().add("event-ring");
                Circle badge = new Circle(11);
                badge.getStyleClass().add("event-ring-badge");
                FontIcon bell = Icons.of(Material2MZ.NOTIFICATIONS_ACTIVE, 14);
                bell.getStyleClass().add("event-ring-badge-icon");
                kindIcon.getChildren().setAll(badge, bell);
            } else {
                kindIcon.getChildren().setAll(Icons.of(event.kind() == EventReview.Kind.MOTION
                        ? Material2AL.DIRECTIONS_RUN : Material2MZ.VIDEOCAM, 16));
            }
            String kindName = text.get("events.kind." + event.kind().name().toLowerCase(java.util.Locale.ROOT));
            kind.setText(kindName);
            fresh.setVisible(!event.reviewed());
            fresh.setManaged(!event.reviewed());
            String at = event.start().atZone(model.zone()).format(time);
            when.setText(at);
            where.setText(event.camera());
            setAccessibleText(text.get("events.item.accessible", kindName, at, event.camera(),
                    event.reviewed() ? 0 : 1));
            thumb.setImage(null);
            noPicture.setVisible(true);
            if (event.hasThumbnail()) {
                long id = event.id();
                thumbnails.load(id, image -> {
                    if (getItem() != null && getItem().id() == id) {
                        thumb.setImage(image);
                        noPicture.setVisible(image == null);
                    }
                });
            }
            setGraphic(box);
        }
    }

    private static boolean isInside(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** For tests: how many thumbnails are decoded and kept. */
    int thumbnailsKept() {
        return thumbnails.size();
    }
}
