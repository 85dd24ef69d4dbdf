package org.doorstep.sim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.doorstep.common.net.AuthParams;

/**
 * The arithmetic shared by the simulator's RTSP and HTTP (ONVIF) Digest authentication (RFC 2617/7616): hex
 * digests, the expected {@code response} value, its constant-time comparison, header parameter parsing and the
 * HMAC that makes stateless nonces. Policy (which algorithms, qop rules, nonce lifetime) stays with each server.
 */
public final class DigestMath {
    private DigestMath() {}

    /** Lower-case hex of the digest of the UTF-8 bytes of {@code s}, e.g. {@code hex("MD5", ...)}. */
    public static String hex(String jcaAlgorithm, String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(jcaAlgorithm).digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The {@code response} a client with the right password sends: {@code H(HA1:nonce:HA2)} without qop, or
     * {@code H(HA1:nonce:nc:cnonce:qop:HA2)} when {@code qop} is not null.
     */
    public static String expectedResponse(String jcaAlgorithm, String user, String realm, String password,
            String method, String uri, String nonce, String nc, String cnonce, String qop) {
        String ha1 = hex(jcaAlgorithm, user + ":" + realm + ":" + password);
        String ha2 = hex(jcaAlgorithm, method + ":" + uri);
        return qop == null
                ? hex(jcaAlgorithm, ha1 + ":" + nonce + ":" + ha2)
                : hex(jcaAlgorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    /** Compares in constant time so the response cannot be guessed byte by byte; the given hex may be upper case. */
    public static boolean responseMatches(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** HMAC-SHA256 of {@code data} under {@code key} (nonce signatures). */
    public static byte[] hmacSha256(byte[] key, byte[] data) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Parses the {@code key=value, key="quoted, value"} list of an Authorization header (after the scheme).
     * Keys are lower-cased; quoted values may contain commas and backslash escapes; the first of a repeated key wins.
     */
    public static Map<String, String> parseParams(String s) {
        return AuthParams.parse(s);
    }
}
