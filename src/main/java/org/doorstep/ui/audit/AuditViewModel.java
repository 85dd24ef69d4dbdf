package org.doorstep.ui.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.Sentences;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.audit.Audit;

/** The audit log in the window: the rows of the last {@link #days} days, newest first, in words. */
public final class AuditViewModel {
    /** One row as shown: local time, what (in words), by which face, which person ("Anna (staff)"), details. */
    public record Row(String at, String action, String actor, String person, String detail) {
        public Row(String at, String action, String actor, String detail) {
            this(at, action, actor, "", detail);
        }
    }

    private final Audit audit;
    private final UiExecutors executors;
    private final Messages text;
    private final ZoneId zone;
    private final Clock clock;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    /** How many days back to show. */
    public final IntegerProperty days = new SimpleIntegerProperty(30);

    public AuditViewModel(Audit audit, UiExecutors executors, Messages text, ZoneId zone, Clock clock) {
        this.audit = audit;
        this.executors = executors;
        this.text = text;
        this.zone = zone;
        this.clock = clock;
    }

    public ObservableList<Row> rows() { return rows; }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }

    /** The hint under the title, with the log's retention. */
    public String hint() {
        return text.get("ui.hint", audit.retention().toDays());
    }

    /** Reads the rows in the background. */
    public void load() {
        Instant from = clock.instant().minus(Duration.ofDays(Math.max(1, days.get())));
        executors.background().execute(() -> {
            try {
                List<Audit.Row> read = audit.entries(from, null);
                DateTimeFormatter f = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                        .withLocale(text.locale()).withZone(zone);
                List<Audit.Row> newestFirst = new java.util.ArrayList<>(read);
                java.util.Collections.reverse(newestFirst);
                List<Row> shown = newestFirst.stream().map(r -> new Row(f.format(r.at()), action(r.action()),
                        actor(r.actor()), person(r.person()), r.detail() == null ? "" : r.detail())).toList();
                String count = shown.isEmpty() ? text.get("ui.empty") : text.get("ui.count", shown.size());
                executors.fx().execute(() -> {
                    rows.setAll(shown);
                    summary.set(count);
                    problem.set(null);
                });
            } catch (RuntimeException e) {
                String sentence = Sentences.of(e);
                executors.fx().execute(() -> problem.set(sentence));
            }
        });
    }

    /** "doorstep" (and "doorstep --demo") is the window; "doorstep export" and the like the command line. */
    private String actor(String actor) {
        if (actor == null) {
            return "";
        }
        if (actor.equals("doorstep") || actor.startsWith("doorstep --")) {
            return text.get("ui.actor.window");
        }
        return actor.startsWith("doorstep ") ? text.get("ui.actor.cli", actor) : actor;
    }

    /** "Anna (staff)" in the window's language; empty when nobody was unlocked by PIN. */
    private String person(Audit.Person p) {
        if (p == null) {
            return "";
        }
        Messages people = Messages.of("people", text.locale());
        String role = people.has("role." + p.role()) ? people.get("role." + p.role()) : p.role();
        return people.get("person", p.name(), role);
    }

    private String action(String action) {
        return text.has("action." + action) ? text.get("action." + action) : action;
    }
}
