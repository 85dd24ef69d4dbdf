package org.doorstep.common.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** What "the local network" means for Doorstep, in one place. */
public final class LanAddresses {
    private LanAddresses() {
    }

    /**
     * Loopback, link-local, RFC 1918 private IPv4 and IPv6 unique-local (fc00::/7). Multicast, public and the
     * unspecified address are not local.
     */
    public static boolean isLocal(InetAddress a) {
        if (a == null || a.isAnyLocalAddress()) {
            return false;
        }
        if (a.isLoopbackAddress() || a.isLinkLocalAddress()) {
            return true;
        }
        if (a instanceof Inet4Address) {
            return a.isSiteLocalAddress();
        }
        if (a instanceof Inet6Address) {
            byte[] b = a.getAddress();
            return (b[0] & 0xfe) == 0xfc;
        }
        return false;
    }
}
