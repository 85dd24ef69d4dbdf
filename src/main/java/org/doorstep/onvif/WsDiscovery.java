package org.doorstep.onvif;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** WS-Discovery (2005/04) messages: the probes we send and the replies/announcements we read. */
public final class WsDiscovery {
    public static final int PORT = 3702;
    public static final InetAddress GROUP_V4 = literal("239.255.255.250");
    public static final InetAddress GROUP_V6 = literal("ff02::c");
    static final String NS_SOAP = "http://www.w3.org/2003/05/soap-envelope";
    static final String NS_WSA = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    static final String NS_WSD = "http://schemas.xmlsoap.org/ws/2005/04/discovery";

    private WsDiscovery() {}

    /** What to ask for. One type per probe: a device must match every listed type. */
    public enum ProbeType {
        NETWORK_VIDEO_TRANSMITTER("dn:NetworkVideoTransmitter"),
        DEVICE("tds:Device"),
        UNTYPED(null);

        final String qname;

        ProbeType(String qname) {
            this.qname = qname;
        }
    }

    public static String probe(ProbeType type) {
        return probe(type, "urn:uuid:" + UUID.randomUUID());
    }

    public static String probe(ProbeType type, String messageId) {
        String body = type.qname == null ? "<d:Probe/>" : "<d:Probe><d:Types>" + type.qname + "</d:Types></d:Probe>";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<s:Envelope xmlns:s=\"" + NS_SOAP + "\" xmlns:a=\"" + NS_WSA + "\" xmlns:d=\"" + NS_WSD
                + "\" xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\""
                + " xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\">"
                + "<s:Header>"
                + "<a:Action s:mustUnderstand=\"1\">" + NS_WSD + "/Probe</a:Action>"
                + "<a:MessageID>" + messageId + "</a:MessageID>"
                + "<a:ReplyTo><a:Address>" + NS_WSA + "/role/anonymous</a:Address></a:ReplyTo>"
                + "<a:To s:mustUnderstand=\"1\">urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>"
                + "</s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    }

    /** A discovery message from the wire. */
    public sealed interface Message permits ProbeMatches, Hello, Bye, Fault {}

    /** One device description inside a ProbeMatch or Hello. */
    public record Match(String endpoint, List<String> types, List<String> scopes, List<String> xaddrs) {}

    public record ProbeMatches(List<Match> matches) implements Message {}

    public record Hello(Match match) implements Message {}

    public record Bye(String endpoint) implements Message {}

    public record Fault(String reason) implements Message {}

    /** Parses a datagram; empty for messages we do not care about (probes, including our own looped back). */
    public static Optional<Message> parse(byte[] datagram) throws SafeXml.RejectedXmlException {
        Document doc = SafeXml.parse(datagram, SafeXml.DATAGRAM_LIMIT);
        Element body = SafeXml.child(doc.getDocumentElement(), "Body").orElse(null);
        if (body == null) {
            return Optional.empty();
        }
        List<Element> content = SafeXml.children(body);
        if (content.isEmpty()) {
            return Optional.empty();
        }
        Element first = content.get(0);
        switch (SafeXml.localName(first)) {
            case "ProbeMatches": {
                List<Match> list = new ArrayList<>();
                for (Element m : SafeXml.children(first, "ProbeMatch")) {
                    list.add(match(m));
                }
                return Optional.of(new ProbeMatches(list));
            }
            case "Hello":
                return Optional.of(new Hello(match(first)));
            case "Bye":
                return Optional.of(new Bye(endpoint(first)));
            case "Fault": {
                String reason = SafeXml.text(first, "Text");
                if (reason == null) {
                    reason = SafeXml.text(first, "faultstring");
                }
                return Optional.of(new Fault(reason == null ? "" : reason));
            }
            default:
                return Optional.empty();
        }
    }

    private static Match match(Element m) {
        return new Match(endpoint(m), words(SafeXml.pathText(m, "Types")), words(SafeXml.pathText(m, "Scopes")),
                words(SafeXml.pathText(m, "XAddrs")));
    }

    private static String endpoint(Element m) {
        String epr = SafeXml.pathText(m, "EndpointReference", "Address");
        return epr == null || epr.isEmpty() ? null : epr;
    }

    private static List<String> words(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        return Arrays.stream(s.trim().split("\\s+")).toList();
    }

    /** The type names without prefixes, e.g. NetworkVideoTransmitter. */
    static List<String> localTypes(List<String> types) {
        return types.stream().map(t -> t.contains(":") ? t.substring(t.lastIndexOf(':') + 1) : t).toList();
    }

    /** Builds the device as seen from {@code sender}; returns null when the sender may not be contacted. */
    public static DiscoveredDevice toDevice(Match m, InetAddress sender) {
        String endpoint = m.endpoint() != null ? m.endpoint() : "urn:doorstep:sender:" + sender.getHostAddress();
        return new DiscoveredDevice(
                scope(m.scopes(), "name"),
                Optional.ofNullable(scope(m.scopes(), "mfr")).orElse(scope(m.scopes(), "manufacturer")),
                scope(m.scopes(), "hardware"),
                sender,
                chooseServiceUrl(m.xaddrs(), sender),
                null,
                endpoint,
                localTypes(m.types()),
                m.scopes(),
                m.xaddrs());
    }

    /** Value of {@code onvif://www.onvif.org/<kind>/<value>}, URL-decoded, or null. */
    static String scope(List<String> scopes, String kind) {
        String prefix = "onvif://www.onvif.org/" + kind + "/";
        for (String s : scopes) {
            if (s.regionMatches(true, 0, prefix, 0, prefix.length()) && s.length() > prefix.length()) {
                try {
                    return URLDecoder.decode(s.substring(prefix.length()), StandardCharsets.UTF_8).trim();
                } catch (IllegalArgumentException e) {
                    return s.substring(prefix.length());
                }
            }
        }
        return null;
    }

    /**
     * Picks the XAddr to use and points it at the sender: several XAddrs → prefer the one naming the sender,
     * then IPv4 literals; announced host 0.0.0.0 or a stale IP → the sender's address with the XAddr's port/path.
     */
    public static URI chooseServiceUrl(List<String> xaddrs, InetAddress sender) {
        List<URI> uris = new ArrayList<>();
        for (String x : xaddrs) {
            try {
                URI u = new URI(x);
                if (u.getHost() != null && u.getScheme() != null
                        && (u.getScheme().equalsIgnoreCase("http") || u.getScheme().equalsIgnoreCase("https"))) {
                    uris.add(u);
                }
            } catch (URISyntaxException ignored) {
                // a broken entry among several is common enough; skip it
            }
        }
        if (uris.isEmpty()) {
            return null;
        }
        URI chosen = uris.stream().filter(u -> sameHost(u, sender)).findFirst()
                .or(() -> uris.stream().filter(u -> isIpv4Literal(u.getHost())).findFirst())
                .orElse(uris.get(0));
        return withHost(chosen, sender);
    }

    static boolean sameHost(URI u, InetAddress a) {
        String h = u.getHost();
        if (h.startsWith("[")) {
            h = h.substring(1, h.length() - 1);
        }
        if (!isLiteral(h)) {
            return false;
        }
        return literal(h).equals(a);
    }

    static URI withHost(URI u, InetAddress host) {
        try {
            String h = host.getHostAddress();
            int pct = h.indexOf('%');
            if (pct >= 0) {
                h = h.substring(0, pct);
            }
            return new URI(u.getScheme(), null, h, u.getPort(), u.getPath(), u.getQuery(), null);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    static boolean isIpv4Literal(String h) {
        return h != null && h.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    static boolean isLiteral(String h) {
        return isIpv4Literal(h) || (h != null && h.contains(":") && h.matches("[0-9a-fA-F:.%a-zA-Z0-9]+"));
    }

    /** Parses an IP literal without any DNS lookup. */
    static InetAddress literal(String ip) {
        try {
            if (!isLiteral(ip)) {
                throw new IllegalArgumentException("not an IP literal: " + ip);
            }
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }

    static boolean isV4(InetAddress a) {
        return a instanceof Inet4Address;
    }
}
