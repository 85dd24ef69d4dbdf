package org.doorstep.sim.onvif;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Identity, credentials and network settings of the simulated ONVIF camera.
 *
 * @param httpPort          HTTP port of the SOAP services (0 = ephemeral)
 * @param user              user name for Digest / UsernameToken
 * @param password          password (never logged, left out of {@link #toString()})
 * @param clockSkew         camera clock minus host clock (positive = camera runs ahead)
 * @param endpointUuid      WS-Discovery endpoint id, a UUID with or without the {@code urn:uuid:} prefix
 * @param bindAddress       address the HTTP server binds (default 127.0.0.1)
 * @param authMode          which authentication styles are accepted
 * @param digestAlgorithms  HTTP Digest algorithms offered, in preference order (default SHA-256, MD5)
 * @param realm             HTTP Digest realm
 * @param media2            also offer the Media2 (ver20) service
 * @param httpQuirks        how its HTTP server misbehaves, as embedded camera servers do (none by default)
 */
public record OnvifSimConfig(int httpPort, String user, String password, Duration clockSkew, String manufacturer,
                             String model, String firmware, String serial, String hardwareId, String name,
                             String endpointUuid, InetAddress bindAddress, AuthMode authMode,
                             List<DigestAlgorithm> digestAlgorithms, String realm, boolean media2,
                             HttpQuirks httpQuirks) {

    public OnvifSimConfig {
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("httpPort out of range: " + httpPort);
        }
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(manufacturer, "manufacturer");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(firmware, "firmware");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(hardwareId, "hardwareId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpointUuid, "endpointUuid");
        UUID.fromString(endpointUuid.startsWith("urn:uuid:") ? endpointUuid.substring(9) : endpointUuid);
        bindAddress = bindAddress == null ? InetAddress.getLoopbackAddress() : bindAddress;
        authMode = authMode == null ? AuthMode.DIGEST_OR_WSSE : authMode;
        digestAlgorithms = digestAlgorithms == null || digestAlgorithms.isEmpty()
                ? List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5) : List.copyOf(digestAlgorithms);
        realm = realm == null || realm.isBlank() ? "Doorstep Virtual Doorbell" : realm;
        httpQuirks = httpQuirks == null ? HttpQuirks.NONE : httpQuirks;
        if (realm.contains("\"") || realm.contains("\\")) {
            throw new IllegalArgumentException("realm must not contain quotes or backslashes");
        }
    }

    /** The constructor the brief names: loopback bind, DIGEST_OR_WSSE, SHA-256 + MD5 digest. */
    public OnvifSimConfig(int httpPort, String user, String password, Duration clockSkew, String manufacturer,
                          String model, String firmware, String serial, String hardwareId, String name,
                          String endpointUuid) {
        this(httpPort, user, password, clockSkew, manufacturer, model, firmware, serial, hardwareId, name,
                endpointUuid, null, null, null, null, true, HttpQuirks.NONE);
    }

    /** A virtual doorbell identity with a fresh endpoint UUID. */
    public static OnvifSimConfig demo(int httpPort, String user, String password, Duration clockSkew) {
        return new OnvifSimConfig(httpPort, user, password, clockSkew, "Doorstep", "Virtual Doorbell", "1.0.0",
                "DSVD-0001", "VDB1", "Virtual Doorbell", UUID.randomUUID().toString());
    }

    public OnvifSimConfig withBindAddress(InetAddress address) {
        return new OnvifSimConfig(httpPort, user, password, clockSkew, manufacturer, model, firmware, serial,
                hardwareId, name, endpointUuid, address, authMode, digestAlgorithms, realm, media2, httpQuirks);
    }

    public OnvifSimConfig withAuthMode(AuthMode mode) {
        return new OnvifSimConfig(httpPort, user, password, clockSkew, manufacturer, model, firmware, serial,
                hardwareId, name, endpointUuid, bindAddress, mode, digestAlgorithms, realm, media2, httpQuirks);
    }

    public OnvifSimConfig withDigestAlgorithms(List<DigestAlgorithm> algorithms) {
        return new OnvifSimConfig(httpPort, user, password, clockSkew, manufacturer, model, firmware, serial,
                hardwareId, name, endpointUuid, bindAddress, authMode, algorithms, realm, media2, httpQuirks);
    }

    public OnvifSimConfig withHttpPort(int port) {
        return new OnvifSimConfig(port, user, password, clockSkew, manufacturer, model, firmware, serial,
                hardwareId, name, endpointUuid, bindAddress, authMode, digestAlgorithms, realm, media2, httpQuirks);
    }

    /** With false the camera offers only Media ver10, like older firmware. */
    public OnvifSimConfig withMedia2(boolean enabled) {
        return new OnvifSimConfig(httpPort, user, password, clockSkew, manufacturer, model, firmware, serial,
                hardwareId, name, endpointUuid, bindAddress, authMode, digestAlgorithms, realm, enabled, httpQuirks);
    }

    /** With an HTTP server that misbehaves as {@code quirks} say. */
    public OnvifSimConfig withHttpQuirks(HttpQuirks quirks) {
        return new OnvifSimConfig(httpPort, user, password, clockSkew, manufacturer, model, firmware, serial,
                hardwareId, name, endpointUuid, bindAddress, authMode, digestAlgorithms, realm, media2, quirks);
    }

    /** The endpoint id as WS-Discovery writes it: {@code urn:uuid:...}. */
    public String endpointUrn() {
        return endpointUuid.startsWith("urn:uuid:") ? endpointUuid : "urn:uuid:" + endpointUuid;
    }

    @Override
    public String toString() {
        return "OnvifSimConfig[httpPort=" + httpPort + ", user=" + user + ", password=***, clockSkew=" + clockSkew
                + ", manufacturer=" + manufacturer + ", model=" + model + ", firmware=" + firmware + ", serial="
                + serial + ", hardwareId=" + hardwareId + ", name=" + name + ", endpointUuid=" + endpointUuid
                + ", bindAddress=" + bindAddress.getHostAddress() + ", authMode=" + authMode + ", digestAlgorithms="
                + digestAlgorithms + ", realm=" + realm + ", media2=" + media2 + ", httpQuirks=" + httpQuirks + "]";
    }
}
