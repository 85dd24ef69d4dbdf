package org.doorstep.store;

import java.time.Instant;
import java.util.List;

/**
 * What an erase did, without personal data: when, a coarse scope (cameras and UTC days, never the minute), counts,
 * bytes, the ids of the destroyed keys and the method. {@code hash} chains it to the receipt before it.
 */
public record EraseReceipt(String receiptId, Instant createdAt, String scope, Instant rangeStart, Instant rangeEnd,
                           int segments, int events, int thumbnails, long bytes, String method,
                           List<String> destroyedKeyIds, String prevHash, String hash) {}
