package org.doorstep.sim.onvif;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.doorstep.onvif.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Client side helpers for talking to the simulated camera in tests: raw SOAP over java.net.http. */
final class OnvifTestSupport {
    static final String TDS = "http://www.onvif.org/ver10/device/wsdl";
    static final String TRT = "http://www.onvif.org/ver10/media/wsdl";
    static final String TT = "http://www.onvif.org/ver10/schema";
    static final String TEV = "http://www.onvif.org/ver10/events/wsdl";
    static final String WSNT = "http://docs.oasis-open.org/wsn/b-2";
    static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final SecureRandom RANDOM = new SecureRandom();

    record Reply(int status, String body, HttpHeaders headers) {
        Document doc() {
            return parse(body);
        }
    }

    private OnvifTestSupport() {}

    /** Parses a reply with the client's hardened parser (no DTDs, no external entities), namespace aware. */
    static Document parse(String xml) {
        try {
            return SafeXml.secureBuilder(true, 0).parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("response is not well-formed XML: " + xml, e);
        }
    }

    static String envelope(String header, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"" + SOAP12 + "\""
                + " xmlns:tds=\"" + TDS + "\" xmlns:trt=\"" + TRT + "\" xmlns:tt=\"" + TT + "\" xmlns:tev=\"" + TEV
                + "\" xmlns:wsnt=\"" + WSNT + "\">"
                + (header == null ? "" : "<s:Header>" + header + "</s:Header>") + "<s:Body>" + body
                + "</s:Body></s:Envelope>";
    }

    static String created(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    static byte[] nonce() {
        byte[] n = new byte[16];
        RANDOM.nextBytes(n);
        return n;
    }

    /** WS-Security header with PasswordDigest, computed independently of the server code. */
    static String usernameToken(String user, String password, Instant created, byte[] nonce) {
        String createdText = created(created);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(createdText.getBytes(StandardCharsets.UTF_8));
            sha1.update(password.getBytes(StandardCharsets.UTF_8));
            String digest = Base64.getEncoder().encodeToString(sha1.digest());
            return "<wsse:Security s:mustUnderstand=\"true\""
                    + " xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\""
                    + " xmlns:wsu=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd\">"
                    + "<wsse:UsernameToken><wsse:Username>" + user + "</wsse:Username>"
                    + "<wsse:Password Type=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest\">"
                    + digest + "</wsse:Password>"
                    + "<wsse:Nonce EncodingType=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary\">"
                    + Base64.getEncoder().encodeToString(nonce) + "</wsse:Nonce>"
                    + "<wsu:Created>" + createdText + "</wsu:Created></wsse:UsernameToken></wsse:Security>";
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Reply post(URI uri, String xml) {
        return post(uri, xml.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30));
    }

    static Reply post(URI uri, byte[] body, Duration timeout) {
        try {
            HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Content-Type", "application/soap+xml; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.body(), r.headers());
        } catch (Exception e) {
            throw new AssertionError("request to " + uri + " failed", e);
        }
    }

    static Element first(Document d, String ns, String localName) {
        NodeList list = d.getElementsByTagNameNS(ns, localName);
        if (list.getLength() == 0) {
            throw new AssertionError("no {" + ns + "}" + localName + " in response");
        }
        return (Element) list.item(0);
    }

    static String text(Document d, String ns, String localName) {
        return first(d, ns, localName).getTextContent().trim();
    }

    static List<Element> all(Document d, String ns, String localName) {
        NodeList list = d.getElementsByTagNameNS(ns, localName);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    /** Fault subcode values, outermost first. */
    static List<String> faultSubcodes(Document d) {
        List<String> out = new ArrayList<>();
        for (Element sub : all(d, SOAP12, "Subcode")) {
            Element value = (Element) sub.getElementsByTagNameNS(SOAP12, "Value").item(0);
            out.add(value.getTextContent().trim());
        }
        return out;
    }

    static URI at(OnvifSimServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
