package org.doorstep.usecase.live;

/** Which of a camera's streams to show: the small sub stream (grid tiles) or the full main stream (one camera). */
public enum Quality {
    SUB,
    MAIN
}
