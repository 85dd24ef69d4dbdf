package org.doorstep.common.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * A host name resolved once and checked: every address it resolves to must pass the check (a name that also
 * resolves to a public address is refused as a whole), and the connection then goes to the checked address, never
 * to a fresh lookup, so a second DNS answer cannot swap the target after the check (DNS rebinding).
 *
 * @param host    the host as written in the URL (for messages; no credentials)
 * @param address the checked address to connect to
 */
public record PinnedHost(String host, InetAddress address) {

    /**
     * Resolves {@code url}'s host and checks every address.
     *
     * @throws AddressRefusedException when the URL names no host or an address is not allowed
     * @throws UnknownHostException    when the name does not resolve (nothing was contacted)
     */
    public static PinnedHost resolve(URI url, AddressCheck check) throws AddressRefusedException,
            UnknownHostException {
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            throw new AddressRefusedException(AddressRefusedException.Why.NO_HOST, null, "the address names no host");
        }
        return resolve(host, check);
    }

    /** As {@link #resolve(URI, AddressCheck)} for a bare host name or IP literal (IPv6 with or without brackets). */
    public static PinnedHost resolve(String host, AddressCheck check) throws AddressRefusedException,
            UnknownHostException {
        return resolve(host, check, InetAddress::getAllByName);
    }

    /** The system's name lookup, or another one (tests: a name that resolves to a public address). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] all(String host) throws UnknownHostException;
    }

    /** As {@link #resolve(String, AddressCheck)}, looking names up with {@code resolver}. */
    public static PinnedHost resolve(String host, AddressCheck check, Resolver resolver)
            throws AddressRefusedException, UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] all = resolver.all(bare);
        if (all == null || all.length == 0) {
            throw new UnknownHostException(host);
        }
        for (InetAddress a : all) {
            if (!check.isAllowed(a)) {
                throw new AddressRefusedException(AddressRefusedException.Why.OUTSIDE_LAN, host,
                        host + " resolves to " + a.getHostAddress() + ", outside the local network");
            }
        }
        return new PinnedHost(host, all[0]);
    }

    /** The address as it goes into a URL: IPv6 in brackets. */
    public String urlHost() {
        String h = address.getHostAddress();
        return h.indexOf(':') >= 0 ? "[" + h + "]" : h;
    }
}
