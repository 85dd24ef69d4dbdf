package org.doorstep.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The embedded H2 file database, migrated by Flyway on open. Callers borrow pooled connections and
 * close them when done.
 */
public final class Database implements AutoCloseable {
    private static final long COMPACT_WAIT_MILLIS = 30_000;
    private final String url;
    private final java.nio.file.Path file;
    private JdbcConnectionPool pool; // guarded by this; replaced by compact() and reopen()
    private boolean compacting; // guarded by this
    private boolean closed; // guarded by this
    private int reopened; // guarded by this

    private Database(String url, java.nio.file.Path file, JdbcConnectionPool pool) {
        this.url = url;
        this.file = file;
        this.pool = pool;
    }

    public static Database open(DataDir dir) {
        // FILE_LOCK=FS: H2's own lock on top of ours; DB_CLOSE_ON_EXIT=FALSE lets our shutdown hook close it in order.
        String url = "jdbc:h2:file:" + dir.database() + ";DB_CLOSE_ON_EXIT=FALSE;FILE_LOCK=FS";
        java.nio.file.Path file = java.nio.file.Path.of(dir.database() + ".mv.db");
        long sizeBefore = sizeOf(file);
        JdbcConnectionPool pool = pool(url);
        try {
            if (sizeBefore > 0 && !migratedBefore(url)) {
                // H2 opens a file cut short at its last complete chunk, and with none left as an empty database:
                // migrating that would start a fresh index over the recordings as if they were never made
                throw new IllegalStateException("it holds " + sizeBefore + " bytes but opens as an empty database"
                        + " (cut short?)");
            }
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            pool.dispose();
            throw new UnreadableException(file, e);
        }
        return new Database(url, file, pool);
    }

    /**
     * The index database file exists but cannot be opened or migrated (cut short by a crash or a full disk,
     * damaged on the disk). Carries the file and H2's own first line about it, without class names.
     */
    public static final class UnreadableException extends RuntimeException {
        private final java.nio.file.Path file;

        UnreadableException(java.nio.file.Path file, RuntimeException cause) {
            super("the index database " + file + " cannot be opened: " + rootMessage(cause), cause);
            this.file = file;
        }

        public java.nio.file.Path file() {
            return file;
        }

        /** What H2 said, first line only (H2 appends the SQL and its version). */
        public String reason() {
            return rootMessage(getCause());
        }

        private static String rootMessage(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            return m.strip().lines().findFirst().orElse(m).replaceAll("\\s*\\[[0-9./-]+]$", "");
        }
    }

    private static long sizeOf(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.isRegularFile(file) ? java.nio.file.Files.size(file) : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /**
     * Whether Flyway's history table is there (every index Doorstep ever opened has it), asked read-only: a
     * writable open of a damaged file adds to it, and the damaged file is kept as it was for {@code repair}.
     */
    private static boolean migratedBefore(String url) {
        try (Connection c = java.sql.DriverManager.getConnection(url + ";ACCESS_MODE_DATA=r", "doorstep", "");
             java.sql.ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                     + " WHERE UPPER(TABLE_NAME) = 'FLYWAY_SCHEMA_HISTORY'")) {
            return r.next() && r.getInt(1) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static JdbcConnectionPool pool(String url) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "doorstep", "");
        pool.setMaxConnections(16);
        return pool;
    }

    public Connection connection() throws SQLException {
        JdbcConnectionPool p;
        synchronized (this) {
            if (closed) {
                throw new SQLException("the index database was closed by Doorstep", "08003", 90098);
            }
            while (compacting) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while the database was being compacted");
                }
            }
            p = pool;
        }
        return p.getConnection();
    }

    /**
     * Rewrites the database file without the old copies of changed and deleted rows: H2's MVStore is copy-on-write,
     * so a deleted row's bytes stay in old chunks of the file until the file is compacted. The database is shut down,
     * its live pages are copied into a new file that replaces the old one ({@code MVStoreTool.compact}), and the pool
     * is reopened. New borrowers wait meanwhile; borrowed connections are awaited (at most 30 s). Returns the time it
     * took.
     *
     * <p>Why not {@code SHUTDOWN COMPACT}: it does the same but compresses the new file, and compressed pages cannot
     * be searched byte by byte, which is how the erase tests prove that nothing of an erased range is left in it.
     */
    public synchronized java.time.Duration compact() throws SQLException {
        long t0 = System.nanoTime();
        compacting = true;
        try {
            long deadline = System.currentTimeMillis() + COMPACT_WAIT_MILLIS;
            while (pool.getActiveConnections() > 0 && System.currentTimeMillis() < deadline) {
                try {
                    wait(20); // releases the monitor; connection() callers are held by the flag
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while waiting to compact the database");
                }
            }
            try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                st.execute("SHUTDOWN");
            }
            pool.dispose();
            org.h2.mvstore.MVStoreTool.compact(file.toString(), false);
            pool = pool(url);
            try (Connection c = pool.getConnection()) {
                c.isValid(5); // reopens the file now rather than on the next caller
            }
        } finally {
            compacting = false;
            notifyAll();
        }
        return java.time.Duration.ofNanos(System.nanoTime() - t0);
    }

    /**
     * Whether {@code e} says that H2 closed the database by itself. H2 does that when a write fails (a full disk, an
     * I/O error): every later statement then fails with "The database has been closed" until the file is opened
     * again, which a pool never does on its own.
     */
    public static boolean closedByH2(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && CLOSED_CODES.contains(s.getErrorCode())) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.Set<Integer> CLOSED_CODES = java.util.Set.of(
            org.h2.api.ErrorCode.DATABASE_IS_CLOSED,
            org.h2.api.ErrorCode.DATABASE_CALLED_AT_SHUTDOWN,
            org.h2.api.ErrorCode.OBJECT_CLOSED,
            org.h2.api.ErrorCode.CONNECTION_BROKEN_1);

    /**
     * Opens the database file again after H2 closed it ({@link #closedByH2}). {@code seen} is the pool the failed
     * statement used: when another thread has reopened it meanwhile, nothing is done twice. The file must exist
     * ({@code IFEXISTS}): a database file that vanished is reported, never silently replaced by an empty one.
     */
    synchronized void reopen(Object seen) throws SQLException {
        if (closed) {
            throw new SQLException("the index database was closed by Doorstep", "08003", 90098);
        }
        if (seen != null && seen != pool) {
            return;
        }
        org.slf4j.LoggerFactory.getLogger(Database.class).warn("the index database was closed by H2; reopening {}", file);
        pool.dispose();
        pool = pool(url + ";IFEXISTS=TRUE");
        reopened++;
        try (Connection c = pool.getConnection()) {
            c.isValid(5);
        }
    }

    /** The pool a statement borrows from now; given back to {@link #reopen} to tell whether it was replaced. */
    synchronized Object generation() {
        return pool;
    }

    /** How often the file was reopened after H2 closed it (for tests and the status). */
    public synchronized int reopenCount() {
        return reopened;
    }

    /** The database file ({@code doorstep.mv.db}). */
    public java.nio.file.Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        closed = true;
        pool.dispose();
    }
}
