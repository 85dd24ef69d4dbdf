package org.doorstep.store;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JDBC plumbing the repositories share: borrow a connection, bind the parameters, map the rows, give the
 * connection back. Parameters bind by their Java type so that every table stores a value the same way: an
 * {@link Instant} through {@link SqlTime} (UTC), an enum by its name, a {@link URI} as text, null as SQL NULL;
 * strings, numbers, booleans and byte[] go to the driver as they are.
 */
final class Sql {
    /** Turns the current row into a value; it reads columns only and leaves the cursor where it is. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Work that must commit or roll back as a whole; {@code tx} runs its statements on the transaction's connection. */
    @FunctionalInterface
    interface Transaction<T> {
        T run(Sql tx) throws SQLException;
    }

    @FunctionalInterface
    private interface StatementWork<T> {
        T run(PreparedStatement ps) throws SQLException;
    }

    private final Database db;
    /** The connection of the transaction this instance belongs to, or null to borrow one per statement. */
    private final Connection transaction;

    Sql(Database db) {
        this(db, null);
    }

    private Sql(Database db, Connection transaction) {
        this.db = db;
        this.transaction = transaction;
    }

    /** Every row the query yields, in its order. */
    /** {@code n} comma-separated parameter markers, for an IN list. */
    static String placeholders(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    /** {@code values} in lists of at most 500, so an IN list stays a size the database plans well. */
    static <T> List<List<T>> chunks(java.util.Collection<T> values) {
        List<T> all = new java.util.ArrayList<>(values);
        List<List<T>> out = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i += 500) {
            out.add(all.subList(i, Math.min(all.size(), i + 500)));
        }
        return out;
    }

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        return run(sql, Statement.NO_GENERATED_KEYS, params, ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        });
    }

    /** The first row the query yields, if any. */
    <T> Optional<T> queryOptional(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        return run(sql, Statement.NO_GENERATED_KEYS, params, ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(mapper.map(rs)) : Optional.empty();
            }
        });
    }

    /** The number in the first column of a query that always yields one row, such as COUNT or COALESCE(SUM). */
    long queryLong(String sql, Object... params) throws SQLException {
        return queryOptional(sql, row -> row.getLong(1), params)
                .orElseThrow(() -> new SQLException("no row from: " + sql));
    }

    /** Runs an INSERT, UPDATE, DELETE or MERGE and returns how many rows it touched. */
    int update(String sql, Object... params) throws SQLException {
        return run(sql, Statement.NO_GENERATED_KEYS, params, PreparedStatement::executeUpdate);
    }

    /** Runs an INSERT of one row and returns the id the database generated for it. */
    long insertReturningId(String sql, Object... params) throws SQLException {
        return run(sql, Statement.RETURN_GENERATED_KEYS, params, ps -> {
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no generated id from: " + sql);
                }
                return keys.getLong(1);
            }
        });
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. Inside a
     * transaction already, the work joins it: a second connection would wait on the first one's locks.
     */
    <T> T inTransaction(Transaction<T> work) throws SQLException {
        if (transaction != null) {
            return work.run(this);
        }
        Object generation = db.generation();
        try {
            return runTransaction(work);
        } catch (SQLException e) {
            if (!Database.closedByH2(e)) {
                throw e;
            }
            db.reopen(generation); // rolled back with the closed database: the whole work runs once more
            return runTransaction(work);
        }
    }

    private <T> T runTransaction(Transaction<T> work) throws SQLException {
        // closing hands the connection back to H2's pool, which restores auto-commit for the next borrower
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(new Sql(db, c));
                c.commit();
                return result;
            } catch (Throwable e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        }
    }

    /** DELETE of many rows by id, 500 ids per statement; for the table's owner only. Returns how many went. */
    static int deleteByIds(Sql tx, String table, List<Long> ids) throws SQLException {
        int n = 0;
        for (int i = 0; i < ids.size(); i += 500) {
            List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + 500));
            n += tx.update("DELETE FROM " + table + " WHERE id IN (" + "?,".repeat(chunk.size() - 1) + "?)",
                    chunk.toArray());
        }
        return n;
    }

    private <T> T run(String sql, int generatedKeys, Object[] params, StatementWork<T> work) throws SQLException {
        if (transaction != null) {
            return run(transaction, sql, generatedKeys, params, work);
        }
        Object generation = db.generation();
        try (Connection c = db.connection()) {
            return run(c, sql, generatedKeys, params, work);
        } catch (SQLException e) {
            if (!Database.closedByH2(e)) {
                throw e;
            }
            // H2 closed the database after a failed write (a full disk): open the file again and retry once; a
            // statement that failed with the database is not applied, so running it again cannot apply it twice
            db.reopen(generation);
            try (Connection c = db.connection()) {
                return run(c, sql, generatedKeys, params, work);
            }
        }
    }

    private static <T> T run(Connection c, String sql, int generatedKeys, Object[] params, StatementWork<T> work)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, generatedKeys)) {
            for (int i = 0; i < params.length; i++) {
                bind(ps, i + 1, params[i]);
            }
            return work.run(ps);
        }
    }

    private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NULL);
        } else if (value instanceof Instant t) {
            ps.setObject(index, SqlTime.utc(t));
        } else if (value instanceof Enum<?> e) {
            ps.setString(index, e.name());
        } else if (value instanceof URI u) {
            ps.setString(index, u.toString());
        } else if (value instanceof byte[] b) {
            ps.setBytes(index, b);
        } else {
            ps.setObject(index, value);
        }
    }
}
