package org.doorstep.onvif;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/** A UDP peer on a loopback address that answers WS-Discovery probes with recorded-style replies. */
final class FakeWsdResponder implements AutoCloseable {
    final DatagramSocket socket;
    /** Replies go out from here when set: some devices answer from another port than 3702. */
    final DatagramSocket otherPortSocket;
    final List<String> received = new CopyOnWriteArrayList<>();
    private final Thread thread;

    /** {@code reply}: probe text and its MessageID → reply texts (empty: stay silent). */
    FakeWsdResponder(InetAddress bind, int port, boolean replyFromOtherPort,
            BiFunction<String, String, List<String>> reply) throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(bind, port));
        otherPortSocket = replyFromOtherPort ? new DatagramSocket(new InetSocketAddress(bind, 0)) : null;
        thread = new Thread(() -> loop(reply), "fake-wsd");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void loop(BiFunction<String, String, List<String>> reply) {
        byte[] buf = new byte[65536];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                String probe = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                received.add(probe);
                String msgId = between(probe, "<a:MessageID>", "</a:MessageID>");
                DatagramSocket out = otherPortSocket != null ? otherPortSocket : socket;
                for (String r : reply.apply(probe, msgId)) {
                    byte[] data = r.getBytes(StandardCharsets.UTF_8);
                    out.send(new DatagramPacket(data, data.length, p.getSocketAddress()));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    static String between(String s, String a, String b) {
        int i = s.indexOf(a);
        int j = i < 0 ? -1 : s.indexOf(b, i);
        return i < 0 || j < 0 ? "" : s.substring(i + a.length(), j);
    }

    static boolean isTyped(String probe, String type) {
        return between(probe, "<d:Types>", "</d:Types>").contains(type);
    }

    static boolean isUntyped(String probe) {
        return !probe.contains("<d:Types>");
    }

    /** A ProbeMatches reply in the style of real cameras. */
    static String probeMatch(String relatesTo, String endpoint, String types, String scopes, String xaddrs) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
                + " xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\""
                + " xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\""
                + " xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\">"
                + "<SOAP-ENV:Header><wsa:MessageID>urn:uuid:" + java.util.UUID.randomUUID() + "</wsa:MessageID>"
                + "<wsa:RelatesTo>" + relatesTo + "</wsa:RelatesTo>"
                + "<wsa:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsa:To>"
                + "<wsa:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</wsa:Action>"
                + "</SOAP-ENV:Header><SOAP-ENV:Body><d:ProbeMatches><d:ProbeMatch>"
                + "<wsa:EndpointReference><wsa:Address>" + endpoint + "</wsa:Address></wsa:EndpointReference>"
                + "<d:Types>" + types + "</d:Types><d:Scopes>" + scopes + "</d:Scopes>"
                + "<d:XAddrs>" + xaddrs + "</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion>"
                + "</d:ProbeMatch></d:ProbeMatches></SOAP-ENV:Body></SOAP-ENV:Envelope>";
    }

    /** Reolink style: prefixes used but never declared. */
    static String undeclaredPrefixMatch(String relatesTo, String endpoint, String xaddrs) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://www.w3.org/2003/05/soap-envelope\">"
                + "<SOAP-ENV:Header><wsa:RelatesTo>" + relatesTo + "</wsa:RelatesTo></SOAP-ENV:Header>"
                + "<SOAP-ENV:Body><wsdd:ProbeMatches><wsdd:ProbeMatch><wsa:EndpointReference><wsa:Address>"
                + endpoint + "</wsa:Address></wsa:EndpointReference>"
                + "<wsdd:Types>tdn:NetworkVideoTransmitter</wsdd:Types>"
                + "<wsdd:Scopes>onvif://www.onvif.org/name/Reolink%20Video%20Doorbell "
                + "onvif://www.onvif.org/hardware/D340P</wsdd:Scopes>"
                + "<wsdd:XAddrs>" + xaddrs + "</wsdd:XAddrs></wsdd:ProbeMatch></wsdd:ProbeMatches>"
                + "</SOAP-ENV:Body></SOAP-ENV:Envelope>";
    }

    /** Hikvision style: a SOAP fault in answer to a unicast probe. */
    static String fault(String relatesTo) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\">"
                + "<env:Header><wsa:RelatesTo>" + relatesTo + "</wsa:RelatesTo></env:Header>"
                + "<env:Body><env:Fault><env:Code><env:Value>env:Sender</env:Value></env:Code>"
                + "<env:Reason><env:Text xml:lang=\"en\">Invalid Message</env:Text></env:Reason>"
                + "</env:Fault></env:Body></env:Envelope>";
    }

    @Override
    public void close() {
        socket.close();
        if (otherPortSocket != null) {
            otherPortSocket.close();
        }
    }
}
