package org.doorstep.sim.onvif;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The whole ONVIF face of a virtual camera: the SOAP server plus, optionally, the WS-Discovery
 * responder announcing it. Start once, publish events, close (sends Bye, then stops serving).
 */
public final class SimulatedOnvifCamera implements AutoCloseable {
    /** Pass as discoveryPort to run without WS-Discovery. */
    public static final int NO_DISCOVERY = -1;

    private final OnvifSimServer server;
    private final int discoveryPort;
    private final List<InetSocketAddress> announceTargets;
    private WsDiscoveryResponder discovery;

    /**
     * @param discoveryPort UDP port for WS-Discovery (3702 standard, 0 ephemeral, {@link #NO_DISCOVERY} off)
     */
    public SimulatedOnvifCamera(OnvifSimConfig config, List<SimProfile> profiles, Function<String, URI> streamUris,
                                Supplier<byte[]> snapshotJpeg, int discoveryPort) {
        this(config, profiles, streamUris, snapshotJpeg, discoveryPort, List.of());
    }

    /** As above; Hello and Bye also go to {@code announceTargets} by unicast. */
    public SimulatedOnvifCamera(OnvifSimConfig config, List<SimProfile> profiles, Function<String, URI> streamUris,
                                Supplier<byte[]> snapshotJpeg, int discoveryPort, List<InetSocketAddress> announceTargets) {
        if (discoveryPort < NO_DISCOVERY || discoveryPort > 65535) {
            throw new IllegalArgumentException("discoveryPort out of range: " + discoveryPort);
        }
        this.server = new OnvifSimServer(config, profiles, streamUris, snapshotJpeg);
        this.discoveryPort = discoveryPort;
        this.announceTargets = List.copyOf(announceTargets);
    }

    public synchronized SimulatedOnvifCamera start() throws IOException {
        server.start();
        if (discoveryPort != NO_DISCOVERY) {
            try {
                discovery = new WsDiscoveryResponder(
                        WsDiscoveryConfig.forServer(server, discoveryPort).withAnnounceTargets(announceTargets)).start();
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
        }
        return this;
    }

    public void publish(SimEvent event) {
        server.publish(event);
    }

    public OnvifSimServer server() {
        return server;
    }

    /** The running responder, or null when discovery is off or not started. */
    public synchronized WsDiscoveryResponder discovery() {
        return discovery;
    }

    public URI deviceServiceUri() {
        return server.deviceServiceUri();
    }

    @Override
    public synchronized void close() {
        if (discovery != null) {
            discovery.close();
            discovery = null;
        }
        server.close();
    }
}
