package org.doorstep.sim.onvif;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the WS-Discovery responder.
 *
 * @param bindAddress      address of the unicast socket (default 127.0.0.1)
 * @param discoveryPort    unicast UDP port (0 = ephemeral; 3702 is the standard port)
 * @param joinMulticast    also join 239.255.255.250:3702 on the bind address's interface, when the OS allows it
 * @param endpointUrn      {@code urn:uuid:...} of the device
 * @param scopes           ONVIF scopes announced and matched
 * @param xaddrs           device service addresses
 * @param announceTargets  extra unicast receivers of Hello and Bye (tests, or a known NVR)
 * @param metadataVersion  incremented by real devices when scopes change
 */
public record WsDiscoveryConfig(InetAddress bindAddress, int discoveryPort, boolean joinMulticast, String endpointUrn,
                                List<String> scopes, List<URI> xaddrs, List<InetSocketAddress> announceTargets,
                                long metadataVersion) {
    public static final String SCOPE_PREFIX = "onvif://www.onvif.org/";

    public WsDiscoveryConfig {
        bindAddress = bindAddress == null ? InetAddress.getLoopbackAddress() : bindAddress;
        if (discoveryPort < 0 || discoveryPort > 65535) {
            throw new IllegalArgumentException("discoveryPort out of range: " + discoveryPort);
        }
        Objects.requireNonNull(endpointUrn, "endpointUrn");
        scopes = List.copyOf(scopes);
        xaddrs = List.copyOf(xaddrs);
        announceTargets = announceTargets == null ? List.of() : List.copyOf(announceTargets);
    }

    /** The responder for a running {@link OnvifSimServer}: same identity, its device service as XAddr. */
    public static WsDiscoveryConfig forServer(OnvifSimServer server, int discoveryPort) {
        OnvifSimConfig c = server.config();
        return new WsDiscoveryConfig(c.bindAddress(), discoveryPort, true, c.endpointUrn(),
                standardScopes(c.name(), c.hardwareId()), List.of(server.deviceServiceUri()), List.of(), 1);
    }

    public WsDiscoveryConfig withAnnounceTargets(List<InetSocketAddress> targets) {
        return new WsDiscoveryConfig(bindAddress, discoveryPort, joinMulticast, endpointUrn, scopes, xaddrs, targets,
                metadataVersion);
    }

    public WsDiscoveryConfig withJoinMulticast(boolean join) {
        return new WsDiscoveryConfig(bindAddress, discoveryPort, join, endpointUrn, scopes, xaddrs, announceTargets,
                metadataVersion);
    }

    /** type/video_encoder, Profile/Streaming, name/&lt;name&gt;, hardware/&lt;hw&gt; (URL-encoded). */
    public static List<String> standardScopes(String name, String hardware) {
        return List.of(SCOPE_PREFIX + "type/video_encoder", SCOPE_PREFIX + "type/Network_Video_Transmitter",
                SCOPE_PREFIX + "Profile/Streaming", SCOPE_PREFIX + "name/" + encode(name),
                SCOPE_PREFIX + "hardware/" + encode(hardware), SCOPE_PREFIX + "location/country/local");
    }

    private static String encode(String s) {
        // scopes are URIs: spaces become %20, not '+'
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
