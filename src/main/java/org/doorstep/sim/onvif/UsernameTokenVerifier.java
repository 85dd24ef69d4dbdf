package org.doorstep.sim.onvif;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * Checks a WS-Security UsernameToken: PasswordDigest = Base64(SHA1(nonce ‖ Created ‖ password)),
 * Created within a tolerance of the camera clock, each nonce accepted once.
 */
final class UsernameTokenVerifier {
    enum Result { OK, MISSING, INVALID }

    private static final int MAX_REMEMBERED_NONCES = 8192;
    private static final String DIGEST_TYPE_SUFFIX = "#PasswordDigest";
    private static final String TEXT_TYPE_SUFFIX = "#PasswordText";

    private final String user;
    private final String password;
    private final Clock cameraClock;
    private final Duration tolerance;
    /** Nonces already used, with the camera time after which they may be forgotten. */
    private final Map<String, Instant> seenNonces = new LinkedHashMap<>();

    UsernameTokenVerifier(String user, String password, Clock cameraClock, Duration tolerance) {
        this.user = user;
        this.password = password;
        this.cameraClock = cameraClock;
        this.tolerance = tolerance;
    }

    Result verify(Element soapHeader) {
        Element security = SoapXml.child(soapHeader, "Security");
        Element token = SoapXml.child(security, "UsernameToken");
        if (token == null) {
            return Result.MISSING;
        }
        String username = SoapXml.childText(token, "Username");
        Element pw = SoapXml.child(token, "Password");
        if (username == null || pw == null || !user.equals(username)) {
            return Result.INVALID;
        }
        String type = pw.getAttribute("Type");
        String given = pw.getTextContent().trim();
        if (type.isEmpty() || type.endsWith(TEXT_TYPE_SUFFIX)) {
            // plain text passwords are legal in WS-Security and accepted by real cameras
            return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8))
                    ? Result.OK : Result.INVALID;
        }
        if (!type.endsWith(DIGEST_TYPE_SUFFIX)) {
            return Result.INVALID;
        }
        String nonceText = SoapXml.childText(token, "Nonce");
        String created = SoapXml.childText(token, "Created");
        if (nonceText == null || created == null || nonceText.isEmpty()) {
            return Result.INVALID;
        }
        byte[] nonce;
        Instant createdAt;
        try {
            nonce = Base64.getMimeDecoder().decode(nonceText);
            createdAt = OffsetDateTime.parse(created).toInstant();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Result.INVALID;
        }
        Instant now = cameraClock.instant();
        if (createdAt.isBefore(now.minus(tolerance)) || createdAt.isAfter(now.plus(tolerance))) {
            return Result.INVALID;
        }
        byte[] expected = Base64.getEncoder().encode(sha1(nonce, created.getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8)));
        if (!MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII))) {
            return Result.INVALID;
        }
        return rememberNonce(nonceText, now) ? Result.OK : Result.INVALID;
    }

    /** false when the nonce was used before (a replayed request). */
    private boolean rememberNonce(String nonce, Instant now) {
        synchronized (seenNonces) {
            seenNonces.values().removeIf(forgetAt -> forgetAt.isBefore(now));
            if (seenNonces.containsKey(nonce)) {
                return false;
            }
            if (seenNonces.size() >= MAX_REMEMBERED_NONCES) {
                // a flood of fresh nonces must not grow memory without bound; drop the oldest
                seenNonces.remove(seenNonces.keySet().iterator().next());
            }
            // a Created older than 2 × tolerance is refused anyway, so the nonce can be forgotten then
            seenNonces.put(nonce, now.plus(tolerance.multipliedBy(2)));
            return true;
        }
    }

    private static byte[] sha1(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
