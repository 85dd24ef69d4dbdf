package org.doorstep.usecase.erase;

/** Progress of an erase: the step it is in and how far all of it is (0..1). */
@FunctionalInterface
public interface EraseProgress {
    /** The steps, in order. Cancelling is possible up to (not including) {@link #KEYS}; after that it rolls forward. */
    enum Step { PREPARE, KEEP, KEYS, FILES, THUMBNAILS, ROWS, EXPORTS, LOGS, RECEIPT, COMPACT, DONE }

    void at(Step step, double fraction);

    EraseProgress NONE = (step, fraction) -> { };
}
