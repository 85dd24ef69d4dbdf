package org.doorstep.sim;

/** Progress of the one-time scene rendering; {@code done} of {@code total} frames of all clips. */
@FunctionalInterface
public interface RenderProgress {
    RenderProgress NONE = (done, total) -> { };

    void update(int done, int total);
}
