package org.doorstep.onvif;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds ONVIF devices with WS-Discovery: multicast on every suitable interface, or unicast to one host or a
 * small subnet where multicast does not pass. Probes are repeated (UDP is lossy) and sent typed and untyped,
 * replies are read on the sending socket, deduplicated by endpoint address. Every destination passes the
 * {@link AddressPolicy} first.
 */
public final class WsDiscoveryClient {
    private static final Logger log = LoggerFactory.getLogger(WsDiscoveryClient.class);
    private static final List<WsDiscovery.ProbeType> ALL_TYPES = List.of(
            WsDiscovery.ProbeType.NETWORK_VIDEO_TRANSMITTER, WsDiscovery.ProbeType.DEVICE,
            WsDiscovery.ProbeType.UNTYPED);
    /** When to (re)send, relative to the start; rounds past the timeout are skipped. */
    private static final long[] ROUNDS_MS = {0, 400, 1500};

    private final AddressPolicy policy;
    private final Supplier<List<NetworkInterface>> interfaces;

    public WsDiscoveryClient(AddressPolicy policy) {
        this(policy, WsDiscoveryClient::multicastInterfaces);
    }

    /** {@code interfaces}: where multicast probes go (tests pass the loopback interface only). */
    public WsDiscoveryClient(AddressPolicy policy, Supplier<List<NetworkInterface>> interfaces) {
        this.policy = policy;
        this.interfaces = interfaces;
    }

    /** Up, multicast-capable, not loopback, with at least one address. */
    public static List<NetworkInterface> multicastInterfaces() {
        List<NetworkInterface> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (ni.isUp() && ni.supportsMulticast() && !ni.isLoopback() && ni.getInetAddresses().hasMoreElements()) {
                    out.add(ni);
                }
            }
        } catch (SocketException e) {
            log.warn("cannot list network interfaces: {}", e.getMessage());
        }
        return out;
    }

    /** Multicast discovery on all interfaces, to the standard group and port. */
    public List<DiscoveredDevice> discover(Duration timeout, Consumer<DiscoveredDevice> found, BooleanSupplier cancelled)
            throws IOException {
        return discover(timeout, WsDiscovery.PORT, found, cancelled);
    }

    public List<DiscoveredDevice> discover(Duration timeout, int port, Consumer<DiscoveredDevice> found,
            BooleanSupplier cancelled) throws IOException {
        try (Session s = new Session(found, cancelled)) {
            for (NetworkInterface ni : interfaces.get()) {
                openMulticast(s, ni, port);
            }
            if (s.targets.isEmpty()) {
                log.info("no interface suitable for multicast discovery");
                return List.of();
            }
            return s.run(timeout, ALL_TYPES);
        }
    }

    /** Unicast probe of one host. */
    public List<DiscoveredDevice> probeHost(InetAddress host, int port, Duration timeout,
            Consumer<DiscoveredDevice> found, BooleanSupplier cancelled) throws IOException, AddressNotAllowedException {
        return probeHosts(List.of(host), port, timeout, found, cancelled);
    }

    /** Unicast probe of every host of a subnet (at most /22); all probes go out at once, then replies are collected. */
    public List<DiscoveredDevice> probeSubnet(Subnet subnet, int port, Duration timeout,
            Consumer<DiscoveredDevice> found, BooleanSupplier cancelled) throws IOException, AddressNotAllowedException {
        return probeHosts(subnet.hosts(), port, timeout, found, cancelled);
    }

    private List<DiscoveredDevice> probeHosts(List<InetAddress> hosts, int port, Duration timeout,
            Consumer<DiscoveredDevice> found, BooleanSupplier cancelled) throws IOException, AddressNotAllowedException {
        // Refuse the whole request before a single packet leaves if any target is outside the policy.
        for (InetAddress h : hosts) {
            policy.require(h);
        }
        try (Session s = new Session(found, cancelled)) {
            DatagramChannel v4 = null;
            DatagramChannel v6 = null;
            for (InetAddress h : hosts) {
                DatagramChannel ch;
                if (h instanceof Inet4Address) {
                    if (v4 == null) {
                        v4 = s.open(StandardProtocolFamily.INET, new InetSocketAddress(0));
                    }
                    ch = v4;
                } else {
                    if (v6 == null) {
                        v6 = s.open(StandardProtocolFamily.INET6, new InetSocketAddress(0));
                    }
                    ch = v6;
                }
                s.targets.add(new Target(ch, new InetSocketAddress(h, port)));
            }
            s.unicast = true;
            return s.run(timeout, ALL_TYPES);
        }
    }

    private void openMulticast(Session s, NetworkInterface ni, int port) {
        for (InetAddress a : Collections.list(ni.getInetAddresses())) {
            boolean v4 = a instanceof Inet4Address;
            if (!v4 && !(a instanceof Inet6Address && a.isLinkLocalAddress())) {
                continue;
            }
            if (s.targets.stream().anyMatch(t -> t.iface == ni && (t.to.getAddress() instanceof Inet4Address) == v4)) {
                continue; // one socket per interface and family
            }
            try {
                DatagramChannel ch = s.open(v4 ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6,
                        new InetSocketAddress(a, 0));
                ch.setOption(StandardSocketOptions.IP_MULTICAST_IF, ni);
                ch.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 1);
                ch.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
                InetAddress group = v4 ? WsDiscovery.GROUP_V4
                        : Inet6Address.getByAddress(null, WsDiscovery.GROUP_V6.getAddress(), ni);
                s.targets.add(new Target(ch, new InetSocketAddress(group, port), ni));
            } catch (IOException e) {
                log.debug("no discovery socket on {} ({}): {}", ni.getName(), a, e.getMessage());
            }
        }
    }

    private record Target(DatagramChannel channel, InetSocketAddress to, NetworkInterface iface) {
        Target(DatagramChannel channel, InetSocketAddress to) {
            this(channel, to, null);
        }
    }

    /** One probing run: sockets, the targets per socket, and what came back. */
    private final class Session implements AutoCloseable {
        final Selector selector = Selector.open();
        final List<DatagramChannel> channels = new ArrayList<>();
        final List<Target> targets = new ArrayList<>();
        final Map<String, DiscoveredDevice> devices = new LinkedHashMap<>();
        final Set<InetAddress> faultSenders = new LinkedHashSet<>();
        final Consumer<DiscoveredDevice> found;
        final BooleanSupplier cancelled;
        boolean unicast;

        Session(Consumer<DiscoveredDevice> found, BooleanSupplier cancelled) throws IOException {
            this.found = found == null ? d -> {} : found;
            this.cancelled = cancelled == null ? () -> false : cancelled;
        }

        DatagramChannel open(StandardProtocolFamily family, InetSocketAddress bind) throws IOException {
            DatagramChannel ch = DatagramChannel.open(family);
            try {
                ch.bind(bind);
                ch.configureBlocking(false);
                ch.register(selector, SelectionKey.OP_READ);
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            channels.add(ch);
            return ch;
        }

        List<DiscoveredDevice> run(Duration timeout, List<WsDiscovery.ProbeType> types) throws IOException {
            long start = System.nanoTime();
            long deadline = start + timeout.toNanos();
            int round = 0;
            ByteBuffer buf = ByteBuffer.allocate(SafeXml.DATAGRAM_LIMIT + 1);
            while (true) {
                checkCancelled();
                long now = System.nanoTime();
                if (round < ROUNDS_MS.length && now - start >= ROUNDS_MS[round] * 1_000_000L) {
                    if (round == 0 || start + ROUNDS_MS[round] * 1_000_000L + 200_000_000L < deadline) {
                        sendRound(types);
                    }
                    round++;
                    continue;
                }
                if (now >= deadline) {
                    break;
                }
                long wakeAt = deadline;
                if (round < ROUNDS_MS.length) {
                    wakeAt = Math.min(wakeAt, start + ROUNDS_MS[round] * 1_000_000L);
                }
                // Short selects so cancellation is noticed quickly.
                long waitMs = Math.max(1, Math.min(100, (wakeAt - now) / 1_000_000L));
                if (selector.select(waitMs) > 0) {
                    for (SelectionKey k : selector.selectedKeys()) {
                        drain((DatagramChannel) k.channel(), buf);
                    }
                    selector.selectedKeys().clear();
                }
            }
            addFaultOnlyHosts();
            return new ArrayList<>(devices.values());
        }

        private void checkCancelled() {
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                throw new CancellationException("discovery cancelled");
            }
        }

        private void sendRound(List<WsDiscovery.ProbeType> types) {
            for (WsDiscovery.ProbeType t : types) {
                for (Target target : targets) {
                    if (!policy.isAllowed(target.to.getAddress())) {
                        continue; // unreachable by construction; kept so no code path can skip the policy
                    }
                    ByteBuffer data = ByteBuffer.wrap(WsDiscovery.probe(t).getBytes(StandardCharsets.UTF_8));
                    send(target, data);
                }
            }
        }

        private void send(Target target, ByteBuffer data) {
            try {
                for (int tries = 0; tries < 50; tries++) {
                    if (target.channel.send(data, target.to) > 0) {
                        return;
                    }
                    Thread.sleep(1); // socket buffer full: a /24 sends ~800 datagrams at once
                }
            } catch (IOException e) {
                log.debug("probe to {} failed: {}", target.to, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void drain(DatagramChannel ch, ByteBuffer buf) {
            while (true) {
                InetSocketAddress from;
                try {
                    buf.clear();
                    from = (InetSocketAddress) ch.receive(buf);
                } catch (IOException e) {
                    // e.g. ICMP port unreachable surfacing on some platforms
                    log.trace("receive: {}", e.getMessage());
                    return;
                }
                if (from == null) {
                    return;
                }
                buf.flip();
                byte[] data = new byte[buf.remaining()];
                buf.get(data);
                handle(data, from.getAddress());
            }
        }

        private void handle(byte[] data, InetAddress sender) {
            if (!policy.isAllowed(sender)) {
                log.debug("ignoring discovery reply from {}", sender.getHostAddress());
                return;
            }
            Optional<WsDiscovery.Message> msg;
            try {
                msg = WsDiscovery.parse(data);
            } catch (SafeXml.RejectedXmlException e) {
                log.debug("unreadable discovery reply from {}: {}", sender.getHostAddress(), e.getMessage());
                return;
            }
            if (msg.isEmpty()) {
                return;
            }
            // RelatesTo is deliberately not checked: some devices echo a wrong or empty one.
            WsDiscovery.Message m = msg.get();
            if (m instanceof WsDiscovery.ProbeMatches pm) {
                pm.matches().forEach(x -> add(WsDiscovery.toDevice(x, sender)));
            } else if (m instanceof WsDiscovery.Hello h) {
                add(WsDiscovery.toDevice(h.match(), sender));
            } else if (m instanceof WsDiscovery.Fault) {
                faultSenders.add(sender);
            }
        }

        private void add(DiscoveredDevice d) {
            DiscoveredDevice old = devices.get(d.endpoint());
            if (old == null) {
                devices.put(d.endpoint(), d);
                found.accept(d);
            } else {
                devices.put(d.endpoint(), old.merge(d));
            }
        }

        /**
         * Hikvision answers a unicast probe with a SOAP fault instead of a match. It still tells us something
         * speaks WS-Discovery there, so list it with the usual ONVIF address, to be confirmed by the client.
         */
        private void addFaultOnlyHosts() {
            if (!unicast) {
                return;
            }
            for (InetAddress a : faultSenders) {
                boolean known = devices.values().stream().anyMatch(d -> d.address().equals(a));
                if (!known) {
                    String host = a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
                    var d = new DiscoveredDevice(null, null, null, a,
                            java.net.URI.create("http://" + host + "/onvif/device_service"), null,
                            "urn:doorstep:probe-fault:" + a.getHostAddress(), List.of(), List.of(), List.of());
                    devices.put(d.endpoint(), d);
                    found.accept(d);
                }
            }
        }

        @Override
        public void close() {
            for (DatagramChannel ch : channels) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing a UDP socket cannot meaningfully fail
                }
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
