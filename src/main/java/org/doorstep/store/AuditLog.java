package org.doorstep.store;

import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The audit_log table: what someone did that may need accounting for (views, exports, erases, privacy settings,
 * the lock). Details name times as ISO-8601 instants and cameras as {@code camera=ID}, so that an erase can find and
 * rewrite the rows that mention its range. Never images, never passwords.
 */
public final class AuditLog {
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z");

    /**
     * One row of the audit log; {@code actor} is null for rows written before it was kept. {@code person} and
     * {@code personRole} name who was unlocked with a PIN when it was written (null: nobody by PIN).
     */
    public record Entry(long id, Instant at, String action, String detail, String actor, String person,
                        String personRole) {
        public Entry(long id, Instant at, String action, String detail, String actor) {
            this(id, at, action, detail, actor, null, null);
        }
    }

    private final Sql sql;

    public AuditLog(Database db) {
        this.sql = new Sql(db);
    }

    public void record(Instant at, String action, String detail) throws SQLException {
        record(at, null, action, detail);
    }

    public void record(Instant at, String actor, String action, String detail) throws SQLException {
        record(at, actor, action, detail, null, null);
    }

    /** A row naming the person ({@code person}, {@code role}; both null: nobody by PIN). */
    public void record(Instant at, String actor, String action, String detail, String person, String role)
            throws SQLException {
        sql.update("INSERT INTO audit_log (at, actor, action, detail, person, person_role) VALUES (?, ?, ?, ?, ?, ?)",
                at, cut(actor, 100), action, cut(detail, 1000), cut(person, 60), cut(role, 10));
    }

    private static String cut(String text, int max) {
        return text == null ? null : text.substring(0, Math.min(max, text.length()));
    }

    public List<Entry> all() throws SQLException {
        return sql.query("SELECT * FROM audit_log ORDER BY id", AuditLog::entry);
    }

    /** Entries at or after {@code from} and before {@code to} (either end null: open), oldest first. */
    public List<Entry> between(Instant from, Instant to) throws SQLException {
        List<Object> params = new java.util.ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (from != null) {
            where.append(" AND at >= ?");
            params.add(from);
        }
        if (to != null) {
            where.append(" AND at < ?");
            params.add(to);
        }
        return sql.query("SELECT * FROM audit_log" + where + " ORDER BY at, id", AuditLog::entry, params.toArray());
    }

    /** Entries of {@code action}, oldest first. */
    public List<Entry> byAction(String action) throws SQLException {
        return sql.query("SELECT * FROM audit_log WHERE action = ? ORDER BY id", AuditLog::entry, action);
    }

    /** Deletes the entries older than {@code before} (the log's own retention); returns how many went. */
    public int deleteBefore(Instant before) throws SQLException {
        return sql.update("DELETE FROM audit_log WHERE at < ?", before);
    }

    private static Entry entry(java.sql.ResultSet row) throws SQLException {
        return new Entry(row.getLong("id"), SqlTime.instant(row, "at"), row.getString("action"),
                row.getString("detail"), row.getString("actor"), row.getString("person"),
                row.getString("person_role"));
    }

    /**
     * Rewrites every entry whose detail names an instant in [from, to) (either end open) and matches {@code about}
     * (null: any) to {@code replacement}. Returns how many were rewritten.
     */
    public int rewriteMentioning(Instant from, Instant to, java.util.function.Predicate<Entry> about, String replacement)
            throws SQLException {
        int n = 0;
        for (Entry e : all()) {
            if (e.detail() != null && (about == null || about.test(e)) && mentions(e.detail(), from, to)) {
                n += sql.update("UPDATE audit_log SET detail = ? WHERE id = ?", replacement, e.id());
            }
        }
        return n;
    }

    /** Whether {@code text} names an ISO-8601 instant inside [from, to). */
    public static boolean mentions(String text, Instant from, Instant to) {
        Matcher m = INSTANT.matcher(text);
        while (m.find()) {
            try {
                Instant t = Instant.parse(m.group().length() == 17 ? m.group().replace("Z", ":00Z") : m.group());
                if ((from == null || !t.isBefore(from)) && (to == null || t.isBefore(to))) {
                    return true;
                }
            } catch (DateTimeParseException ignored) {
                // not a time after all
            }
        }
        return false;
    }
}
