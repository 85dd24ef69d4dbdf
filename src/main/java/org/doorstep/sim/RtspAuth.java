package org.doorstep.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * RTSP Digest authentication (RFC 2069/2617 style, MD5, with or without {@code qop=auth}) and optionally
 * Basic. Nonces are stateless: a timestamp plus an HMAC under a per-server random key, valid for ten minutes.
 */
final class RtspAuth {
    static final String REALM = "Doorstep";
    private static final long NONCE_TTL_S = 600;

    private final String user;
    private final byte[] password;
    private final boolean basic;
    private final byte[] key = new byte[32];

    RtspAuth(String user, String password, boolean basic) {
        this.user = user;
        this.password = password.getBytes(StandardCharsets.UTF_8);
        this.basic = basic;
        new SecureRandom().nextBytes(key);
    }

    enum Result { OK, MISSING_OR_WRONG, STALE }

    Result check(RtspRequest req) {
        String h = req.header("Authorization");
        if (h == null) {
            return Result.MISSING_OR_WRONG;
        }
        int sp = h.indexOf(' ');
        String scheme = sp < 0 ? h : h.substring(0, sp);
        String rest = sp < 0 ? "" : h.substring(sp + 1).trim();
        if (scheme.equalsIgnoreCase("Basic")) {
            return basic && checkBasic(rest) ? Result.OK : Result.MISSING_OR_WRONG;
        }
        if (!scheme.equalsIgnoreCase("Digest")) {
            return Result.MISSING_OR_WRONG;
        }
        Map<String, String> p = DigestMath.parseParams(rest);
        String nonce = p.get("nonce");
        String response = p.get("response");
        String uri = p.get("uri");
        if (nonce == null || response == null || uri == null || !user.equals(p.get("username"))
                || !REALM.equals(p.get("realm"))) {
            return Result.MISSING_OR_WRONG;
        }
        String qop = p.get("qop");
        boolean withQop = qop != null;
        if (withQop && !(qop.equalsIgnoreCase("auth") && p.get("nc") != null && p.get("cnonce") != null)) {
            return Result.MISSING_OR_WRONG;
        }
        String expected = DigestMath.expectedResponse("MD5", user, REALM, new String(password, StandardCharsets.UTF_8),
                req.method, uri, nonce, p.get("nc"), p.get("cnonce"), withQop ? "auth" : null);
        if (!DigestMath.responseMatches(expected, response)) {
            return Result.MISSING_OR_WRONG;
        }
        return nonceValid(nonce) ? Result.OK : Result.STALE;
    }

    private boolean checkBasic(String b64) {
        try {
            byte[] given = Base64.getDecoder().decode(b64);
            byte[] wanted = (user + ":" + new String(password, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            return MessageDigest.isEqual(given, wanted);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** WWW-Authenticate header values for a 401 response. */
    List<String> challenges(boolean stale) {
        List<String> out = new ArrayList<>();
        out.add("Digest realm=\"" + REALM + "\", nonce=\"" + newNonce() + "\", algorithm=MD5"
                + (stale ? ", stale=TRUE" : ""));
        if (basic) {
            out.add("Basic realm=\"" + REALM + "\"");
        }
        return out;
    }

    private String newNonce() {
        String ts = Long.toHexString(System.currentTimeMillis() / 1000);
        return ts + mac(ts);
    }

    private boolean nonceValid(String nonce) {
        if (nonce.length() <= 32) {
            return false;
        }
        String ts = nonce.substring(0, nonce.length() - 32);
        if (!MessageDigest.isEqual(mac(ts).getBytes(StandardCharsets.US_ASCII),
                nonce.substring(ts.length()).getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        try {
            long age = System.currentTimeMillis() / 1000 - Long.parseLong(ts, 16);
            return age >= -5 && age <= NONCE_TTL_S;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String mac(String data) {
        return HexFormat.of().formatHex(DigestMath.hmacSha256(key, data.getBytes(StandardCharsets.US_ASCII)), 0, 16);
    }
}
