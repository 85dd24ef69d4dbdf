package org.doorstep.usecase.discovery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.doorstep.onvif.AddressNotAllowedException;
import org.doorstep.onvif.AddressPolicy;
import org.doorstep.onvif.HelloByeListener;
import org.doorstep.onvif.DiscoveredDevice;
import org.doorstep.onvif.DiscoveryService;
import org.doorstep.onvif.OnvifHttp;
import org.doorstep.onvif.SafeXml;
import org.doorstep.onvif.Subnet;
import org.doorstep.onvif.WsDiscovery;
import org.doorstep.onvif.WsDiscoveryClient;

/**
 * Finding cameras: WS-Discovery multicast on every interface, or unicast probes of one host or a /24 for networks
 * where multicast does not pass; each answer is asked whether it wants a password. Only private, link-local and
 * loopback addresses are contacted unless the user allows another.
 */
public final class Discovery {
    private final AddressPolicy policy;

    public Discovery(AddressPolicy policy) {
        this.policy = policy;
    }

    /**
     * What to search. {@code host} and {@code subnet} are as typed (null for multicast); {@code allow} names addresses
     * outside the LAN the user allows for this search.
     */
    public record Search(Duration timeout, String host, String subnet, int port, List<String> allow) {
        public static Search everywhere(Duration timeout) {
            return new Search(timeout, null, null, WsDiscovery.PORT, List.of());
        }
    }

    /** Searches until the timeout; {@code found} hears of each camera as it answers. */
    public List<DiscoveredDevice> find(Search search, Consumer<DiscoveredDevice> found, BooleanSupplier cancelled) {
        return find(search, found, endpoint -> { }, cancelled);
    }

    /**
     * Searches until the timeout; {@code found} hears of each camera as it answers. A search of the whole network
     * (multicast) also listens for cameras announcing themselves meanwhile (WS-Discovery Hello: one plugged in
     * during the search appears too); a camera saying Bye is dropped and {@code gone} hears its endpoint.
     */
    public List<DiscoveredDevice> find(Search search, Consumer<DiscoveredDevice> found, Consumer<String> gone,
                                       BooleanSupplier cancelled) {
        Messages msg = Messages.of("onvif");
        Subnet net = null;
        if (search.subnet() != null) {
            try {
                net = Subnet.parse(search.subnet());
            } catch (IllegalArgumentException e) {
                throw new UserException(msg.get("discover.bad.subnet", search.subnet()), UserException.EXIT_USAGE);
            }
        }
        InetAddress target = null;
        AddressPolicy allowed = policy;
        try {
            if (search.host() != null) {
                target = InetAddress.getByName(search.host());
            }
            for (String a : search.allow()) {
                allowed = allowed.allowing(InetAddress.getByName(a));
            }
        } catch (UnknownHostException e) {
            String what = search.host() != null ? search.host() : String.join(",", search.allow());
            throw new UserException(msg.get("discover.bad.host", what), UserException.EXIT_USAGE);
        }
        Consumer<DiscoveredDevice> tell = found == null ? d -> { } : found;
        Announcements announced = target == null && net == null
                ? Announcements.listen(allowed, search.port(), tell, gone == null ? e -> { } : gone) : null;
        try (OnvifHttp http = new OnvifHttp(allowed, Duration.ofSeconds(2), Duration.ofSeconds(4), SafeXml.SOAP_LIMIT)) {
            DiscoveryService service = new DiscoveryService(new WsDiscoveryClient(allowed), http);
            Consumer<DiscoveredDevice> answered = announced == null ? tell : announced::answered;
            List<DiscoveredDevice> probed = service.discover(new DiscoveryService.Request(search.timeout(), target, net,
                    search.port(), true), answered, cancelled);
            return announced == null ? probed : announced.withAnnouncements(probed);
        } catch (AddressNotAllowedException e) {
            throw new UserException(e.userMessage());
        } catch (IOException | RuntimeException e) {
            if (e instanceof UserException u) {
                throw u;
            }
            if (e instanceof java.util.concurrent.CancellationException c) {
                throw c; // the user stopped it: nothing failed
            }
            throw new UserException(msg.get("discover.failed",
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } finally {
            if (announced != null) {
                announced.close();
            }
        }
    }

    /**
     * Listens for cameras announcing themselves (WS-Discovery Hello; Bye removes one) for {@code duration} on
     * {@code port} (3702 normally), on every multicast interface and by unicast, and returns those still announced
     * at the end. Only senders on the local network count. {@code onChange} hears the whole list after each change.
     */
    public List<DiscoveredDevice> listen(Duration duration, int port, Consumer<List<DiscoveredDevice>> onChange,
                                         BooleanSupplier cancelled) {
        Messages msg = Messages.of("onvif");
        long end = System.nanoTime() + duration.toNanos();
        try (HelloByeListener listener = new HelloByeListener(policy, port, WsDiscoveryClient.multicastInterfaces(),
                List.of(), onChange)) {
            while (System.nanoTime() < end) {
                if (cancelled != null && cancelled.getAsBoolean()) {
                    throw new java.util.concurrent.CancellationException("cancelled");
                }
                Thread.sleep(Math.max(1, Math.min(100, (end - System.nanoTime()) / 1_000_000)));
            }
            return listener.current();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted");
        } catch (IOException e) {
            throw new UserException(msg.get("discover.failed",
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }
}
