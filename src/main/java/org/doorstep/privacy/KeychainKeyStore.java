package org.doorstep.privacy;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The macOS login Keychain, through the Security framework's generic-password calls (JNA; no {@code security}
 * command, so the key is never on a command line). Service {@code Doorstep key-encryption key}, account
 * {@code <folder id>/<generation>}, password the 32-byte key. The Keychain cannot list items by a prefix through
 * these calls, so the generation numbers (not the keys) are kept in {@code keys/kek/keychain-generations}.
 * Not testable on the Linux build machine; kept to the documented calls.
 */
final class KeychainKeyStore implements OsKeyStore {
    private static final String SERVICE = "Doorstep key-encryption key";
    private static final int NOT_FOUND = -25300;
    private static final int DUPLICATE = -25299;

    /** The Security framework calls used here. */
    interface Security extends Library {
        int SecKeychainAddGenericPassword(Pointer keychain, int serviceLength, byte[] service, int accountLength,
                                          byte[] account, int passwordLength, byte[] password, PointerByReference item);

        int SecKeychainFindGenericPassword(Pointer keychains, int serviceLength, byte[] service, int accountLength,
                                           byte[] account, IntByReference passwordLength, PointerByReference password,
                                           PointerByReference item);

        int SecKeychainItemModifyAttributesAndData(Pointer item, Pointer attributes, int length, byte[] data);

        int SecKeychainItemDelete(Pointer item);

        int SecKeychainItemFreeContent(Pointer attributes, Pointer data);
    }

    /** CFRelease, for the item references the calls hand back. */
    interface CoreFoundation extends Library {
        void CFRelease(Pointer ref);
    }

    private Security security() throws IOException {
        try {
            return Native.load("Security", Security.class);
        } catch (LinkageError e) {
            throw new KeyStoreUnavailableException("the Security framework cannot be loaded", e);
        }
    }

    private CoreFoundation coreFoundation() throws IOException {
        try {
            return Native.load("CoreFoundation", CoreFoundation.class);
        } catch (LinkageError e) {
            throw new KeyStoreUnavailableException("CoreFoundation cannot be loaded", e);
        }
    }

    @Override
    public String name() {
        return "macOS Keychain";
    }

    @Override
    public void probe() throws IOException {
        byte[] value = new byte[KeyEncryptionKeys.KEY_BYTES];
        new SecureRandom().nextBytes(value);
        String account = "probe-" + HexFormat.of().formatHex(value, 0, 8);
        put(account, value);
        try {
            if (!Arrays.equals(get(account).orElse(new byte[0]), value)) {
                throw new KeyStoreUnavailableException("the Keychain did not give back what was stored");
            }
        } finally {
            remove(account);
        }
    }

    @Override
    public KekHome home(Path kekDir, String folderId) {
        // one index per folder id: a moved folder's items are copied to a new id before the old ones are deleted
        Path index = kekDir.resolve("keychain-generations-" + folderId);
        return new KekHome() {
            @Override
            public String name() {
                return "the macOS Keychain";
            }

            @Override
            public boolean osStore() {
                return true;
            }

            @Override
            public List<Integer> generations() throws IOException {
                return new ArrayList<>(listed());
            }

            private TreeSet<Integer> listed() throws IOException {
                TreeSet<Integer> gens = new TreeSet<>();
                if (Files.exists(index)) {
                    for (String line : Files.readAllLines(index, StandardCharsets.US_ASCII)) {
                        if (line.matches("\\d{1,9}")) {
                            gens.add(Integer.parseInt(line));
                        }
                    }
                }
                return gens;
            }

            private void list(TreeSet<Integer> gens) throws IOException {
                Files.createDirectories(kekDir);
                Path tmp = index.resolveSibling(index.getFileName() + ".tmp");
                Files.write(tmp, gens.stream().map(String::valueOf).toList(), StandardCharsets.US_ASCII);
                Files.move(tmp, index, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }

            @Override
            public Optional<byte[]> read(int generation) throws IOException {
                return get(folderId + "/" + generation);
            }

            @Override
            public void write(int generation, byte[] secret) throws IOException {
                put(folderId + "/" + generation, secret);
                TreeSet<Integer> gens = listed();
                gens.add(generation);
                list(gens);
            }

            @Override
            public void delete(int generation) throws IOException {
                remove(folderId + "/" + generation);
                TreeSet<Integer> gens = listed();
                gens.remove(generation);
                list(gens);
            }
        };
    }

    private Optional<byte[]> get(String account) throws IOException {
        Security sec = security();
        byte[] s = SERVICE.getBytes(StandardCharsets.UTF_8);
        byte[] a = account.getBytes(StandardCharsets.UTF_8);
        IntByReference length = new IntByReference();
        PointerByReference data = new PointerByReference();
        int status = sec.SecKeychainFindGenericPassword(null, s.length, s, a.length, a, length, data, null);
        if (status == NOT_FOUND) {
            return Optional.empty();
        }
        check(status);
        try {
            return Optional.of(data.getValue().getByteArray(0, length.getValue()));
        } finally {
            sec.SecKeychainItemFreeContent(null, data.getValue());
        }
    }

    private void put(String account, byte[] secret) throws IOException {
        Security sec = security();
        byte[] s = SERVICE.getBytes(StandardCharsets.UTF_8);
        byte[] a = account.getBytes(StandardCharsets.UTF_8);
        PointerByReference item = new PointerByReference();
        int status = sec.SecKeychainAddGenericPassword(null, s.length, s, a.length, a, secret.length, secret, item);
        if (status == DUPLICATE) {
            status = sec.SecKeychainFindGenericPassword(null, s.length, s, a.length, a, null, null, item);
            check(status);
            status = sec.SecKeychainItemModifyAttributesAndData(item.getValue(), null, secret.length, secret);
        }
        try {
            check(status);
        } finally {
            if (item.getValue() != null) {
                coreFoundation().CFRelease(item.getValue());
            }
        }
    }

    private void remove(String account) throws IOException {
        Security sec = security();
        byte[] s = SERVICE.getBytes(StandardCharsets.UTF_8);
        byte[] a = account.getBytes(StandardCharsets.UTF_8);
        PointerByReference item = new PointerByReference();
        int status = sec.SecKeychainFindGenericPassword(null, s.length, s, a.length, a, null, null, item);
        if (status == NOT_FOUND) {
            return;
        }
        check(status);
        try {
            check(sec.SecKeychainItemDelete(item.getValue()));
        } finally {
            coreFoundation().CFRelease(item.getValue());
        }
    }

    private static void check(int status) throws IOException {
        if (status == -25308) { // errSecInteractionNotAllowed: the keychain is locked and may not ask now
            throw new KeyStoreUnavailableException("the Keychain is locked");
        }
        if (status != 0) {
            throw new KeyStoreUnavailableException("the Keychain refused (OSStatus " + status + ")");
        }
    }
}
