package org.doorstep.sim.onvif;

import java.time.Duration;

/**
 * What embedded HTTP servers in real cameras do that a well-behaved server does not, for tests of the event path.
 *
 * @param closeAfterEachReply  drop the connection after every reply, without a {@code Connection: close} header
 *                             (keep-alive ignored: the client learns it only when it sends the next request)
 * @param cutLongPollsAfter    a PullMessages still waiting after this long loses its connection without an answer
 *                             (null: long polls run their full time)
 * @param unansweredAfterBoot  this many first requests after start are read and then dropped unanswered, as a camera
 *                             that has just booted sometimes does
 */
public record HttpQuirks(boolean closeAfterEachReply, Duration cutLongPollsAfter, int unansweredAfterBoot) {
    public static final HttpQuirks NONE = new HttpQuirks(false, null, 0);

    public HttpQuirks {
        if (unansweredAfterBoot < 0) {
            throw new IllegalArgumentException("unansweredAfterBoot must not be negative");
        }
    }

    public boolean any() {
        return closeAfterEachReply || cutLongPollsAfter != null || unansweredAfterBoot > 0;
    }

    public HttpQuirks withCloseAfterEachReply() {
        return new HttpQuirks(true, cutLongPollsAfter, unansweredAfterBoot);
    }

    public HttpQuirks withLongPollsCutAfter(Duration after) {
        return new HttpQuirks(closeAfterEachReply, after, unansweredAfterBoot);
    }

    public HttpQuirks withUnansweredAfterBoot(int requests) {
        return new HttpQuirks(closeAfterEachReply, cutLongPollsAfter, requests);
    }
}
