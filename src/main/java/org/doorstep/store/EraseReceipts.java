package org.doorstep.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The erase_receipt table: an append-only hash chain. Each receipt's hash is SHA-256 over the previous receipt's
 * hash and its own fields, so removing or changing a receipt breaks every hash after it ({@link #verify}).
 */
public final class EraseReceipts {
    private final Sql sql;

    public EraseReceipts(Database db) {
        this.sql = new Sql(db);
    }

    /** Appends a receipt (its prevHash and hash are computed here) and returns it as stored. */
    public EraseReceipt append(EraseReceipt receipt) throws SQLException {
        // stored with millisecond precision (the column rounds), so hashed as stored
        EraseReceipt r = new EraseReceipt(receipt.receiptId(), receipt.createdAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                receipt.scope(), receipt.rangeStart(), receipt.rangeEnd(), receipt.segments(), receipt.events(),
                receipt.thumbnails(), receipt.bytes(), receipt.method(), receipt.destroyedKeyIds(), null, null);
        return sql.inTransaction(tx -> {
            String prev = tx.queryOptional("SELECT hash FROM erase_receipt ORDER BY id DESC LIMIT 1 FOR UPDATE",
                    row -> row.getString(1)).orElse("");
            EraseReceipt chained = new EraseReceipt(r.receiptId(), r.createdAt(), r.scope(), r.rangeStart(),
                    r.rangeEnd(), r.segments(), r.events(), r.thumbnails(), r.bytes(), r.method(),
                    r.destroyedKeyIds(), prev, null);
            String hash = hash(chained);
            tx.update("INSERT INTO erase_receipt (receipt_id, created_at, scope, range_start, range_end, segments, events,"
                            + " thumbnails, bytes, method, destroyed_key_ids, prev_hash, hash)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    r.receiptId(), r.createdAt(), r.scope(), r.rangeStart(), r.rangeEnd(), r.segments(), r.events(),
                    r.thumbnails(), r.bytes(), r.method(), String.join(",", r.destroyedKeyIds()), prev, hash);
            return new EraseReceipt(r.receiptId(), r.createdAt(), r.scope(), r.rangeStart(), r.rangeEnd(),
                    r.segments(), r.events(), r.thumbnails(), r.bytes(), r.method(), r.destroyedKeyIds(), prev, hash);
        });
    }

    /** All receipts, oldest first. */
    public List<EraseReceipt> all() throws SQLException {
        return sql.query("SELECT * FROM erase_receipt ORDER BY id", EraseReceipts::read);
    }

    public boolean exists(String receiptId) throws SQLException {
        return sql.queryOptional("SELECT 1 FROM erase_receipt WHERE receipt_id = ?", row -> true, receiptId).isPresent();
    }

    /** Whether every receipt's hash matches its content and the hash before it. */
    public boolean verify() throws SQLException {
        String prev = "";
        for (EraseReceipt r : all()) {
            if (!r.prevHash().equals(prev) || !hash(r).equals(r.hash())) {
                return false;
            }
            prev = r.hash();
        }
        return true;
    }

    static String hash(EraseReceipt r) {
        String text = String.join("|", r.prevHash(), r.receiptId(), String.valueOf(r.createdAt().toEpochMilli()),
                r.scope(), String.valueOf(r.rangeStart() == null ? "" : r.rangeStart().toEpochMilli()),
                String.valueOf(r.rangeEnd() == null ? "" : r.rangeEnd().toEpochMilli()),
                String.valueOf(r.segments()), String.valueOf(r.events()), String.valueOf(r.thumbnails()),
                String.valueOf(r.bytes()), r.method(), String.join(",", r.destroyedKeyIds()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static EraseReceipt read(ResultSet rs) throws SQLException {
        String keys = rs.getString("destroyed_key_ids");
        return new EraseReceipt(rs.getString("receipt_id"), SqlTime.instant(rs, "created_at"), rs.getString("scope"),
                SqlTime.instant(rs, "range_start"), SqlTime.instant(rs, "range_end"), rs.getInt("segments"),
                rs.getInt("events"), rs.getInt("thumbnails"), rs.getLong("bytes"), rs.getString("method"),
                keys == null || keys.isEmpty() ? List.of() : Arrays.asList(keys.split(",")),
                rs.getString("prev_hash"), rs.getString("hash"));
    }
}
