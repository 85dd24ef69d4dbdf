package org.doorstep.usecase.live;

/**
 * What one live stream is doing, for a tile's badge.
 *
 * @param state   what it does now
 * @param problem why it is not live (NONE while live or connecting for the first time)
 * @param hwAccel the hardware decoder in use ("cuda", …), or null for software
 */
public record LiveStatus(State state, Problem problem, String hwAccel) {
    public enum State {
        /** Opening the stream. */
        CONNECTING,
        /** Frames arrive. */
        LIVE,
        /** Not visible: nothing is decoded (the connection is closed until it is visible again). */
        PAUSED,
        /** Lost or refused; tried again after a pause. */
        RECONNECTING,
        /** Closed by its owner. */
        CLOSED
    }

    public enum Problem {
        NONE,
        /** No answer, refused, not there. */
        UNREACHABLE,
        /** The camera refused the user name or password. */
        WRONG_PASSWORD,
        /** The stream stopped (the camera closed it, or nothing came for too long). */
        STREAM_ENDED,
        /** The video cannot be decoded. */
        UNDECODABLE,
        /** The address is outside the local network, which Doorstep does not contact. */
        NOT_ALLOWED
    }

    public static final LiveStatus CONNECTING = new LiveStatus(State.CONNECTING, Problem.NONE, null);
    public static final LiveStatus PAUSED = new LiveStatus(State.PAUSED, Problem.NONE, null);
    public static final LiveStatus CLOSED = new LiveStatus(State.CLOSED, Problem.NONE, null);

    public static LiveStatus reconnecting(Problem problem) {
        return new LiveStatus(State.RECONNECTING, problem, null);
    }

    public static LiveStatus live(String hwAccel) {
        return new LiveStatus(State.LIVE, Problem.NONE, hwAccel);
    }
}
