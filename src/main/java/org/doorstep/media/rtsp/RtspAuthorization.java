package org.doorstep.media.rtsp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.doorstep.common.net.AuthParams;

/**
 * The Authorization header for a camera's challenge: Digest (RFC 2617, MD5, with or without qop=auth) when offered,
 * else Basic. One per connection: the nonce and its count are this connection's.
 */
final class RtspAuthorization {
    private final String user;
    private final String password;
    private final boolean digest;
    private final Map<String, String> challenge;
    private final String cnonce;
    private int nonceCount;

    private RtspAuthorization(String user, String password, boolean digest, Map<String, String> challenge,
                              String cnonce) {
        this.user = user;
        this.password = password;
        this.digest = digest;
        this.challenge = challenge;
        this.cnonce = cnonce;
    }

    private static String randomCnonce() {
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /**
     * From the WWW-Authenticate values of a 401 (one per line); null when the camera offers neither Digest with MD5
     * nor Basic.
     */
    static RtspAuthorization answering(String wwwAuthenticate, String user, String password) {
        return answering(wwwAuthenticate, user, password, randomCnonce());
    }

    /** As {@link #answering(String, String, String)} with a given client nonce (tests: RFC 2617's example). */
    static RtspAuthorization answering(String wwwAuthenticate, String user, String password, String cnonce) {
        if (wwwAuthenticate == null) {
            return null;
        }
        boolean basic = false;
        for (String offer : wwwAuthenticate.split("\n")) {
            String o = offer.trim();
            String scheme = o.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            if (scheme.equals("digest")) {
                Map<String, String> params = AuthParams.parse(o.substring(6));
                String algorithm = params.getOrDefault("algorithm", "MD5");
                if (algorithm.equalsIgnoreCase("MD5") && params.containsKey("nonce")) {
                    return new RtspAuthorization(user, password, true, params, cnonce);
                }
            } else if (scheme.equals("basic")) {
                basic = true;
            }
        }
        return basic ? new RtspAuthorization(user, password, false, Map.of(), cnonce) : null;
    }

    /** The header's value for a request. */
    String header(String method, String uri) {
        if (!digest) {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
        }
        String realm = challenge.getOrDefault("realm", "");
        String nonce = challenge.get("nonce");
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        boolean qopAuth = qopAuth();
        StringBuilder h = new StringBuilder("Digest username=\"").append(quote(user)).append("\", realm=\"")
                .append(quote(realm)).append("\", nonce=\"").append(quote(nonce)).append("\", uri=\"")
                .append(quote(uri)).append('"');
        if (qopAuth) {
            String nc = String.format("%08x", ++nonceCount);
            h.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"')
                    .append(", response=\"").append(md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2))
                    .append('"');
        } else {
            h.append(", response=\"").append(md5(ha1 + ":" + nonce + ":" + ha2)).append('"');
        }
        String opaque = challenge.get("opaque");
        if (opaque != null) {
            h.append(", opaque=\"").append(quote(opaque)).append('"');
        }
        if (challenge.containsKey("algorithm")) {
            h.append(", algorithm=MD5");
        }
        return h.toString();
    }

    private boolean qopAuth() {
        String qop = challenge.get("qop");
        if (qop == null) {
            return false;
        }
        for (String q : qop.split(",")) {
            if (q.trim().equalsIgnoreCase("auth")) {
                return true;
            }
        }
        return false;
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java", e);
        }
    }
}
