package org.doorstep.onvif;

/** Doorstep only talks to LAN addresses unless the user explicitly allowed this one. */
public final class AddressNotAllowedException extends OnvifException {
    public AddressNotAllowedException(String address) {
        super("address.refused", "address not allowed: " + address, null, address);
    }
}
