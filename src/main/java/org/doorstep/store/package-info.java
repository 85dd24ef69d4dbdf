/**
 * What Doorstep keeps: the H2 database ({@link org.doorstep.store.Database}), the settings file, the data directory
 * and the encrypted segment files.
 *
 * <p>Every table has one owner, the only class whose SQL writes it, so that what a row means is decided in one
 * place. Other classes read a table through its owner too: {@link org.doorstep.store.TimelineQuery} composes
 * {@link org.doorstep.store.SegmentIndex}, {@link org.doorstep.store.EventRepository} and
 * {@link org.doorstep.store.ActivityRepository} (each owner groups its own rows by the timeline's time buckets)
 * rather than querying their tables. The owners run their SQL through {@code Sql}, which binds and converts values the same way for all.
 *
 * <pre>
 * table                  owner
 * camera                 CameraRepository
 * segment                SegmentIndex
 * recording_gap          SegmentIndex
 * event                  EventRepository
 * motion_activity        ActivityRepository
 * timeline_rollup        TimelineRollups (derived: the per-grain cells of segment, motion_activity and event, recomputed
 *                        by their owners' writes in the same transaction through TimelineRollups.refresh)
 * timeline_rollup_state  TimelineRollups (whether the cells match the raw rows; rebuilt at start when not)
 * erase_receipt          EraseReceipts (append-only hash chain)
 * kept_clip              KeptClipRepository (evidence holds; an erase cuts them, retention reads them)
 * audit_log              AuditLog (views, exports, erases, privacy settings, stopped recording, lock events, written
 *                        through usecase.audit.Audit; older than its retention deleted; rows naming an erased
 *                        range are rewritten)
 * person                 PersonRepository (who may unlock with a PIN, role, PIN hash, failed tries; written
 *                        through usecase.lock.People; emptied when the lock is cleared or reset)
 * analysed_stream        AnalysedStreams (the stream each camera's motion analysis last opened: size, frame rate;
 *                        read for the motion cost doctor estimates)
 * flyway_schema_history  Flyway, run by Database.open
 * </pre>
 *
 * <p>Deleting a camera also removes its segment, recording_gap, event, motion_activity, timeline_rollup and
 * analysed_stream rows, by the schema's ON DELETE CASCADE rather than by a second writer.
 */
package org.doorstep.store;
