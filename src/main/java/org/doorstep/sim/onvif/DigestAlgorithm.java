package org.doorstep.sim.onvif;

/** HTTP Digest (RFC 7616) hash algorithms the simulated camera can offer. */
public enum DigestAlgorithm {
    SHA_256("SHA-256", "SHA-256"),
    MD5("MD5", "MD5");

    private final String token;
    private final String jcaName;

    DigestAlgorithm(String token, String jcaName) {
        this.token = token;
        this.jcaName = jcaName;
    }

    /** The name used in the {@code algorithm=} parameter. */
    public String token() {
        return token;
    }

    String jcaName() {
        return jcaName;
    }

    static DigestAlgorithm fromToken(String token) {
        for (DigestAlgorithm a : values()) {
            if (a.token.equalsIgnoreCase(token)) {
                return a;
            }
        }
        return null;
    }
}
