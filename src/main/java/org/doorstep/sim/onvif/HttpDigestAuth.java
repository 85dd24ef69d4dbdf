package org.doorstep.sim.onvif;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.doorstep.sim.DigestMath;

/**
 * Server side of HTTP Digest authentication (RFC 7616, qop=auth, MD5 and SHA-256).
 * Nonces are stateless (time stamp + HMAC) and expire; a nonce count must grow, so a captured
 * Authorization header cannot be replayed.
 */
final class HttpDigestAuth {
    enum Result { OK, STALE, INVALID }

    private static final Duration NONCE_LIFETIME = Duration.ofMinutes(5);
    private static final int MAX_TRACKED_NONCES = 4096;

    private final String realm;
    private final String user;
    private final String password;
    private final List<DigestAlgorithm> algorithms;
    private final Clock clock;
    private final byte[] secret = new byte[32];
    private final String opaque;
    private final SecureRandom random = new SecureRandom();
    /** Highest nonce count seen per nonce, least recently used evicted first. */
    private final Map<String, Long> nonceCounts = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_TRACKED_NONCES;
        }
    };

    HttpDigestAuth(String realm, String user, String password, List<DigestAlgorithm> algorithms, Clock clock) {
        this.realm = realm;
        this.user = user;
        this.password = password;
        this.algorithms = List.copyOf(algorithms);
        this.clock = clock;
        random.nextBytes(secret);
        byte[] o = new byte[12];
        random.nextBytes(o);
        this.opaque = HexFormat.of().formatHex(o);
    }

    /** WWW-Authenticate header values, most preferred algorithm first. */
    List<String> challenges(boolean stale) {
        List<String> out = new ArrayList<>();
        for (DigestAlgorithm a : algorithms) {
            out.add("Digest realm=\"" + realm + "\", qop=\"auth\", algorithm=" + a.token() + ", nonce=\"" + newNonce()
                    + "\", opaque=\"" + opaque + "\"" + (stale ? ", stale=true" : ""));
        }
        return out;
    }

    Result verify(String method, String requestUri, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Digest ", 0, 7)) {
            return Result.INVALID;
        }
        Map<String, String> p = DigestMath.parseParams(authorization.substring(7));
        DigestAlgorithm alg = DigestAlgorithm.fromToken(p.getOrDefault("algorithm", "MD5"));
        String nonce = p.get("nonce");
        String response = p.get("response");
        String uri = p.get("uri");
        String nc = p.get("nc");
        String cnonce = p.get("cnonce");
        if (alg == null || !algorithms.contains(alg) || nonce == null || response == null || uri == null
                || nc == null || cnonce == null || !"auth".equalsIgnoreCase(p.get("qop"))
                || !user.equals(p.get("username")) || !realm.equals(p.get("realm"))
                || !uriMatches(uri, requestUri)) {
            return Result.INVALID;
        }
        long count;
        try {
            count = Long.parseLong(nc, 16);
        } catch (NumberFormatException e) {
            return Result.INVALID;
        }
        Boolean fresh = nonceFresh(nonce);
        if (fresh == null) {
            return Result.INVALID;
        }
        String expected = DigestMath.expectedResponse(alg.jcaName(), user, realm, password, method, uri, nonce, nc,
                cnonce, p.get("qop"));
        if (!DigestMath.responseMatches(expected, response)) {
            return Result.INVALID;
        }
        if (!fresh) {
            return Result.STALE; // right password, old nonce: the client should retry with a new one
        }
        synchronized (nonceCounts) {
            Long last = nonceCounts.get(nonce);
            if (last != null && count <= last) {
                return Result.INVALID;
            }
            nonceCounts.put(nonce, count);
        }
        return Result.OK;
    }

    private static boolean uriMatches(String digestUri, String requestUri) {
        if (digestUri.equals(requestUri)) {
            return true;
        }
        // some clients put the absolute URI into the uri parameter
        try {
            java.net.URI u = java.net.URI.create(digestUri);
            String pathAndQuery = u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
            return u.isAbsolute() && pathAndQuery.equals(requestUri);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String newNonce() {
        byte[] salt = new byte[8];
        random.nextBytes(salt);
        ByteBuffer b = ByteBuffer.allocate(16).putLong(clock.millis()).put(salt);
        byte[] body = b.array();
        byte[] mac = mac(body);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                ByteBuffer.allocate(body.length + 16).put(body).put(mac, 0, 16).array());
    }

    /** true = issued by us and young, false = ours but expired, null = not ours. */
    private Boolean nonceFresh(String nonce) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (raw.length != 32) {
            return null;
        }
        byte[] body = java.util.Arrays.copyOf(raw, 16);
        byte[] mac = java.util.Arrays.copyOf(mac(body), 16);
        if (!MessageDigest.isEqual(mac, java.util.Arrays.copyOfRange(raw, 16, 32))) {
            return null;
        }
        long issued = ByteBuffer.wrap(body).getLong();
        long age = clock.millis() - issued;
        return age >= -1000 && age <= NONCE_LIFETIME.toMillis();
    }

    private byte[] mac(byte[] data) {
        return DigestMath.hmacSha256(secret, data);
    }
}
