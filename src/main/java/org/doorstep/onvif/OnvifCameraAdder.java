package org.doorstep.onvif;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code doorstep camera add NAME --onvif HOST[:PORT]} calls: finds the ONVIF service on the host (the
 * given port, or the usual ones: 80 Dahua/Hikvision, 8000 Reolink, 2020 Tapo, 8080), then reads streams,
 * snapshot URI and the camera's clock offset. URLs come back without credentials.
 */
public final class OnvifCameraAdder {
    private static final Logger log = LoggerFactory.getLogger(OnvifCameraAdder.class);
    static final int[] USUAL_PORTS = {80, 8000, 2020, 8080};
    static final String DEVICE_PATH = "/onvif/device_service";

    private final OnvifHttp http;
    private final AuthMemory memory;
    private final Clock clock;

    public OnvifCameraAdder(OnvifHttp http, AuthMemory memory, Clock clock) {
        this.http = http;
        this.memory = memory;
        this.clock = clock;
    }

    /**
     * @param hostPort "192.168.1.20", "192.168.1.20:8000", "[fe80::1]:80" or a full device service URL
     * @param password may be null; the caller clears its own copy afterwards
     */
    public OnvifCameraSetup add(String hostPort, String user, char[] password, Consumer<String> progress,
            BooleanSupplier cancelled) throws OnvifException {
        List<URI> candidates = candidateUrls(hostPort);
        OnvifTimeoutException lastSilence = null;
        for (URI url : candidates) {
            OnvifClient client = new OnvifClient(http, url, user, password, memory, clock);
            try {
                client.getSystemDateAndTime();
            } catch (OnvifTimeoutException e) {
                log.debug("no ONVIF answer at {}: {}", url, e.getMessage());
                lastSilence = e;
                continue;
            } catch (OnvifFaultException | OnvifAuthException e) {
                // it answered: this is the service, it just will not tell the time without more
                log.debug("{} answered GetSystemDateAndTime with {}", url, e.getMessage());
            }
            return client.setup(progress, cancelled);
        }
        throw lastSilence != null ? lastSilence : new OnvifTimeoutException("no candidate for " + hostPort, null);
    }

    /** The device service URLs to try, most specific first. */
    static List<URI> candidateUrls(String hostPort) {
        String s = hostPort.trim();
        List<URI> out = new ArrayList<>();
        try {
            if (s.startsWith("http://") || s.startsWith("https://")) {
                URI u = new URI(s);
                String path = u.getPath() == null || u.getPath().isEmpty() || u.getPath().equals("/")
                        ? DEVICE_PATH : u.getPath();
                out.add(new URI(u.getScheme(), null, u.getHost(), u.getPort(), path, u.getQuery(), null));
                return out;
            }
            URI u = new URI("http://" + s);
            if (u.getHost() == null) {
                throw new IllegalArgumentException("not a host: " + hostPort);
            }
            if (u.getPort() > 0) {
                out.add(new URI("http", null, u.getHost(), u.getPort(), DEVICE_PATH, null, null));
            } else {
                for (int p : USUAL_PORTS) {
                    out.add(new URI("http", null, u.getHost(), p == 80 ? -1 : p, DEVICE_PATH, null, null));
                }
            }
            return out;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a host: " + hostPort, e);
        }
    }
}
