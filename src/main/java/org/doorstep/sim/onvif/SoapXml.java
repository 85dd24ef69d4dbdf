package org.doorstep.sim.onvif;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.doorstep.onvif.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** Secure XML parsing and small helpers for hand-written SOAP 1.2 messages. */
final class SoapXml {
    static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";

    /** Namespaces declared on every response envelope. */
    static final String NAMESPACES = " xmlns:env=\"" + SOAP12 + "\""
            + " xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\""
            + " xmlns:trt=\"http://www.onvif.org/ver10/media/wsdl\""
            + " xmlns:tr2=\"http://www.onvif.org/ver20/media/wsdl\""
            + " xmlns:tt=\"http://www.onvif.org/ver10/schema\""
            + " xmlns:tev=\"http://www.onvif.org/ver10/events/wsdl\""
            + " xmlns:wsnt=\"http://docs.oasis-open.org/wsn/b-2\""
            + " xmlns:wstop=\"http://docs.oasis-open.org/wsn/t-1\""
            + " xmlns:wsa5=\"http://www.w3.org/2005/08/addressing\""
            + " xmlns:tns1=\"http://www.onvif.org/ver10/topics\""
            + " xmlns:ter=\"http://www.onvif.org/ver10/error\""
            + " xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"";

    private SoapXml() {}

    /**
     * Parses with the shared hardened parser ({@link SafeXml#secureBuilder}), namespace-aware; hostile payloads
     * (XXE, billion laughs) fail fast. The request size cap is the server's; no extra depth limit here.
     */
    static Document parse(byte[] xml) throws SAXException {
        try (InputStream in = new ByteArrayInputStream(xml)) {
            return SafeXml.secureBuilder(true, 0).parse(in);
        } catch (IOException e) {
            throw new SAXException(e);
        }
    }

    static Element firstChild(Node parent) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    /** First child element with this local name, namespace ignored (vendors vary prefixes and namespaces). */
    static Element child(Node parent, String localName) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(localName(e))) {
                return e;
            }
        }
        return null;
    }

    static List<Element> children(Node parent, String localName) {
        List<Element> out = new ArrayList<>();
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && localName.equals(localName(e))) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** First descendant element (depth-first) with this local name. */
    static Element descendant(Node root, String localName) {
        if (root == null) {
            return null;
        }
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if (localName.equals(localName(e))) {
                    return e;
                }
                Element deeper = descendant(e, localName);
                if (deeper != null) {
                    return deeper;
                }
            }
        }
        return null;
    }

    /** Trimmed text of the child with this local name, or null. */
    static String childText(Node parent, String localName) {
        Element c = child(parent, localName);
        return c == null ? null : c.getTextContent().trim();
    }

    static String localName(Element e) {
        String ln = e.getLocalName();
        if (ln != null) {
            return ln;
        }
        String tag = e.getTagName();
        int colon = tag.indexOf(':');
        return colon < 0 ? tag : tag.substring(colon + 1);
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    // XML 1.0 forbids most control characters even when escaped
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    static String envelope(String header, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<env:Envelope" + NAMESPACES + ">"
                + (header == null || header.isEmpty() ? "" : "<env:Header>" + header + "</env:Header>")
                + "<env:Body>" + body + "</env:Body></env:Envelope>";
    }

    /** xs:dateTime in UTC with a Z suffix, millisecond precision at most. */
    static String dateTime(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * Reads an ONVIF termination/timeout value: an xs:duration ("PT60S", "P0DT1M") relative to
     * {@code now}, or an absolute xs:dateTime. Returns the absolute instant.
     */
    static Instant absoluteTime(String value, Instant now) throws SoapFault {
        String v = value.trim();
        if (v.startsWith("P") || v.startsWith("-P")) {
            return now.plus(duration(v));
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            try {
                // xs:dateTime without a zone: ONVIF cameras treat it as UTC
                return java.time.LocalDateTime.parse(v).toInstant(java.time.ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw SoapFault.sender("Invalid time value: " + v, "ter:InvalidArgVal");
            }
        }
    }

    static Duration duration(String value) throws SoapFault {
        String v = value.trim();
        try {
            return Duration.parse(v);
        } catch (DateTimeParseException e) {
            // xs:duration allows years/months, which Duration cannot parse; treat as 30-day months
            try {
                javax.xml.datatype.Duration d = javax.xml.datatype.DatatypeFactory.newInstance().newDuration(v);
                return Duration.ofMillis(d.getTimeInMillis(new java.util.Date(0)));
            } catch (Exception e2) {
                throw SoapFault.sender("Invalid duration: " + v, "ter:InvalidArgVal");
            }
        }
    }
}
