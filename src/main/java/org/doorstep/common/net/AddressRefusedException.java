package org.doorstep.common.net;

/**
 * A connection was refused before it was made: the host resolves to an address outside the local network (and the
 * user did not allow it), the address uses a protocol Doorstep does not speak to cameras, or it names no host.
 * The message is for logs; callers put their own sentence in front of the user.
 */
public final class AddressRefusedException extends Exception {
    /** Why, so each face can say it in its own words. */
    public enum Why { OUTSIDE_LAN, NO_HOST, SCHEME }

    private final Why why;
    private final String host;

    public AddressRefusedException(Why why, String host, String message) {
        super(message);
        this.why = why;
        this.host = host;
    }

    public Why why() {
        return why;
    }

    /** The host as the user gave it (never with credentials); may be null. */
    public String host() {
        return host;
    }
}
