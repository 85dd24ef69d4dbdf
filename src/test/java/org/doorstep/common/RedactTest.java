package org.doorstep.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RedactTest {

    @Test
    void credentialsAreRemovedFromDisplayedUrls() {
        assertThat(Redact.displayUrl("rtsp://u:p@cam.local:554/a@b")).isEqualTo("rtsp://cam.local:554/a@b");
        assertThat(Redact.displayUrl("/tmp/x.mp4")).isEqualTo("/tmp/x.mp4");
    }

    @Test
    void displayUrlHandlesAnAtSignInsideThePassword() {
        assertThat(Redact.displayUrl("rtsp://admin:p@ss@127.0.0.1:554/stream"))
                .isEqualTo("rtsp://127.0.0.1:554/stream");
        assertThat(Redact.displayUrl("rtsp://127.0.0.1:554/stream")).isEqualTo("rtsp://127.0.0.1:554/stream");
    }

    @Test
    void uriWithoutCredentialsKeepsHostPortAndPath() {
        assertThat(Redact.withoutCredentials(URI.create("rtsp://u:p@127.0.0.1:554/live?x=1")))
                .isEqualTo(URI.create("rtsp://127.0.0.1:554/live?x=1"));
    }
}
