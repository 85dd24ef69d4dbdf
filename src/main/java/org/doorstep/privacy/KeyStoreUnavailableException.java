package org.doorstep.privacy;

import java.io.IOException;

/**
 * The home of the key-encryption key cannot be asked right now (locked keyring, no D-Bus session bus, the store's
 * service not running). Unlike "no such key" this says nothing about whether a key exists, so nothing that catches
 * it may delete or replace a key because of it.
 */
public final class KeyStoreUnavailableException extends IOException {
    private final String reason;

    public KeyStoreUnavailableException(String reason) {
        super(reason);
        this.reason = reason;
    }

    public KeyStoreUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
        this.reason = reason;
    }

    /** What the store said, in its own (usually English) words; never a secret. */
    public String reason() {
        return reason;
    }
}
