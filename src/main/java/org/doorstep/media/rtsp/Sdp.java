package org.doorstep.media.rtsp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A session description (RFC 4566) as a camera's DESCRIBE answers it: only what reading its tracks needs.
 *
 * @param control the session's (aggregate) control URL, absolute: what PLAY names
 */
public record Sdp(String control, List<SdpTrack> tracks) {

    /** The first video track, or null. */
    public SdpTrack video() {
        return tracks.stream().filter(SdpTrack::isVideo).findFirst().orElse(null);
    }

    /** The first audio track, or null. */
    public SdpTrack audio() {
        return tracks.stream().filter(SdpTrack::isAudio).findFirst().orElse(null);
    }

    /**
     * Parses {@code text}; control URLs are resolved against {@code base} (the reply's Content-Base, else the URL
     * described), as RFC 2326 C.1.1 says.
     */
    static Sdp parse(String text, String base) {
        List<SdpTrack> tracks = new ArrayList<>();
        String sessionControl = null;
        Section section = null;
        for (String raw : text.split("\r?\n")) {
            String line = raw.trim();
            if (line.length() < 2 || line.charAt(1) != '=') {
                continue;
            }
            String value = line.substring(2);
            switch (line.charAt(0)) {
                case 'm' -> {
                    if (section != null) {
                        tracks.add(section.track(base, sessionControl));
                    }
                    section = Section.of(value);
                }
                case 'a' -> {
                    if (section == null) {
                        if (value.startsWith("control:")) {
                            sessionControl = value.substring(8).trim();
                        }
                    } else {
                        section.attribute(value);
                    }
                }
                default -> { }
            }
        }
        if (section != null) {
            tracks.add(section.track(base, sessionControl));
        }
        tracks.removeIf(t -> t == null);
        return new Sdp(sessionUrl(base, sessionControl), List.copyOf(tracks));
    }

    /** A media section being read. */
    private static final class Section {
        final String media;
        final int payloadType;
        String encoding;
        int clockRate;
        int channels = 1;
        final Map<String, String> fmtp = new LinkedHashMap<>();
        String control;

        private Section(String media, int payloadType) {
            this.media = media;
            this.payloadType = payloadType;
            if (payloadType == 0) {
                encoding = "PCMU";
                clockRate = 8000;
            } else if (payloadType == 8) {
                encoding = "PCMA";
                clockRate = 8000;
            }
        }

        /** "video 0 RTP/AVP 96" */
        static Section of(String m) {
            String[] f = m.trim().split("\\s+");
            int pt = -1;
            if (f.length >= 4) {
                try {
                    pt = Integer.parseInt(f[3]);
                } catch (NumberFormatException ignored) {
                    // no payload type: the section is ignored
                }
            }
            return new Section(f[0].toLowerCase(Locale.ROOT), pt);
        }

        void attribute(String a) {
            if (a.startsWith("rtpmap:")) {
                String[] f = a.substring(7).trim().split("\\s+", 2);
                if (f.length == 2 && f[0].equals(Integer.toString(payloadType))) {
                    String[] enc = f[1].split("/");
                    encoding = enc[0].toUpperCase(Locale.ROOT);
                    clockRate = enc.length > 1 ? parseInt(enc[1], 0) : 0;
                    channels = enc.length > 2 ? Math.max(1, parseInt(enc[2], 1)) : 1;
                }
            } else if (a.startsWith("fmtp:")) {
                String[] f = a.substring(5).trim().split("\\s+", 2);
                if (f.length == 2 && f[0].equals(Integer.toString(payloadType))) {
                    for (String p : f[1].split(";")) {
                        int eq = p.indexOf('=');
                        if (eq > 0) {
                            fmtp.put(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), p.substring(eq + 1).trim());
                        }
                    }
                }
            } else if (a.startsWith("control:")) {
                control = a.substring(8).trim();
            }
        }

        SdpTrack track(String base, String sessionControl) {
            if (payloadType < 0 || encoding == null || clockRate <= 0) {
                return null;
            }
            return new SdpTrack(media, payloadType, encoding, clockRate, channels, Map.copyOf(fmtp),
                    resolve(base, sessionControl, control));
        }
    }

    private static int parseInt(String s, int otherwise) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** A track's control: absolute as given, "*" or none is the session's, else relative to the base. */
    static String resolve(String base, String sessionControl, String control) {
        String sessionUrl = sessionUrl(base, sessionControl);
        if (control == null || control.equals("*")) {
            return sessionUrl;
        }
        if (isAbsolute(control)) {
            return control;
        }
        return join(sessionUrl, control);
    }

    private static String sessionUrl(String base, String sessionControl) {
        return sessionControl == null || sessionControl.equals("*") ? base
                : isAbsolute(sessionControl) ? sessionControl : join(base, sessionControl);
    }

    private static boolean isAbsolute(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("rtsp://") || lower.startsWith("rtsps://");
    }

    private static String join(String base, String relative) {
        // "rtsp://cam/main" + "trackID=0" -> "rtsp://cam/main/trackID=0", as cameras mean it and FFmpeg sends it,
        // a query included ("...?channel=1&subtype=0/trackID=0"): not URI resolution, which would drop "main"
        return base.endsWith("/") ? base + relative : base + "/" + relative;
    }
}
