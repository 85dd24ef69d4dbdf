package org.doorstep.onvif;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Collection;
import java.util.Set;

/**
 * The one place that decides which addresses Doorstep may send packets to: private (RFC 1918), link-local,
 * loopback, IPv6 unique-local and link-local, plus the WS-Discovery multicast groups, and whatever the user
 * explicitly allowed. Discovery and the HTTP client both ask here before every send or connect.
 */
public final class AddressPolicy {
    private final Set<InetAddress> explicitlyAllowed;
    private final Set<InetAddress> explicitlyDenied;

    public AddressPolicy(Collection<InetAddress> explicitlyAllowed) {
        this(explicitlyAllowed, Set.of());
    }

    private AddressPolicy(Collection<InetAddress> allowed, Collection<InetAddress> denied) {
        this.explicitlyAllowed = Set.copyOf(allowed);
        this.explicitlyDenied = Set.copyOf(denied);
    }

    /** LAN only, nothing extra. */
    public static AddressPolicy lanOnly() {
        return new AddressPolicy(Set.of());
    }

    public AddressPolicy allowing(InetAddress extra) {
        var all = new java.util.HashSet<>(explicitlyAllowed);
        all.add(extra);
        return new AddressPolicy(all, explicitlyDenied);
    }

    /** The same policy with one more address the user blocked (e.g. a device they do not want touched). */
    public AddressPolicy denying(InetAddress blocked) {
        var all = new java.util.HashSet<>(explicitlyDenied);
        all.add(blocked);
        return new AddressPolicy(explicitlyAllowed, all);
    }

    public boolean isAllowed(InetAddress a) {
        if (a == null) {
            return false;
        }
        if (explicitlyDenied.contains(a)) {
            return false;
        }
        if (explicitlyAllowed.contains(a)) {
            return true;
        }
        if (a.isLoopbackAddress() || a.isLinkLocalAddress()) {
            return true;
        }
        if (a instanceof Inet4Address) {
            return a.isSiteLocalAddress() || isDiscoveryGroup(a);
        }
        if (a instanceof Inet6Address) {
            byte[] b = a.getAddress();
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc; // fc00::/7
            return uniqueLocal || isDiscoveryGroup(a);
        }
        return false;
    }

    /** Throws unless the address may be contacted. */
    public void require(InetAddress a) throws AddressNotAllowedException {
        if (!isAllowed(a)) {
            throw new AddressNotAllowedException(a == null ? "?" : a.getHostAddress());
        }
    }

    /** 239.255.255.250 and ff02::c, the link/site-scoped WS-Discovery groups. */
    public static boolean isDiscoveryGroup(InetAddress a) {
        return a.equals(WsDiscovery.GROUP_V4) || a.equals(WsDiscovery.GROUP_V6);
    }
}
