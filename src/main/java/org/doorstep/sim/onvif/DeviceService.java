package org.doorstep.sim.onvif;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Set;

/** tds: the ONVIF device service (ver10). */
final class DeviceService implements SoapService {
    private final OnvifSimConfig config;
    private final Clock cameraClock;
    private final int profileCount;

    DeviceService(OnvifSimConfig config, Clock cameraClock, int profileCount) {
        this.config = config;
        this.cameraClock = cameraClock;
        this.profileCount = profileCount;
    }

    @Override
    public Set<String> actions() {
        return Set.of("GetSystemDateAndTime", "GetCapabilities", "GetServices", "GetServiceCapabilities",
                "GetDeviceInformation", "GetScopes", "GetHostname");
    }

    @Override
    public String handle(String action, Request request) throws SoapFault {
        return switch (action) {
            case "GetSystemDateAndTime" -> systemDateAndTime();
            case "GetCapabilities" -> capabilities(request);
            case "GetServices" -> services(request);
            case "GetServiceCapabilities" -> "<tds:GetServiceCapabilitiesResponse>" + deviceCapabilities()
                    + "</tds:GetServiceCapabilitiesResponse>";
            case "GetDeviceInformation" -> deviceInformation();
            case "GetScopes" -> scopes();
            case "GetHostname" -> "<tds:GetHostnameResponse><tds:HostnameInformation><tt:FromDHCP>false</tt:FromDHCP>"
                    + "<tt:Name>" + SoapXml.escape(hostname()) + "</tt:Name></tds:HostnameInformation></tds:GetHostnameResponse>";
            default -> throw SoapFault.actionNotSupported(action);
        };
    }

    private String hostname() {
        return config.name().replaceAll("[^A-Za-z0-9-]", "-");
    }

    private String systemDateAndTime() {
        ZonedDateTime utc = cameraClock.instant().atZone(ZoneOffset.UTC);
        String dt = "<tt:Time><tt:Hour>" + utc.getHour() + "</tt:Hour><tt:Minute>" + utc.getMinute()
                + "</tt:Minute><tt:Second>" + utc.getSecond() + "</tt:Second></tt:Time><tt:Date><tt:Year>"
                + utc.getYear() + "</tt:Year><tt:Month>" + utc.getMonthValue() + "</tt:Month><tt:Day>"
                + utc.getDayOfMonth() + "</tt:Day></tt:Date>";
        return "<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime>"
                + "<tt:DateTimeType>Manual</tt:DateTimeType><tt:DaylightSavings>false</tt:DaylightSavings>"
                + "<tt:TimeZone><tt:TZ>UTC0</tt:TZ></tt:TimeZone>"
                + "<tt:UTCDateTime>" + dt + "</tt:UTCDateTime><tt:LocalDateTime>" + dt + "</tt:LocalDateTime>"
                + "</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>";
    }

    private String capabilities(Request request) throws SoapFault {
        String category = "All";
        var categories = SoapXml.children(request.operation(), "Category");
        if (!categories.isEmpty()) {
            category = categories.get(0).getTextContent().trim();
        }
        String base = request.baseUrl();
        String device = "<tt:Device><tt:XAddr>" + base + OnvifSimServer.DEVICE_PATH + "</tt:XAddr>"
                + "<tt:Network><tt:IPFilter>false</tt:IPFilter><tt:ZeroConfiguration>false</tt:ZeroConfiguration>"
                + "<tt:IPVersion6>false</tt:IPVersion6><tt:DynDNS>false</tt:DynDNS></tt:Network>"
                + "<tt:System><tt:DiscoveryResolve>false</tt:DiscoveryResolve><tt:DiscoveryBye>true</tt:DiscoveryBye>"
                + "<tt:RemoteDiscovery>false</tt:RemoteDiscovery><tt:SystemBackup>false</tt:SystemBackup>"
                + "<tt:SystemLogging>false</tt:SystemLogging><tt:FirmwareUpgrade>false</tt:FirmwareUpgrade>"
                + "<tt:SupportedVersions><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tt:SupportedVersions></tt:System>"
                + "<tt:Security><tt:TLS1.1>false</tt:TLS1.1><tt:TLS1.2>false</tt:TLS1.2>"
                + "<tt:OnboardKeyGeneration>false</tt:OnboardKeyGeneration><tt:AccessPolicyConfig>false</tt:AccessPolicyConfig>"
                + "<tt:X.509Token>false</tt:X.509Token><tt:SAMLToken>false</tt:SAMLToken>"
                + "<tt:KerberosToken>false</tt:KerberosToken><tt:RELToken>false</tt:RELToken></tt:Security></tt:Device>";
        String events = "<tt:Events><tt:XAddr>" + base + OnvifSimServer.EVENTS_PATH + "</tt:XAddr>"
                + "<tt:WSSubscriptionPolicySupport>false</tt:WSSubscriptionPolicySupport>"
                + "<tt:WSPullPointSupport>true</tt:WSPullPointSupport>"
                + "<tt:WSPausableSubscriptionManagerInterfaceSupport>false</tt:WSPausableSubscriptionManagerInterfaceSupport></tt:Events>";
        String media = "<tt:Media><tt:XAddr>" + base + OnvifSimServer.MEDIA_PATH + "</tt:XAddr>"
                + "<tt:StreamingCapabilities><tt:RTPMulticast>false</tt:RTPMulticast><tt:RTP_TCP>true</tt:RTP_TCP>"
                + "<tt:RTP_RTSP_TCP>true</tt:RTP_RTSP_TCP></tt:StreamingCapabilities></tt:Media>";
        String body = switch (category) {
            case "All" -> device + events + media;
            case "Device" -> device;
            case "Events" -> events;
            case "Media" -> media;
            default -> throw SoapFault.receiver("No such service: " + category, "ter:ActionNotSupported", "ter:NoSuchService");
        };
        return "<tds:GetCapabilitiesResponse><tds:Capabilities>" + body + "</tds:Capabilities></tds:GetCapabilitiesResponse>";
    }

    private String services(Request request) {
        String include = SoapXml.childText(request.operation(), "IncludeCapability");
        boolean withCaps = include != null && (include.equals("true") || include.equals("1"));
        String base = request.baseUrl();
        return "<tds:GetServicesResponse>"
                + service("http://www.onvif.org/ver10/device/wsdl", base + OnvifSimServer.DEVICE_PATH,
                        withCaps ? deviceCapabilities() : null, 2, 60)
                + service("http://www.onvif.org/ver10/media/wsdl", base + OnvifSimServer.MEDIA_PATH,
                        withCaps ? MediaService.capabilities(profileCount) : null, 2, 60)
                + (config.media2() ? service("http://www.onvif.org/ver20/media/wsdl", base + OnvifSimServer.MEDIA2_PATH,
                        withCaps ? Media2Service.capabilities(profileCount) : null, 2, 60) : "")
                + service("http://www.onvif.org/ver10/events/wsdl", base + OnvifSimServer.EVENTS_PATH,
                        withCaps ? EventService.capabilities() : null, 2, 60)
                + "</tds:GetServicesResponse>";
    }

    private static String service(String ns, String xaddr, String caps, int major, int minor) {
        return "<tds:Service><tds:Namespace>" + ns + "</tds:Namespace><tds:XAddr>" + xaddr + "</tds:XAddr>"
                + (caps == null ? "" : "<tds:Capabilities>" + caps + "</tds:Capabilities>")
                + "<tds:Version><tt:Major>" + major + "</tt:Major><tt:Minor>" + minor + "</tt:Minor></tds:Version>"
                + "</tds:Service>";
    }

    private String deviceCapabilities() {
        return "<tds:Capabilities><tds:Network IPFilter=\"false\" ZeroConfiguration=\"false\" IPVersion6=\"false\""
                + " DynDNS=\"false\" NTP=\"0\"/>"
                + "<tds:Security TLS1.0=\"false\" TLS1.1=\"false\" TLS1.2=\"false\" OnboardKeyGeneration=\"false\""
                + " AccessPolicyConfig=\"false\" DefaultAccessPolicy=\"false\" Dot1X=\"false\" RemoteUserHandling=\"false\""
                + " X.509Token=\"false\" SAMLToken=\"false\" KerberosToken=\"false\" UsernameToken=\""
                + config.authMode().acceptsWsse() + "\" HttpDigest=\"" + config.authMode().acceptsDigest()
                + "\" RELToken=\"false\"/>"
                + "<tds:System DiscoveryResolve=\"false\" DiscoveryBye=\"true\" RemoteDiscovery=\"false\""
                + " SystemBackup=\"false\" SystemLogging=\"false\" FirmwareUpgrade=\"false\" HttpFirmwareUpgrade=\"false\""
                + " HttpSystemBackup=\"false\" HttpSystemLogging=\"false\" HttpSupportInformation=\"false\"/>"
                + "</tds:Capabilities>";
    }

    private String deviceInformation() {
        return "<tds:GetDeviceInformationResponse>"
                + "<tds:Manufacturer>" + SoapXml.escape(config.manufacturer()) + "</tds:Manufacturer>"
                + "<tds:Model>" + SoapXml.escape(config.model()) + "</tds:Model>"
                + "<tds:FirmwareVersion>" + SoapXml.escape(config.firmware()) + "</tds:FirmwareVersion>"
                + "<tds:SerialNumber>" + SoapXml.escape(config.serial()) + "</tds:SerialNumber>"
                + "<tds:HardwareId>" + SoapXml.escape(config.hardwareId()) + "</tds:HardwareId>"
                + "</tds:GetDeviceInformationResponse>";
    }

    private String scopes() {
        StringBuilder sb = new StringBuilder("<tds:GetScopesResponse>");
        for (String scope : WsDiscoveryConfig.standardScopes(config.name(), config.hardwareId())) {
            sb.append("<tds:Scopes><tt:ScopeDef>Fixed</tt:ScopeDef><tt:ScopeItem>").append(SoapXml.escape(scope))
                    .append("</tt:ScopeItem></tds:Scopes>");
        }
        return sb.append("</tds:GetScopesResponse>").toString();
    }
}
