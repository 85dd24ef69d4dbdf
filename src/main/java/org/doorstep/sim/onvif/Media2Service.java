package org.doorstep.sim.onvif;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.w3c.dom.Element;

/** tr2: the ONVIF Media2 service (ver20), the subset a recorder needs: profiles, stream and snapshot URIs. */
final class Media2Service implements SoapService {
    private final List<SimProfile> profiles;
    private final Function<String, URI> streamUris;

    Media2Service(List<SimProfile> profiles, Function<String, URI> streamUris) {
        this.profiles = List.copyOf(profiles);
        this.streamUris = streamUris;
    }

    @Override
    public Set<String> actions() {
        return Set.of("GetProfiles", "GetStreamUri", "GetSnapshotUri", "GetServiceCapabilities");
    }

    @Override
    public String handle(String action, Request request) throws SoapFault {
        return switch (action) {
            case "GetProfiles" -> profiles(request.operation());
            case "GetStreamUri" -> streamUri(request.operation());
            case "GetSnapshotUri" -> {
                SimProfile p = profileOf(SoapXml.childText(request.operation(), "ProfileToken"));
                yield "<tr2:GetSnapshotUriResponse><tr2:Uri>" + SoapXml.escape(request.baseUrl()
                        + OnvifSimServer.SNAPSHOT_PATH + "?profile=" + URLEncoder.encode(p.token(), StandardCharsets.UTF_8))
                        + "</tr2:Uri></tr2:GetSnapshotUriResponse>";
            }
            case "GetServiceCapabilities" -> "<tr2:GetServiceCapabilitiesResponse>" + capabilities(profiles.size())
                    + "</tr2:GetServiceCapabilitiesResponse>";
            default -> throw SoapFault.actionNotSupported(action);
        };
    }

    static String capabilities(int profileCount) {
        return "<tr2:Capabilities SnapshotUri=\"true\" Rotation=\"false\" VideoSourceMode=\"false\" OSD=\"false\""
                + " TemporaryOSDText=\"false\" Mask=\"false\" SourceMask=\"false\">"
                + "<tr2:ProfileCapabilities MaximumNumberOfProfiles=\"" + profileCount + "\" ConfigurationsSupported=\"VideoSource VideoEncoder\"/>"
                + "<tr2:StreamingCapabilities RTSPStreaming=\"true\" RTPMulticast=\"false\" RTP_RTSP_TCP=\"true\""
                + " NonAggregateControl=\"false\" AutoStartMulticast=\"false\"/></tr2:Capabilities>";
    }

    private SimProfile profileOf(String token) throws SoapFault {
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

    private String profiles(Element op) throws SoapFault {
        String token = SoapXml.childText(op, "Token");
        List<SimProfile> selected = token == null ? profiles : List.of(profileOf(token));
        SimProfile source = profiles.stream()
                .max((a, b) -> Integer.compare(a.width() * a.height(), b.width() * b.height())).orElseThrow();
        StringBuilder sb = new StringBuilder("<tr2:GetProfilesResponse>");
        for (SimProfile p : selected) {
            String t = SoapXml.escape(p.token());
            sb.append("<tr2:Profiles token=\"").append(t).append("\" fixed=\"true\"><tr2:Name>").append(t)
                    .append("</tr2:Name><tr2:Configurations>")
                    .append("<tr2:VideoSource token=\"").append(MediaService.VIDEO_SOURCE_CONFIG_TOKEN).append("\"><tt:Name>")
                    .append(MediaService.VIDEO_SOURCE_CONFIG_TOKEN).append("</tt:Name><tt:UseCount>").append(profiles.size())
                    .append("</tt:UseCount><tt:SourceToken>").append(MediaService.VIDEO_SOURCE_TOKEN)
                    .append("</tt:SourceToken><tt:Bounds x=\"0\" y=\"0\" width=\"").append(source.width())
                    .append("\" height=\"").append(source.height()).append("\"/></tr2:VideoSource>")
                    .append("<tr2:VideoEncoder token=\"VideoEncoder_").append(t).append("\" GovLength=\"")
                    .append(p.fps() * 2).append("\"><tt:Name>VideoEncoder_").append(t).append("</tt:Name>")
                    .append("<tt:UseCount>1</tt:UseCount><tt:Encoding>").append(SoapXml.escape(p.encoding()))
                    .append("</tt:Encoding><tt:Resolution><tt:Width>").append(p.width()).append("</tt:Width><tt:Height>")
                    .append(p.height()).append("</tt:Height></tt:Resolution><tt:RateControl ConstantBitRate=\"false\">")
                    .append("<tt:FrameRateLimit>").append(p.fps()).append("</tt:FrameRateLimit><tt:BitrateLimit>")
                    .append(Math.max(128, (long) p.width() * p.height() * p.fps() / 10_000))
                    .append("</tt:BitrateLimit></tt:RateControl><tt:Quality>5</tt:Quality></tr2:VideoEncoder>")
                    .append("</tr2:Configurations></tr2:Profiles>");
        }
        return sb.append("</tr2:GetProfilesResponse>").toString();
    }

    private String streamUri(Element op) throws SoapFault {
        SimProfile p = profileOf(SoapXml.childText(op, "ProfileToken"));
        String protocol = SoapXml.childText(op, "Protocol");
        if (protocol != null && !Set.of("RTSP", "RtspUnicast", "RTSPUnicast").contains(protocol)) {
            throw SoapFault.invalidArg("Only RTSP unicast is supported", "ter:InvalidStreamSetup");
        }
        URI uri;
        try {
            uri = streamUris.apply(p.token());
        } catch (RuntimeException e) {
            uri = null;
        }
        if (uri == null) {
            throw SoapFault.receiver("Stream not available", "ter:Action", "ter:StreamConflict");
        }
        return "<tr2:GetStreamUriResponse><tr2:Uri>" + SoapXml.escape(uri.toString()) + "</tr2:Uri></tr2:GetStreamUriResponse>";
    }
}
