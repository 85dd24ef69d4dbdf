package org.doorstep.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The person table: who may unlock with a PIN, their role, the PIN's slow hash and the failed tries (kept in the
 * database so that a restart does not reset a lockout). Names are unique regardless of case.
 */
public final class PersonRepository {
    private final Sql sql;

    public PersonRepository(Database db) {
        this.sql = new Sql(db);
    }

    /** Stores a new person; answers it with its id. */
    public Person insert(String name, String role, AccessSettings.PasswordHash pin, Instant now) throws SQLException {
        long id = sql.insertReturningId("INSERT INTO person (name, role, pin_algorithm, pin_cost, pin_salt, pin_hash,"
                + " failed_tries, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)", name, role, pin.algorithm(),
                pin.cost(), pin.salt(), pin.hash(), now);
        return new Person(id, name, role, pin, 0, null, now);
    }

    /** Everyone, by name. */
    public List<Person> all() throws SQLException {
        return sql.query("SELECT * FROM person ORDER BY name", PersonRepository::read);
    }

    /** The person called {@code name} (any case). */
    public Optional<Person> byName(String name) throws SQLException {
        return sql.queryOptional("SELECT * FROM person WHERE name = ?", PersonRepository::read, name);
    }

    /** A new PIN; the failed tries and any lockout go with the old one. */
    public void changePin(long id, AccessSettings.PasswordHash pin) throws SQLException {
        sql.update("UPDATE person SET pin_algorithm = ?, pin_cost = ?, pin_salt = ?, pin_hash = ?, failed_tries = 0,"
                + " locked_until = NULL WHERE id = ?", pin.algorithm(), pin.cost(), pin.salt(), pin.hash(), id);
    }

    public void changeRole(long id, String role) throws SQLException {
        sql.update("UPDATE person SET role = ? WHERE id = ?", role, id);
    }

    /** Notes the failed tries so far and until when the PIN is refused (null: not yet). */
    public void failed(long id, int failedTries, Instant lockedUntil) throws SQLException {
        sql.update("UPDATE person SET failed_tries = ?, locked_until = ? WHERE id = ?", failedTries, lockedUntil, id);
    }

    /** A right PIN: the count starts again. */
    public void succeeded(long id) throws SQLException {
        sql.update("UPDATE person SET failed_tries = 0, locked_until = NULL WHERE id = ?", id);
    }

    public boolean delete(long id) throws SQLException {
        return sql.update("DELETE FROM person WHERE id = ?", id) == 1;
    }

    /** Removes everyone (the lock was cleared or reset); answers how many went. */
    public int deleteAll() throws SQLException {
        return sql.update("DELETE FROM person");
    }

    private static Person read(ResultSet rs) throws SQLException {
        return new Person(rs.getLong("id"), rs.getString("name"), rs.getString("role"),
                new AccessSettings.PasswordHash(rs.getString("pin_algorithm"), rs.getInt("pin_cost"),
                        rs.getString("pin_salt"), rs.getString("pin_hash")),
                rs.getInt("failed_tries"), SqlTime.instant(rs, "locked_until"), SqlTime.instant(rs, "created_at"));
    }
}
