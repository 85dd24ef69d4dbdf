package org.doorstep.onvif;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** An IPv4 CIDR block small enough to probe host by host (/22 or narrower). */
public record Subnet(int network, int prefix) {
    public static final int WIDEST_PREFIX = 22;

    public static Subnet parse(String cidr) {
        String[] parts = cidr.trim().split("/");
        if (parts.length != 2 || !WsDiscovery.isIpv4Literal(parts[0])) {
            throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr);
        }
        int prefix;
        try {
            prefix = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IPv4 CIDR: " + cidr, e);
        }
        if (prefix < WIDEST_PREFIX || prefix > 32) {
            throw new IllegalArgumentException("subnet must be /" + WIDEST_PREFIX + " to /32: " + cidr);
        }
        byte[] b = WsDiscovery.literal(parts[0]).getAddress();
        int ip = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        return new Subnet(ip & mask, prefix);
    }

    /** Host addresses: without network and broadcast address for /30 and wider. */
    public List<InetAddress> hosts() {
        int size = 1 << (32 - prefix);
        int first = 0;
        int last = size - 1;
        if (prefix <= 30) {
            first = 1;
            last = size - 2;
        }
        List<InetAddress> out = new ArrayList<>(last - first + 1);
        for (int i = first; i <= last; i++) {
            int ip = network + i;
            try {
                out.add(Inet4Address.getByAddress(new byte[] {
                    (byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip}));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return ((network >>> 24) & 0xff) + "." + ((network >>> 16) & 0xff) + "." + ((network >>> 8) & 0xff) + "."
                + (network & 0xff) + "/" + prefix;
    }
}
