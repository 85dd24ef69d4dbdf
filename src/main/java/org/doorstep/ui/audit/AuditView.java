package org.doorstep.ui.audit;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.doorstep.common.Messages;

/** The audit log window: a table of who did what and when, the last N days. */
public final class AuditView {
    private final VBox root = new VBox(8);

    public AuditView(AuditViewModel model, Messages text) {
        root.setId("auditView");
        root.setPadding(new Insets(12));
        Label hint = new Label(model.hint());
        hint.setWrapText(true);
        Spinner<Integer> days = new Spinner<>(1, 3650, model.days.get());
        days.setId("auditDays");
        days.setEditable(true);
        days.setPrefWidth(100);
        days.valueProperty().addListener((o, was, now) -> {
            model.days.set(now);
            model.load();
        });
        Button refresh = new Button(text.get("ui.refresh"));
        refresh.setId("auditRefresh");
        refresh.setOnAction(e -> model.load());
        Label summary = new Label();
        summary.setId("auditSummary");
        summary.textProperty().bind(model.summaryProperty());
        HBox bar = new HBox(8, new Label(text.get("ui.days")), days, new Label(text.get("ui.daysUnit")), refresh,
                summary);
        bar.setAlignment(Pos.CENTER_LEFT);

        TableView<AuditViewModel.Row> table = new TableView<>(model.rows());
        table.setId("auditTable");
        table.setPlaceholder(new Label(text.get("ui.empty")));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column(text.get("ui.column.at"), AuditViewModel.Row::at, 170));
        table.getColumns().add(column(text.get("ui.column.action"), AuditViewModel.Row::action, 150));
        table.getColumns().add(column(text.get("ui.column.actor"), AuditViewModel.Row::actor, 150));
        table.getColumns().add(column(text.get("ui.column.person"), AuditViewModel.Row::person, 140));
        table.getColumns().add(column(text.get("ui.column.detail"), AuditViewModel.Row::detail, 420));
        VBox.setVgrow(table, Priority.ALWAYS);
        Label problem = new Label();
        problem.setId("auditProblem");
        problem.setStyle("-fx-text-fill: #cf222e;");
        problem.textProperty().bind(model.problemProperty());
        root.getChildren().addAll(hint, bar, table, problem);
    }

    private static TableColumn<AuditViewModel.Row, String> column(String title,
            java.util.function.Function<AuditViewModel.Row, String> field, double width) {
        TableColumn<AuditViewModel.Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new javafx.beans.property.ReadOnlyStringWrapper(field.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    public Parent node() {
        return root;
    }

    /** Opens the audit log in its own window and reads it. */
    public static Stage open(AuditViewModel model, Messages text, Window owner) {
        AuditView view = new AuditView(model, text);
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle(text.get("ui.title"));
        stage.setScene(new Scene(view.node(), 920, 560));
        model.load();
        stage.show();
        return stage;
    }
}
