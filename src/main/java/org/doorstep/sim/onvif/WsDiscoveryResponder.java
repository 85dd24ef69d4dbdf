package org.doorstep.sim.onvif;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Makes the virtual doorbell discoverable: answers WS-Discovery Probes (typed
 * {@code dn:NetworkVideoTransmitter}, typed {@code tds:Device}, or untyped) with a ProbeMatch,
 * and announces itself with Hello on start and Bye on stop. Listens on a unicast UDP port and,
 * where the OS allows it, on the multicast group 239.255.255.250:3702.
 */
public final class WsDiscoveryResponder implements AutoCloseable {
    public static final InetSocketAddress MULTICAST_GROUP = new InetSocketAddress("239.255.255.250", 3702);
    static final String WSA = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    static final String WSD = "http://schemas.xmlsoap.org/ws/2005/04/discovery";
    static final String DN = "http://www.onvif.org/ver10/network/wsdl";
    static final String TDS = "http://www.onvif.org/ver10/device/wsdl";
    private static final String ANONYMOUS = WSA + "/role/anonymous";
    private static final String DISCOVERY_TO = "urn:schemas-xmlsoap-org:ws:2005:04:discovery";
    private static final String RFC3986 = WSD + "/rfc3986";
    private static final String STRCMP0 = WSD + "/strcmp0";
    /** WS-Discovery APP_MAX_DELAY is 500 ms; we stay lower so tests and users wait less. */
    private static final int MAX_MULTICAST_REPLY_DELAY_MS = 100;
    private static final Logger log = LoggerFactory.getLogger(WsDiscoveryResponder.class);

    private final WsDiscoveryConfig config;
    private final long instanceId = System.currentTimeMillis() / 1000;
    private final AtomicLong messageNumber = new AtomicLong();
    private MulticastSocket unicast;
    private MulticastSocket multicast;
    private NetworkInterface multicastInterface;
    private final List<Thread> receivers = new ArrayList<>();
    private ScheduledExecutorService replies;
    private volatile boolean running;

    public WsDiscoveryResponder(WsDiscoveryConfig config) {
        this.config = config;
    }

    /** Binds the sockets, joins the group where possible and sends Hello. */
    public synchronized WsDiscoveryResponder start() throws IOException {
        if (running) {
            throw new IllegalStateException("already started");
        }
        multicastInterface = interfaceOf(config.bindAddress());
        // a MulticastSocket, so that Hello/Bye to the group leave through the bind address's interface
        unicast = new MulticastSocket(null);
        unicast.setReuseAddress(true);
        unicast.bind(new InetSocketAddress(config.bindAddress(), config.discoveryPort()));
        try {
            unicast.setTimeToLive(1);
            unicast.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            if (multicastInterface != null) {
                unicast.setNetworkInterface(multicastInterface);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("multicast sending options unavailable: {}", e.toString());
        }
        if (config.joinMulticast()) {
            multicast = joinGroup();
        }
        running = true;
        replies = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "ws-discovery-reply"));
        receivers.add(daemon(() -> receiveLoop(unicast, false), "ws-discovery-unicast"));
        if (multicast != null) {
            receivers.add(daemon(() -> receiveLoop(multicast, true), "ws-discovery-multicast"));
        }
        receivers.forEach(Thread::start);
        log.info("WS-Discovery responder on udp {}:{}{}", config.bindAddress().getHostAddress(), port(),
                multicast != null ? " and multicast " + MULTICAST_GROUP.getHostString() + ":" + MULTICAST_GROUP.getPort() : "");
        announce(hello());
        return this;
    }

    /** The bound unicast port. */
    /** Says Hello again, as a camera does after a network change (tests: a listener that started late). */
    public void announceHello() {
        announce(hello());
    }

    public synchronized int port() {
        if (unicast == null) {
            throw new IllegalStateException("not started");
        }
        return unicast.getLocalPort();
    }

    /** Whether the multicast group was joined (false where the OS or network refuses). */
    public synchronized boolean multicastJoined() {
        return multicast != null;
    }

    /** Sends Bye and closes the sockets. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        announce(bye());
        running = false;
        replies.shutdownNow();
        unicast.close();
        if (multicast != null) {
            try {
                multicast.leaveGroup(MULTICAST_GROUP, multicastInterface);
            } catch (IOException | RuntimeException e) {
                log.debug("leaving the multicast group failed: {}", e.toString());
            }
            multicast.close();
        }
        for (Thread t : receivers) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        receivers.clear();
        log.info("WS-Discovery responder stopped");
    }

    private MulticastSocket joinGroup() {
        MulticastSocket s = null;
        try {
            s = new MulticastSocket(null);
            s.setReuseAddress(true);
            try {
                // binding to the group address (Linux, macOS) keeps unrelated unicast traffic away
                s.bind(MULTICAST_GROUP);
            } catch (SocketException e) {
                s.close();
                s = new MulticastSocket(null);
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(MULTICAST_GROUP.getPort()));
            }
            s.joinGroup(MULTICAST_GROUP, multicastInterface);
            return s;
        } catch (IOException | RuntimeException e) {
            log.debug("multicast unavailable, continuing unicast-only: {}", e.toString());
            if (s != null) {
                s.close();
            }
            return null;
        }
    }

    private static NetworkInterface interfaceOf(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return null;
        }
        try {
            return NetworkInterface.getByInetAddress(address);
        } catch (SocketException e) {
            return null;
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void receiveLoop(MulticastSocket socket, boolean viaMulticast) {
        byte[] buf = new byte[65535];
        while (running && !socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (running && !socket.isClosed()) {
                    log.debug("discovery receive failed: {}", e.toString());
                }
                continue;
            }
            try {
                handle(Arrays.copyOf(packet.getData(), packet.getLength()), packet.getSocketAddress(), viaMulticast);
            } catch (RuntimeException e) {
                log.debug("ignored discovery datagram from {}: {}", packet.getSocketAddress(), e.toString());
            }
        }
    }

    private void handle(byte[] datagram, SocketAddress sender, boolean viaMulticast) {
        Document doc;
        try {
            doc = SoapXml.parse(datagram);
        } catch (Exception e) {
            log.debug("ignored malformed discovery datagram from {}", sender);
            return;
        }
        Element envelope = doc.getDocumentElement();
        Element probe = SoapXml.child(SoapXml.child(envelope, "Body"), "Probe");
        String messageId = SoapXml.childText(SoapXml.child(envelope, "Header"), "MessageID");
        if (probe == null || messageId == null || messageId.isEmpty()) {
            return; // Hello/Bye/ProbeMatches of others, or not WS-Discovery at all
        }
        if (!typesMatch(SoapXml.child(probe, "Types")) || !scopesMatch(SoapXml.child(probe, "Scopes"))) {
            log.debug("probe {} from {} does not match us", messageId, sender);
            return;
        }
        byte[] reply = probeMatch(messageId).getBytes(StandardCharsets.UTF_8);
        Runnable send = () -> send(reply, sender);
        if (viaMulticast) {
            // spread replies like real devices do, so many cameras don't answer in the same instant
            replies.schedule(send, ThreadLocalRandom.current().nextInt(MAX_MULTICAST_REPLY_DELAY_MS), TimeUnit.MILLISECONDS);
        } else {
            send.run();
        }
    }

    /** Every requested type must be one we implement; no Types element matches everything. */
    static boolean typesMatch(Element types) {
        if (types == null) {
            return true;
        }
        for (String qname : types.getTextContent().trim().split("\\s+")) {
            if (qname.isEmpty()) {
                continue;
            }
            int colon = qname.indexOf(':');
            String prefix = colon < 0 ? null : qname.substring(0, colon);
            String local = qname.substring(colon + 1);
            // unprefixed names and undeclared prefixes (seen in the field) are matched on the local name alone
            String ns = prefix == null ? null : types.lookupNamespaceURI(prefix);
            boolean ok;
            if (local.equals("NetworkVideoTransmitter")) {
                ok = ns == null || ns.equals(DN);
            } else if (local.equals("Device")) {
                ok = ns == null || ns.equals(TDS);
            } else {
                ok = false;
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private boolean scopesMatch(Element scopes) {
        if (scopes == null || scopes.getTextContent().isBlank()) {
            return true;
        }
        String matchBy = scopes.getAttribute("MatchBy");
        boolean exact = STRCMP0.equals(matchBy);
        if (!exact && !matchBy.isEmpty() && !RFC3986.equals(matchBy)) {
            return false; // unsupported matching rule: WS-Discovery says no match
        }
        for (String wanted : scopes.getTextContent().trim().split("\\s+")) {
            boolean found = config.scopes().stream().anyMatch(ours -> exact ? ours.equals(wanted) : rfc3986Match(wanted, ours));
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** Segment-wise prefix match, scheme and host case-insensitive. */
    static boolean rfc3986Match(String wanted, String ours) {
        String w = normalizeAuthority(wanted);
        String o = normalizeAuthority(ours);
        if (w.endsWith("/")) {
            w = w.substring(0, w.length() - 1);
        }
        return o.equals(w) || o.startsWith(w + "/");
    }

    private static String normalizeAuthority(String uri) {
        int schemeEnd = uri.indexOf("://");
        if (schemeEnd < 0) {
            return uri;
        }
        int pathStart = uri.indexOf('/', schemeEnd + 3);
        if (pathStart < 0) {
            return uri.toLowerCase(Locale.ROOT);
        }
        return uri.substring(0, pathStart).toLowerCase(Locale.ROOT) + uri.substring(pathStart);
    }

    private void send(byte[] data, SocketAddress target) {
        try {
            unicast.send(new DatagramPacket(data, data.length, target));
        } catch (IOException | RuntimeException e) {
            log.debug("discovery send to {} failed: {}", target, e.toString());
        }
    }

    private void announce(String message) {
        byte[] data = message.getBytes(StandardCharsets.UTF_8);
        if (config.joinMulticast()) {
            send(data, MULTICAST_GROUP);
        }
        for (InetSocketAddress target : config.announceTargets()) {
            send(data, target);
        }
    }

    private String header(String action, String to, String relatesTo) {
        return "<wsa:MessageID>urn:uuid:" + UUID.randomUUID() + "</wsa:MessageID>"
                + (relatesTo == null ? "" : "<wsa:RelatesTo>" + SoapXml.escape(relatesTo) + "</wsa:RelatesTo>")
                + "<wsa:To>" + to + "</wsa:To><wsa:Action>" + WSD + "/" + action + "</wsa:Action>"
                + "<d:AppSequence InstanceId=\"" + instanceId + "\" MessageNumber=\"" + messageNumber.incrementAndGet() + "\"/>";
    }

    private String envelope(String header, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<env:Envelope xmlns:env=\"" + SoapXml.SOAP12 + "\" xmlns:wsa=\""
                + WSA + "\" xmlns:d=\"" + WSD + "\" xmlns:dn=\"" + DN + "\" xmlns:tds=\"" + TDS + "\"><env:Header>"
                + header + "</env:Header><env:Body>" + body + "</env:Body></env:Envelope>";
    }

    private String endpointReference() {
        return "<wsa:EndpointReference><wsa:Address>" + SoapXml.escape(config.endpointUrn())
                + "</wsa:Address></wsa:EndpointReference>";
    }

    private String description() {
        return endpointReference() + "<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>"
                + "<d:Scopes>" + SoapXml.escape(String.join(" ", config.scopes())) + "</d:Scopes>"
                + "<d:XAddrs>" + SoapXml.escape(String.join(" ", config.xaddrs().stream().map(Object::toString).toList()))
                + "</d:XAddrs><d:MetadataVersion>" + config.metadataVersion() + "</d:MetadataVersion>";
    }

    String probeMatch(String relatesTo) {
        return envelope(header("ProbeMatches", ANONYMOUS, relatesTo),
                "<d:ProbeMatches><d:ProbeMatch>" + description() + "</d:ProbeMatch></d:ProbeMatches>");
    }

    String hello() {
        return envelope(header("Hello", DISCOVERY_TO, null), "<d:Hello>" + description() + "</d:Hello>");
    }

    String bye() {
        return envelope(header("Bye", DISCOVERY_TO, null), "<d:Bye>" + endpointReference() + "</d:Bye>");
    }
}
