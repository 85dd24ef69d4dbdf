package org.doorstep.onvif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class SafeXmlTest {

    static final String BILLION_LAUGHS = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
             <!ENTITY lol "lol">
             <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
             <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
             <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
             <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
             <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
             <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
             <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
             <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><x>&lol9;</x></s:Body></s:Envelope>
            """.strip();

    static String externalEntity(Path secret) {
        return "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><x>&xxe;</x></s:Body>"
                + "</s:Envelope>";
    }

    @Test
    void billionLaughsIsRejected() {
        assertThatThrownBy(() -> SafeXml.parse(BILLION_LAUGHS.getBytes(StandardCharsets.UTF_8), SafeXml.SOAP_LIMIT))
                .isInstanceOf(SafeXml.RejectedXmlException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void externalEntityIsRejectedWithoutReadingTheFile(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("passwd");
        Files.writeString(secret, "root:SECRET-CONTENT:0:0");
        for (String target : new String[] {externalEntity(secret), externalEntity(Path.of("/etc/passwd"))}) {
            assertThatThrownBy(() -> SafeXml.parse(target.getBytes(StandardCharsets.UTF_8), SafeXml.SOAP_LIMIT))
                    .isInstanceOf(SafeXml.RejectedXmlException.class)
                    .hasMessageContaining("DOCTYPE")
                    .hasMessageNotContaining("SECRET-CONTENT")
                    .hasMessageNotContaining("root:");
        }
    }

    @Test
    void xincludeIsNotProcessed(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "SECRET-CONTENT");
        String xml = "<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"" + secret.toUri()
                + "\" parse=\"text\"/></r>";
        Document doc = SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8), SafeXml.SOAP_LIMIT);
        assertThat(doc.getDocumentElement().getTextContent()).doesNotContain("SECRET-CONTENT");
    }

    @Test
    void sizeLimitStopsReadingEarly() {
        CountingStream in = new CountingStream(10 * 1024 * 1024);
        assertThatThrownBy(() -> SafeXml.parse(in, SafeXml.SOAP_LIMIT))
                .isInstanceOf(SafeXml.RejectedXmlException.class)
                .hasMessageContaining("larger than");
        assertThat(in.served).isLessThanOrEqualTo(SafeXml.SOAP_LIMIT + 8192L);
    }

    @Test
    void deepNestingIsRejected() throws Exception {
        String deep = "<a>".repeat(200) + "</a>".repeat(200);
        assertThatThrownBy(() -> SafeXml.parse(deep.getBytes(StandardCharsets.UTF_8), SafeXml.SOAP_LIMIT))
                .isInstanceOf(SafeXml.RejectedXmlException.class);
        String ok = "<a>".repeat(30) + "</a>".repeat(30);
        assertThat(SafeXml.parse(ok.getBytes(StandardCharsets.UTF_8), SafeXml.SOAP_LIMIT)).isNotNull();
    }

    @Test
    void malformedIsRejected() {
        assertThatThrownBy(() -> SafeXml.parse("<a><b></a>".getBytes(StandardCharsets.UTF_8), 100))
                .isInstanceOf(SafeXml.RejectedXmlException.class);
    }

    @Test
    void undeclaredPrefixesAreToleratedAndMatchedByLocalName() throws Exception {
        String reolink = "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://www.w3.org/2003/05/soap-envelope\">"
                + "<SOAP-ENV:Body><wsdd:ProbeMatches><wsdd:ProbeMatch><wsdd:Types>tdn:NetworkVideoTransmitter"
                + "</wsdd:Types></wsdd:ProbeMatch></wsdd:ProbeMatches></SOAP-ENV:Body></SOAP-ENV:Envelope>";
        Document doc = SafeXml.parse(reolink.getBytes(StandardCharsets.UTF_8), SafeXml.DATAGRAM_LIMIT);
        assertThat(SafeXml.text(doc, "Types")).isEqualTo("tdn:NetworkVideoTransmitter");
        assertThat(SafeXml.path(doc.getDocumentElement(), "Body", "ProbeMatches", "ProbeMatch")).isPresent();
    }

    /** An endless-looking stream that counts how much was actually read from it. */
    static final class CountingStream extends InputStream {
        final long size;
        long served;

        CountingStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (served >= size) {
                return -1;
            }
            served++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (served >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - served);
            java.util.Arrays.fill(b, off, off + n, (byte) 'x');
            served += n;
            return n;
        }
    }

}
