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
    private JdbcConnectionPool pool; // guarded by this; replaced by compact()
    private boolean compacting; // guarded by this

    private Database(String url, java.nio.file.Path file, JdbcConnectionPool pool) {
        this.url = url;
        this.file = file;
        this.pool = pool;
    }

    public static Database open(DataDir dir) {
        // FILE_LOCK=FS: H2's own lock on top of ours; DB_CLOSE_ON_EXIT=FALSE lets our shutdown hook close it in order.
        String url = "jdbc:h2:file:" + dir.database() + ";DB_CLOSE_ON_EXIT=FALSE;FILE_LOCK=FS";
        JdbcConnectionPool pool = pool(url);
        Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return new Database(url, java.nio.file.Path.of(dir.database() + ".mv.db"), pool);
    }

    private static JdbcConnectionPool pool(String url) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "doorstep", "");
        pool.setMaxConnections(16);
        return pool;
    }

    public Connection connection() throws SQLException {
        JdbcConnectionPool p;
        synchronized (this) {
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

    @Override
    public synchronized void close() {
        pool.dispose();
    }
}
