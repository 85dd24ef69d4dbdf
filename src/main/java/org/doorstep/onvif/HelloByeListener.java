package org.doorstep.onvif;

import org.doorstep.common.Threads;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a live device list while the add-camera wizard is open: WS-Discovery Hello adds (or updates) a device,
 * Bye removes it. Listens on the discovery port (shared with other listeners via SO_REUSEADDR) and joins the
 * multicast group on the given interfaces; unicast Hellos to that port count too.
 */
public final class HelloByeListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HelloByeListener.class);

    private final AddressPolicy policy;
    private final Consumer<List<DiscoveredDevice>> onChange;
    private final Map<String, DiscoveredDevice> devices = new LinkedHashMap<>();
    private final DatagramChannel channel;
    private final Thread thread;

    /** Starts listening at once; {@code initial} (e.g. the result of a probe) seeds the list. */
    public HelloByeListener(AddressPolicy policy, int port, List<NetworkInterface> interfaces,
            List<DiscoveredDevice> initial, Consumer<List<DiscoveredDevice>> onChange) throws IOException {
        this.policy = policy;
        this.onChange = onChange == null ? l -> { } : onChange;
        initial.forEach(d -> devices.put(d.endpoint(), d));
        channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        for (NetworkInterface ni : interfaces) {
            boolean hasV4 = Collections.list(ni.getInetAddresses()).stream().anyMatch(a -> a instanceof Inet4Address);
            if (!hasV4) {
                continue;
            }
            try {
                channel.join(WsDiscovery.GROUP_V4, ni);
            } catch (IOException | UnsupportedOperationException e) {
                log.debug("cannot join discovery group on {}: {}", ni.getName(), e.getMessage());
            }
        }
        thread = Threads.start(this::loop, "ws-discovery-hello-bye");
    }

    public int port() {
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Adds a device found another way (a probe answer) without telling anyone, so that its Bye removes it from the
     * list like an announced one.
     */
    public synchronized void remember(DiscoveredDevice d) {
        devices.putIfAbsent(d.endpoint(), d);
    }

    /** The current list, in the order devices were first seen. */
    public synchronized List<DiscoveredDevice> current() {
        return new ArrayList<>(devices.values());
    }

    private void loop() {
        ByteBuffer buf = ByteBuffer.allocate(SafeXml.DATAGRAM_LIMIT + 1);
        while (channel.isOpen()) {
            InetSocketAddress from;
            try {
                buf.clear();
                from = (InetSocketAddress) channel.receive(buf);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                log.debug("hello/bye receive: {}", e.getMessage());
                continue;
            }
            if (from == null || !policy.isAllowed(from.getAddress())) {
                continue;
            }
            buf.flip();
            byte[] data = new byte[buf.remaining()];
            buf.get(data);
            Optional<WsDiscovery.Message> msg;
            try {
                msg = WsDiscovery.parse(data);
            } catch (SafeXml.RejectedXmlException e) {
                continue;
            }
            msg.ifPresent(m -> handle(m, from));
        }
    }

    private void handle(WsDiscovery.Message m, InetSocketAddress from) {
        List<DiscoveredDevice> snapshot;
        synchronized (this) {
            if (m instanceof WsDiscovery.Hello h) {
                DiscoveredDevice d = WsDiscovery.toDevice(h.match(), from.getAddress());
                DiscoveredDevice old = devices.get(d.endpoint());
                // a Hello after a re-IP must win over the old address: merge into the new one
                devices.put(d.endpoint(), old == null || !old.address().equals(d.address()) ? d : old.merge(d));
            } else if (m instanceof WsDiscovery.Bye b && b.endpoint() != null) {
                if (devices.remove(b.endpoint()) == null) {
                    return;
                }
            } else {
                return;
            }
            snapshot = new ArrayList<>(devices.values());
        }
        try {
            onChange.accept(snapshot);
        } catch (RuntimeException e) {
            log.warn("hello/bye listener failed", e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to do
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
