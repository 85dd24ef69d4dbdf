package org.doorstep.ui.live;

/**
 * What a tile's badge says: a kind (which picks the icon and the colour, so the state never rests on colour alone)
 * and the translated text.
 */
public record TileBadge(Kind kind, String text) {
    public enum Kind {
        LIVE,
        CONNECTING,
        PAUSED,
        UNREACHABLE,
        WRONG_PASSWORD,
        STREAM_ENDED,
        UNDECODABLE,
        NOT_ALLOWED,
        /** The owner hid this camera's live picture (recording goes on). */
        HIDDEN
    }

    /** True when something is wrong (the badge is shown as a warning). */
    public boolean problem() {
        return switch (kind) {
            case LIVE, CONNECTING, PAUSED, HIDDEN -> false;
            default -> true;
        };
    }
}
