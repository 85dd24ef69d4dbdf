package org.doorstep.usecase.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@code doorstep repair} did: where the damaged index database went, what was rebuilt from the segment files,
 * and what could not be.
 *
 * @param damaged       false when the index database opened normally (then nothing was changed)
 * @param movedTo       the folder the damaged database file was moved into (kept, never deleted), or null
 * @param cameras       cameras given back as "Recovered camera N" (their folders under segments/)
 * @param segments      segment files indexed again
 * @param footage       how much recorded time they hold
 * @param unreadable    segment files that could not be read (no key, nothing decodable), left untouched or
 *                      removed when their key was erased on purpose
 * @param notRebuilt    sentences: what lived only in the database and is not in the segment files
 */
public record RepairReport(boolean damaged, Path movedTo, int cameras, int segments, Duration footage, int unreadable,
                           List<String> notRebuilt) {}
