package org.doorstep.onvif;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Which auth style worked for which device (host:port), so later sessions start with the right one. */
public final class AuthMemory {
    private final ConcurrentMap<String, AuthMode> modes = new ConcurrentHashMap<>();

    static String key(URI url) {
        return url.getHost() + ":" + (url.getPort() < 0 ? 80 : url.getPort());
    }

    public Optional<AuthMode> get(URI deviceUrl) {
        return Optional.ofNullable(modes.get(key(deviceUrl)));
    }

    public void remember(URI deviceUrl, AuthMode mode) {
        modes.put(key(deviceUrl), mode);
    }
}
