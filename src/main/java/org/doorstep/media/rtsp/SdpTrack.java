package org.doorstep.media.rtsp;

import java.util.Locale;
import java.util.Map;

/**
 * One media section of a session description.
 *
 * @param media       "video" or "audio" (lower case)
 * @param payloadType the first payload type of the m= line
 * @param encoding    the encoding name of its rtpmap, upper case ("H264", "PCMU", "MPEG4-GENERIC"); for static
 *                    payload types without rtpmap the standard name (0 PCMU, 8 PCMA)
 * @param clockRate   RTP clock rate in Hz
 * @param channels    audio channels (1 unless the rtpmap says)
 * @param fmtp        the fmtp parameters, names lower case
 * @param control     the track's control URL, absolute
 */
public record SdpTrack(String media, int payloadType, String encoding, int clockRate, int channels,
                       Map<String, String> fmtp, String control) {

    public boolean isVideo() {
        return media.equals("video");
    }

    public boolean isAudio() {
        return media.equals("audio");
    }

    String fmtp(String name) {
        return fmtp.get(name.toLowerCase(Locale.ROOT));
    }
}
