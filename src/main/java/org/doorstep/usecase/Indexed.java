package org.doorstep.usecase;

import java.sql.SQLException;
import org.doorstep.common.StoreException;

/** Runs a read or write of the index for a use case, so that no face has to know about JDBC. */
public final class Indexed {
    private Indexed() {}

    @FunctionalInterface
    public interface Call<T> {
        T run() throws SQLException;
    }

    @FunctionalInterface
    public interface Action {
        void run() throws SQLException;
    }

    public static <T> T get(Call<T> call) {
        try {
            return call.run();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    public static void run(Action action) {
        get(() -> {
            action.run();
            return null;
        });
    }
}
