package org.doorstep.privacy;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where a data folder's key-encryption keys (KEKs) live: the folder's own {@code keys/kek/} or the OS key store
 * (Secret Service, DPAPI, Keychain). It only keeps 32-byte secrets by generation; what they wrap, and when a new
 * generation is made, is {@link KeyEncryptionKeys}' business.
 */
public interface KekHome {

    /** Where, in a few English words for the log and the erase receipt ("Secret Service (GNOME Keyring)"). */
    String name();

    /** True for an OS key store, false for the data folder. */
    boolean osStore();

    /** Generations present, oldest first. */
    List<Integer> generations() throws IOException;

    /**
     * The secret of a generation, or empty when it does not exist (destroyed). Throws
     * {@link KeyStoreUnavailableException} when the home cannot say (locked keyring, no session bus): the caller must
     * then never treat the key as destroyed.
     */
    Optional<byte[]> read(int generation) throws IOException;

    /** Stores (or replaces) a generation's secret, durably, before returning. */
    void write(int generation, byte[] secret) throws IOException;

    /** Destroys a generation; nothing happens when it is not there. */
    void delete(int generation) throws IOException;
}
