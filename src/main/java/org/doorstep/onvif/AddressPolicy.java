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
    /** Host names (lower case) or literals the user allowed outside the LAN, whatever they resolve to. */
    private final Set<String> allowedHosts;
    /** What counts as the local network; {@link LanAddresses#isLocal} except in tests. */
    private final AddressCheck lan;

    public AddressPolicy(Collection<InetAddress> explicitlyAllowed) {
        this(explicitlyAllowed, Set.of(), Set.of(), LanAddresses::isLocal);
    }

    private AddressPolicy(Collection<InetAddress> allowed, Collection<InetAddress> denied, Collection<String> hosts,
                          AddressCheck lan) {
        this.explicitlyAllowed = Set.copyOf(allowed);
        this.explicitlyDenied = Set.copyOf(denied);
        this.allowedHosts = Set.copyOf(hosts);
        this.lan = lan;
    }

    /** LAN only, nothing extra. */
    public static AddressPolicy lanOnly() {
        return new AddressPolicy(Set.of());
    }

    /**
     * LAN only, with {@code lanClassification} deciding what the local network is: tests treat a loopback address
     * as "outside" to try what happens to a camera on another network without leaving the machine.
     */
    public static AddressPolicy lanOnly(AddressCheck lanClassification) {
        return new AddressPolicy(Set.of(), Set.of(), Set.of(), lanClassification);
    }

    public AddressPolicy allowing(InetAddress extra) {
        var all = new java.util.HashSet<>(explicitlyAllowed);
        all.add(extra);
        return new AddressPolicy(all, explicitlyDenied, allowedHosts, lan);
    }

    /**
     * The same policy plus one host outside the local network, by the name (or literal) the user configured: a
     * camera they explicitly allowed there ("allow internet address"). Only that host is added — an address the
     * camera hands out for another host (a snapshot or service URL) still has to be on the LAN.
     */
    public AddressPolicy allowingHost(String host) {
        var all = new java.util.HashSet<>(allowedHosts);
        all.add(normalHost(host));
        return new AddressPolicy(explicitlyAllowed, explicitlyDenied, all, lan);
    }

    /** The same policy with one more address the user blocked (e.g. a device they do not want touched). */
    public AddressPolicy denying(InetAddress blocked) {
        var all = new java.util.HashSet<>(explicitlyDenied);
        all.add(blocked);
        return new AddressPolicy(explicitlyAllowed, all, allowedHosts, lan);
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
        return lan.isAllowed(a) || isDiscoveryGroup(a);
    }

    /** Whether {@code a}, which {@code host} (a name or a literal as written in a URL) resolved to, may be contacted. */
    public boolean isAllowed(String host, InetAddress a) {
        if (a != null && !explicitlyDenied.contains(a) && host != null && allowedHosts.contains(normalHost(host))) {
            return true;
        }
        return isAllowed(a);
    }

    /** Throws unless the address may be contacted. */
    public void require(InetAddress a) throws AddressNotAllowedException {
        if (!isAllowed(a)) {
            throw new AddressNotAllowedException(a == null ? "?" : a.getHostAddress());
        }
    }

    /** Throws unless the address {@code host} resolved to may be contacted. */
    public void require(String host, InetAddress a) throws AddressNotAllowedException {
        if (!isAllowed(host, a)) {
            throw new AddressNotAllowedException(a == null ? "?" : a.getHostAddress());
        }
    }

    private static String normalHost(String host) {
        String h = host.strip().toLowerCase(java.util.Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    /** 239.255.255.250 and ff02::c, the link/site-scoped WS-Discovery groups. */
    public static boolean isDiscoveryGroup(InetAddress a) {
        return a.equals(WsDiscovery.GROUP_V4) || a.equals(WsDiscovery.GROUP_V6);
    }
}
