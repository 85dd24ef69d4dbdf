package org.doorstep.sim.onvif;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.w3c.dom.Element;

/** trt: the ONVIF media service (ver10): profiles, stream URIs and snapshot URIs. */
final class MediaService implements SoapService {
    static final String VIDEO_SOURCE_TOKEN = "VideoSource_1";
    static final String VIDEO_SOURCE_CONFIG_TOKEN = "VideoSourceConfig_1";

    private final List<SimProfile> profiles;
    private final Function<String, URI> streamUris;

    MediaService(List<SimProfile> profiles, Function<String, URI> streamUris) {
        this.profiles = List.copyOf(profiles);
        this.streamUris = streamUris;
    }

    @Override
    public Set<String> actions() {
        return Set.of("GetProfiles", "GetProfile", "GetStreamUri", "GetSnapshotUri", "GetVideoSources",
                "GetServiceCapabilities");
    }

    @Override
    public String handle(String action, Request request) throws SoapFault {
        return switch (action) {
            case "GetProfiles" -> {
                StringBuilder sb = new StringBuilder("<trt:GetProfilesResponse>");
                for (SimProfile p : profiles) {
                    sb.append(profile("trt:Profiles", p));
                }
                yield sb.append("</trt:GetProfilesResponse>").toString();
            }
            case "GetProfile" -> "<trt:GetProfileResponse>" + profile("trt:Profile", profileOf(request.operation()))
                    + "</trt:GetProfileResponse>";
            case "GetStreamUri" -> streamUri(request.operation());
            case "GetSnapshotUri" -> snapshotUri(request);
            case "GetVideoSources" -> videoSources();
            case "GetServiceCapabilities" -> "<trt:GetServiceCapabilitiesResponse>" + capabilities(profiles.size())
                    + "</trt:GetServiceCapabilitiesResponse>";
            default -> throw SoapFault.actionNotSupported(action);
        };
    }

    static String capabilities(int profileCount) {
        return "<trt:Capabilities SnapshotUri=\"true\" Rotation=\"false\" VideoSourceMode=\"false\" OSD=\"false\">"
                + "<trt:ProfileCapabilities MaximumNumberOfProfiles=\"" + profileCount + "\"/>"
                + "<trt:StreamingCapabilities RTPMulticast=\"false\" RTP_TCP=\"true\" RTP_RTSP_TCP=\"true\""
                + " NonAggregateControl=\"false\" NoRTSPStreaming=\"false\"/></trt:Capabilities>";
    }

    private SimProfile largest() {
        return profiles.stream().max((a, b) -> Integer.compare(a.width() * a.height(), b.width() * b.height()))
                .orElseThrow();
    }

    private SimProfile profileOf(Element operation) throws SoapFault {
        String token = SoapXml.childText(operation, "ProfileToken");
        if (token == null) {
            throw SoapFault.invalidArg("ProfileToken missing", "ter:NoProfile");
        }
        for (SimProfile p : profiles) {
            if (p.token().equals(token)) {
                return p;
            }
        }
        throw SoapFault.invalidArg("No such profile: " + token, "ter:NoProfile");
    }

    private String profile(String element, SimProfile p) {
        SimProfile source = largest();
        String t = SoapXml.escape(p.token());
        return "<" + element + " token=\"" + t + "\" fixed=\"true\"><tt:Name>" + t + "</tt:Name>"
                + "<tt:VideoSourceConfiguration token=\"" + VIDEO_SOURCE_CONFIG_TOKEN + "\"><tt:Name>"
                + VIDEO_SOURCE_CONFIG_TOKEN + "</tt:Name><tt:UseCount>" + profiles.size() + "</tt:UseCount>"
                + "<tt:SourceToken>" + VIDEO_SOURCE_TOKEN + "</tt:SourceToken><tt:Bounds x=\"0\" y=\"0\" width=\""
                + source.width() + "\" height=\"" + source.height() + "\"/></tt:VideoSourceConfiguration>"
                + "<tt:VideoEncoderConfiguration token=\"VideoEncoder_" + t + "\"><tt:Name>VideoEncoder_" + t
                + "</tt:Name><tt:UseCount>1</tt:UseCount><tt:Encoding>" + SoapXml.escape(p.encoding())
                + "</tt:Encoding><tt:Resolution><tt:Width>" + p.width() + "</tt:Width><tt:Height>" + p.height()
                + "</tt:Height></tt:Resolution><tt:Quality>5</tt:Quality><tt:RateControl><tt:FrameRateLimit>"
                + p.fps() + "</tt:FrameRateLimit><tt:EncodingInterval>1</tt:EncodingInterval><tt:BitrateLimit>"
                + bitrateKbps(p) + "</tt:BitrateLimit></tt:RateControl>"
                + ("H264".equalsIgnoreCase(p.encoding()) ? "<tt:H264><tt:GovLength>" + (p.fps() * 2)
                        + "</tt:GovLength><tt:H264Profile>Main</tt:H264Profile></tt:H264>" : "")
                + "<tt:Multicast><tt:Address><tt:Type>IPv4</tt:Type><tt:IPv4Address>0.0.0.0</tt:IPv4Address>"
                + "</tt:Address><tt:Port>0</tt:Port><tt:TTL>0</tt:TTL><tt:AutoStart>false</tt:AutoStart></tt:Multicast>"
                + "<tt:SessionTimeout>PT60S</tt:SessionTimeout></tt:VideoEncoderConfiguration>"
                + "</" + element + ">";
    }

    private static int bitrateKbps(SimProfile p) {
        // roughly 0.1 bit per pixel per frame, a typical H.264 camera setting
        return Math.max(128, (int) ((long) p.width() * p.height() * p.fps() / 10_000));
    }

    private String streamUri(Element op) throws SoapFault {
        SimProfile p = profileOf(op);
        Element setup = SoapXml.child(op, "StreamSetup");
        String stream = SoapXml.childText(setup, "Stream");
        String protocol = SoapXml.childText(SoapXml.child(setup, "Transport"), "Protocol");
        if (stream != null && !stream.equals("RTP-Unicast")) {
            throw SoapFault.invalidArg("Only RTP-Unicast is supported", "ter:InvalidStreamSetup");
        }
        if (protocol != null && !Set.of("RTSP", "UDP", "TCP").contains(protocol)) {
            throw SoapFault.invalidArg("Only RTSP transport is supported", "ter:InvalidStreamSetup");
        }
        URI uri;
        try {
            uri = streamUris.apply(p.token());
        } catch (RuntimeException e) {
            throw SoapFault.receiver("Stream not available", "ter:Action", "ter:StreamConflict");
        }
        if (uri == null) {
            throw SoapFault.receiver("Stream not available", "ter:Action", "ter:StreamConflict");
        }
        return "<trt:GetStreamUriResponse>" + mediaUri(uri.toString()) + "</trt:GetStreamUriResponse>";
    }

    private String snapshotUri(Request request) throws SoapFault {
        SimProfile p = profileOf(request.operation());
        String uri = request.baseUrl() + OnvifSimServer.SNAPSHOT_PATH + "?profile="
                + URLEncoder.encode(p.token(), StandardCharsets.UTF_8);
        return "<trt:GetSnapshotUriResponse>" + mediaUri(uri) + "</trt:GetSnapshotUriResponse>";
    }

    private static String mediaUri(String uri) {
        return "<trt:MediaUri><tt:Uri>" + SoapXml.escape(uri) + "</tt:Uri>"
                + "<tt:InvalidAfterConnect>false</tt:InvalidAfterConnect>"
                + "<tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout></trt:MediaUri>";
    }

    private String videoSources() {
        SimProfile s = largest();
        return "<trt:GetVideoSourcesResponse><trt:VideoSources token=\"" + VIDEO_SOURCE_TOKEN + "\">"
                + "<tt:Framerate>" + s.fps() + "</tt:Framerate><tt:Resolution><tt:Width>" + s.width()
                + "</tt:Width><tt:Height>" + s.height() + "</tt:Height></tt:Resolution></trt:VideoSources>"
                + "</trt:GetVideoSourcesResponse>";
    }
}
