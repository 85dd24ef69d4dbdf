package org.doorstep.usecase.setup;

import org.doorstep.common.UserException;

/**
 * Why a camera could not be checked, as one sentence with the next step; {@link #kind()} lets the window offer
 * that next step (the brand stream addresses when ONVIF is off, the password field when it was wrong).
 */
public final class SetupProblem extends UserException {
    /** What went wrong, as far as the camera tells. */
    public enum Kind { WRONG_PASSWORD, ONVIF_OFF, CLOUD_ONLY, UNREACHABLE, NO_VIDEO, NO_BRAND_STREAM, OTHER }

    private final Kind kind;

    public SetupProblem(Kind kind, String sentence) {
        super(sentence);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
