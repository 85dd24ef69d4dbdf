package org.doorstep.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The embedded H2 file database, migrated by Flyway on open. Callers borrow pooled connections and
 * close them when done.
 */
public final class Database implements AutoCloseable {
    private final JdbcConnectionPool pool;

    private Database(JdbcConnectionPool pool) {
        this.pool = pool;
    }

    public static Database open(DataDir dir) {
        // FILE_LOCK=FS: H2's own lock on top of ours; DB_CLOSE_ON_EXIT=FALSE lets our shutdown hook close it in order.
        String url = "jdbc:h2:file:" + dir.database() + ";DB_CLOSE_ON_EXIT=FALSE;FILE_LOCK=FS";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "doorstep", "");
        pool.setMaxConnections(16);
        Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return new Database(pool);
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
