package org.doorstep.onvif;

import org.doorstep.common.Threads;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Discovery as the CLI and the wizard use it: WS-Discovery (multicast, one host or a subnet), then a quick
 * check per device whether it wants a password.
 */
public final class DiscoveryService {
    private final WsDiscoveryClient discovery;
    private final OnvifHttp http;

    public DiscoveryService(WsDiscoveryClient discovery, OnvifHttp http) {
        this.discovery = discovery;
        this.http = http;
    }

    /** Where to look: everything null → multicast on all interfaces. */
    public record Request(Duration timeout, InetAddress host, Subnet subnet, int port, boolean checkAuth) {}

    public List<DiscoveredDevice> discover(Request r, Consumer<DiscoveredDevice> found, BooleanSupplier cancelled)
            throws IOException, AddressNotAllowedException {
        List<DiscoveredDevice> devices;
        if (r.host() != null) {
            devices = discovery.probeHost(r.host(), r.port(), r.timeout(), found, cancelled);
        } else if (r.subnet() != null) {
            devices = discovery.probeSubnet(r.subnet(), r.port(), r.timeout(), found, cancelled);
        } else {
            devices = discovery.discover(r.timeout(), r.port(), found, cancelled);
        }
        return r.checkAuth() ? withAuthInfo(devices) : devices;
    }

    /** needsAuth for each device, a few at a time (each check has its own HTTP timeouts). */
    List<DiscoveredDevice> withAuthInfo(List<DiscoveredDevice> devices) {
        if (devices.isEmpty()) {
            return devices;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(8, devices.size()), Threads.named("onvif-auth-check"));
        try {
            List<Future<DiscoveredDevice>> futures = new ArrayList<>();
            for (DiscoveredDevice d : devices) {
                futures.add(pool.submit(() -> d.onvifUrl() == null ? d
                        : d.withNeedsAuth(OnvifClient.needsAuth(http, d.onvifUrl()))));
            }
            List<DiscoveredDevice> out = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    out.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    out.add(devices.get(i));
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return devices;
        } finally {
            pool.shutdownNow();
        }
    }
}
