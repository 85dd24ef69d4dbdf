package org.doorstep.onvif;

import java.net.InetAddress;
import java.util.Collection;
import java.util.Set;
import org.doorstep.common.net.AddressCheck;
import org.doorstep.common.net.LanAddresses;

/**
 * The one place that decides which addresses Doorstep may send packets to: private (RFC 1918), link-local,
 * loopback, IPv6 unique-local and link-local, plus the WS-Discovery multicast groups, and whatever the user
 * explicitly allowed. Discovery and the HTTP client both ask here before every send or connect.
 */
public final class AddressPolicy implements AddressCheck {
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

    @Override
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
        return LanAddresses.isLocal(a) || isDiscoveryGroup(a);
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
