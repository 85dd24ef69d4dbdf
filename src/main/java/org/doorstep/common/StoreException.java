package org.doorstep.common;

/**
 * The index database failed (disk full, file damaged, closed). Use cases turn SQL failures into this so the faces
 * never deal with JDBC; the faces show a sentence and keep the details in the log.
 */
public class StoreException extends RuntimeException {
    public StoreException(Throwable cause) {
        super(cause.getMessage(), cause);
    }
}
