package org.doorstep.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DigestMathTest {

    @Test
    void parsesQuotedAndPlainParameters() {
        Map<String, String> p = DigestMath.parseParams(
                "username=\"admin\", Realm=\"Door, step\",nonce=abc , uri=\"rtsp://127.0.0.1/x\", qop=auth");
        assertThat(p).containsEntry("username", "admin").containsEntry("realm", "Door, step")
                .containsEntry("nonce", "abc").containsEntry("uri", "rtsp://127.0.0.1/x").containsEntry("qop", "auth");
    }

    @Test
    void rfc2617ExampleResponse() {
        // RFC 2617 section 3.5
        String expected = DigestMath.expectedResponse("MD5", "Mufasa", "testrealm@host.com", "Circle Of Life", "GET",
                "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth");
        assertThat(expected).isEqualTo("6629fae49393a05397450978507c4ef1");
        assertThat(DigestMath.responseMatches(expected, "6629FAE49393A05397450978507C4EF1")).isTrue();
        assertThat(DigestMath.responseMatches(expected, "6629fae49393a05397450978507c4ef0")).isFalse();
    }
}
