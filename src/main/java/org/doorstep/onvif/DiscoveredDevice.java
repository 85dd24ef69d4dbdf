package org.doorstep.onvif;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A device that answered WS-Discovery. {@code onvifUrl} already points at the address the reply came from
 * (devices often announce 0.0.0.0 or a stale IP). {@code needsAuth} is null until someone checked.
 */
public record DiscoveredDevice(
        String name,
        String manufacturer,
        String model,
        InetAddress address,
        URI onvifUrl,
        Boolean needsAuth,
        String endpoint,
        List<String> types,
        List<String> scopes,
        List<String> xaddrs) {

    public DiscoveredDevice {
        types = List.copyOf(types);
        scopes = List.copyOf(scopes);
        xaddrs = List.copyOf(xaddrs);
    }

    public DiscoveredDevice withNeedsAuth(Boolean value) {
        return new DiscoveredDevice(name, manufacturer, model, address, onvifUrl, value, endpoint, types, scopes,
                xaddrs);
    }

    /** Same endpoint seen again (another probe, another interface): union of what both replies said. */
    public DiscoveredDevice merge(DiscoveredDevice other) {
        List<String> mergedXaddrs = union(xaddrs, other.xaddrs);
        URI url = WsDiscovery.chooseServiceUrl(mergedXaddrs, address);
        return new DiscoveredDevice(
                name != null ? name : other.name,
                manufacturer != null ? manufacturer : other.manufacturer,
                model != null ? model : other.model,
                address,
                url != null ? url : onvifUrl,
                needsAuth != null ? needsAuth : other.needsAuth,
                endpoint,
                union(types, other.types),
                union(scopes, other.scopes),
                mergedXaddrs);
    }

    private static List<String> union(List<String> a, List<String> b) {
        var set = new LinkedHashSet<String>(a);
        set.addAll(b);
        return new ArrayList<>(set);
    }
}
