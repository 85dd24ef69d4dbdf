package org.doorstep.onvif;

import java.util.List;

/** Default RTSP paths per brand, for cameras with ONVIF switched off. Prefer what GetStreamUri returns. */
public final class BrandStreams {
    private BrandStreams() {}

    /** One brand's main and sub stream path (sub may be null). */
    public record Template(String brand, String mainPath, String subPath) {}

    public static final List<Template> TEMPLATES = List.of(
            new Template("Dahua/Amcrest", "/cam/realmonitor?channel=1&subtype=0", "/cam/realmonitor?channel=1&subtype=1"),
            new Template("Hikvision", "/Streaming/Channels/101", "/Streaming/Channels/102"),
            new Template("Reolink (H.264)", "/h264Preview_01_main", "/h264Preview_01_sub"),
            new Template("Reolink (H.265)", "/h265Preview_01_main", "/h265Preview_01_sub"),
            new Template("Tapo", "/stream1", "/stream2"),
            new Template("Axis", "/axis-media/media.amp", null),
            new Template("Uniview", "/unicast/c1/s0/live", "/unicast/c1/s1/live"));
}
