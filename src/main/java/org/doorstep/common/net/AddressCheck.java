package org.doorstep.common.net;

import java.net.InetAddress;

/**
 * Whether Doorstep may open a connection to an address. The LAN-only rule ({@link #LAN_ONLY}) is the default
 * everywhere; the ONVIF side extends it with its discovery groups and the user's explicit choices
 * ({@code onvif.AddressPolicy}), a camera the user explicitly allowed on another network widens it for that
 * camera's connections only ({@link #anyAddress}).
 */
@FunctionalInterface
public interface AddressCheck {
    /** Private, link-local, loopback and IPv6 unique-local addresses. */
    AddressCheck LAN_ONLY = LanAddresses::isLocal;

    boolean isAllowed(InetAddress address);

    /**
     * Every address: for one camera whose owner explicitly allowed an address outside the local network ("allow
     * internet address"), and for that camera's connections only.
     */
    static AddressCheck anyAddress() {
        return a -> a != null;
    }
}
