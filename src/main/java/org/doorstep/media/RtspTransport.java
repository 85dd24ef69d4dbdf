package org.doorstep.media;

import java.util.Locale;

/** How RTP travels under RTSP: interleaved on the control connection (TCP), or as datagrams (UDP). */
public enum RtspTransport {
    TCP("tcp"),
    UDP("udp");

    private final String ffmpegName;

    RtspTransport(String ffmpegName) {
        this.ffmpegName = ffmpegName;
    }

    /** The value of FFmpeg's {@code rtsp_transport} option. */
    public String ffmpegName() {
        return ffmpegName;
    }

    /**
     * The camera setting ("tcp"/"udp", as stored). Anything else means TCP: it passes NAT and firewalls and loses
     * nothing, so it is the safe reading of a missing or odd value.
     */
    public static RtspTransport fromSetting(String setting) {
        return setting != null && "udp".equals(setting.trim().toLowerCase(Locale.ROOT)) ? UDP : TCP;
    }
}
