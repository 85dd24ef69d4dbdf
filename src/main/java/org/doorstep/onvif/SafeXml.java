package org.doorstep.onvif;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * XML parsing for data that comes from devices on the LAN, which we must treat as hostile: no DTDs (so no
 * entity expansion bombs and no external entities), no XInclude, a byte limit enforced while reading, and a
 * nesting depth limit. Elements are looked up by local name because cameras are sloppy with namespaces.
 */
public final class SafeXml {
    /** Limit for SOAP replies over HTTP. */
    public static final int SOAP_LIMIT = 1 << 20;
    /** Limit for a WS-Discovery datagram (a UDP payload cannot be larger anyway). */
    public static final int DATAGRAM_LIMIT = 64 << 10;
    public static final int MAX_DEPTH = 64;

    private SafeXml() {}

    /** Thrown when a document is too big, too deep, not well-formed or uses a forbidden construct. */
    public static final class RejectedXmlException extends Exception {
        public RejectedXmlException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Reads at most {@code limit} bytes from {@code in} and parses them; more bytes → rejected, the rest unread. */
    public static Document parse(InputStream in, int limit) throws RejectedXmlException, IOException {
        return parse(readBounded(in, limit), limit);
    }

    public static Document parse(byte[] data, int limit) throws RejectedXmlException {
        if (data.length > limit) {
            throw new RejectedXmlException("document larger than " + limit + " bytes", null);
        }
        Document doc;
        try {
            doc = parse(data, true);
        } catch (SAXParseException e) {
            // Some cameras (Reolink) use prefixes they never declare; a namespace-aware parser refuses that.
            // Parse again without namespaces and rely on local-name matching, which strips the prefix.
            if (!isUnboundPrefix(e)) {
                throw new RejectedXmlException("not acceptable XML: " + e.getMessage(), e);
            }
            try {
                doc = parse(data, false);
            } catch (SAXException | IOException e2) {
                throw new RejectedXmlException("not acceptable XML: " + e2.getMessage(), e2);
            }
        } catch (SAXException | IOException e) {
            throw new RejectedXmlException("not acceptable XML: " + e.getMessage(), e);
        }
        checkDepth(doc.getDocumentElement());
        return doc;
    }

    /** Copies at most {@code limit} bytes; throws as soon as the stream offers one more, without reading it all. */
    public static byte[] readBounded(InputStream in, int limit) throws IOException, RejectedXmlException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 16 << 10));
        byte[] buf = new byte[8192];
        int total = 0;
        while (true) {
            int want = Math.min(buf.length, limit + 1 - total);
            int n = in.read(buf, 0, want);
            if (n < 0) {
                return out.toByteArray();
            }
            total += n;
            if (total > limit) {
                throw new RejectedXmlException("reply larger than " + limit + " bytes", null);
            }
            out.write(buf, 0, n);
        }
    }

    private static boolean isUnboundPrefix(SAXParseException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("is not bound") || m.contains("not bound");
    }

    private static Document parse(byte[] data, boolean namespaceAware) throws SAXException, IOException {
        DocumentBuilder builder = secureBuilder(namespaceAware, MAX_DEPTH);
        InputSource source = new InputSource(new ByteArrayInputStream(data));
        return builder.parse(source);
    }

    /**
     * The one hardened parser configuration (also used by the camera simulator): no DOCTYPE (so no entity expansion
     * and no external entities), no XInclude, no external DTD or schema access, errors thrown instead of printed.
     * {@code maxElementDepth} > 0 also stops deep documents while parsing (JDK parser); 0 leaves the parser's default.
     */
    public static DocumentBuilder secureBuilder(boolean namespaceAware, int maxElementDepth) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(namespaceAware);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // No DOCTYPE at all: kills entity expansion (billion laughs) and external entities at the root.
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            if (maxElementDepth > 0) {
                try {
                    // JDK parser: stop deep documents while parsing, not only after.
                    f.setAttribute("jdk.xml.maxElementDepth", String.valueOf(maxElementDepth));
                } catch (IllegalArgumentException ignored) {
                    // other parser implementation; checkDepth still applies
                }
            }
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setValidating(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity refused");
            });
            b.setErrorHandler(QUIET);
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser cannot be configured safely", e);
        }
    }

    /** Keeps the JDK parser from printing "[Fatal Error]" lines to stderr. */
    private static final ErrorHandler QUIET = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private static void checkDepth(Element root) throws RejectedXmlException {
        record Item(Node node, int depth) {}
        Deque<Item> stack = new ArrayDeque<>();
        stack.push(new Item(root, 1));
        while (!stack.isEmpty()) {
            Item it = stack.pop();
            if (it.depth > MAX_DEPTH) {
                throw new RejectedXmlException("XML nested deeper than " + MAX_DEPTH, null);
            }
            for (Node c = it.node.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c.getNodeType() == Node.ELEMENT_NODE) {
                    stack.push(new Item(c, it.depth + 1));
                }
            }
        }
    }

    // ---- local-name helpers ----

    /** The element's name without any prefix, whether or not it was parsed namespace-aware. */
    public static String localName(Node n) {
        String ln = n.getLocalName();
        if (ln == null) {
            ln = n.getNodeName();
        }
        int colon = ln.indexOf(':');
        return colon < 0 ? ln : ln.substring(colon + 1);
    }

    /** Direct child elements of {@code parent}. */
    public static List<Element> children(Node parent) {
        List<Element> out = new ArrayList<>();
        NodeList nl = parent.getChildNodes();
        for (int i = 0; i < nl.getLength(); i++) {
            if (nl.item(i) instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    /** Direct child elements with the local name. */
    public static List<Element> children(Node parent, String local) {
        List<Element> out = new ArrayList<>();
        for (Element e : children(parent)) {
            if (localName(e).equals(local)) {
                out.add(e);
            }
        }
        return out;
    }

    public static Optional<Element> child(Node parent, String local) {
        for (Element e : children(parent)) {
            if (localName(e).equals(local)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Follows a chain of child local names from {@code start}. */
    public static Optional<Element> path(Node start, String... locals) {
        Node cur = start;
        for (String l : locals) {
            Optional<Element> next = child(cur, l);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            cur = next.get();
        }
        return cur instanceof Element e ? Optional.of(e) : Optional.empty();
    }

    /** All descendant elements (document order) with the local name. */
    public static List<Element> descendants(Node root, String local) {
        List<Element> out = new ArrayList<>();
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(root instanceof Document d ? d.getDocumentElement() : root);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            if (n instanceof Element e && localName(e).equals(local)) {
                out.add(e);
            }
            List<Element> kids = children(n);
            for (int i = kids.size() - 1; i >= 0; i--) {
                stack.push(kids.get(i));
            }
        }
        return out;
    }

    public static Optional<Element> first(Node root, String local) {
        List<Element> all = descendants(root, local);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Trimmed text of the first descendant with the local name, or null. */
    public static String text(Node root, String local) {
        return first(root, local).map(e -> e.getTextContent().trim()).orElse(null);
    }

    /** Trimmed text of a child path, or null. */
    public static String pathText(Node root, String... locals) {
        return path(root, locals).map(e -> e.getTextContent().trim()).orElse(null);
    }

    /** Attribute by local name (ignores prefixes), or null. */
    public static String attr(Element e, String local) {
        var attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Node a = attrs.item(i);
            if (localName(a).equals(local)) {
                return a.getNodeValue();
            }
        }
        return null;
    }

    /** Escapes text for inclusion in XML we build. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
