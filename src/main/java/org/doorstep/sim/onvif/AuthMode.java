package org.doorstep.sim.onvif;

/** Which authentication styles the simulated camera accepts on its SOAP services. */
public enum AuthMode {
    /** HTTP Digest or a WS-Security UsernameToken; no/invalid credentials get HTTP 401 with a challenge. */
    DIGEST_OR_WSSE,
    /** Only a WS-Security UsernameToken; no/invalid credentials get HTTP 400 with a {@code ter:NotAuthorized} fault. */
    WSSE_ONLY,
    /** Only HTTP Digest; no/invalid credentials get HTTP 401 with a challenge. */
    DIGEST_ONLY,
    /** Everything is open (some cheap cameras ship like this). */
    NONE;

    boolean acceptsDigest() {
        return this == DIGEST_OR_WSSE || this == DIGEST_ONLY;
    }

    boolean acceptsWsse() {
        return this == DIGEST_OR_WSSE || this == WSSE_ONLY;
    }
}
