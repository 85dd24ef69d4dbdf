package org.doorstep.onvif;

/** How a device wants credentials. One kind per request, never both. */
public enum AuthMode {
    /** Nothing needed (so far). */
    NONE,
    /** HTTP Digest (RFC 7616), the ONVIF baseline: the device answers 401. */
    DIGEST,
    /** WS-Security UsernameToken with PasswordDigest: the device answers 400 ter:NotAuthorized. */
    USERNAME_TOKEN
}
