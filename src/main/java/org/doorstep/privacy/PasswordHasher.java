package org.doorstep.privacy;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.doorstep.store.AccessSettings.PasswordHash;

/**
 * The lock password's slow hash: PBKDF2-HMAC-SHA256 from the JDK, its iteration count calibrated on this machine so
 * that one check takes about {@link #TARGET} (slow enough to make guessing costly, quick enough to unlock). The
 * salt, cost and hash are kept; the password never is.
 */
public final class PasswordHasher {
    public static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    /** What one password check should cost on this machine. */
    public static final Duration TARGET = Duration.ofMillis(250);
    /** Never fewer, however slow the machine (OWASP's 2023 floor for PBKDF2-HMAC-SHA256 is 600 000). */
    static final int MIN_COST = 100_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final SecureRandom random = new SecureRandom();
    private final Duration target;

    public PasswordHasher() {
        this(TARGET);
    }

    /** @param target what one check should take; tests pass a short one */
    public PasswordHasher(Duration target) {
        this.target = target;
    }

    /** A fresh salted hash of {@code password} at the calibrated cost. */
    public PasswordHash hash(char[] password) {
        int cost = calibrate();
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, cost);
        Base64.Encoder b64 = Base64.getEncoder();
        return new PasswordHash(ALGORITHM, cost, b64.encodeToString(salt), b64.encodeToString(hash));
    }

    /** Whether {@code password} matches {@code stored} (compared in constant time). */
    public boolean matches(char[] password, PasswordHash stored) {
        if (stored == null || !ALGORITHM.equals(stored.algorithm()) || stored.cost() <= 0) {
            return false;
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] expected = b64.decode(stored.hash());
        byte[] actual = derive(password, b64.decode(stored.salt()), stored.cost());
        return MessageDigest.isEqual(expected, actual);
    }

    /** The iteration count that takes about the target here, measured on a short run and scaled. */
    public int calibrate() {
        int probe = 20_000;
        derive("warm-up".toCharArray(), new byte[SALT_BYTES], probe); // JIT, so the measurement is not its cost
        long start = System.nanoTime();
        derive("calibrate".toCharArray(), new byte[SALT_BYTES], probe);
        long nanos = Math.max(1, System.nanoTime() - start);
        long cost = probe * target.toNanos() / nanos;
        return (int) Math.max(target.compareTo(TARGET) < 0 ? 1_000 : MIN_COST, Math.min(cost, 50_000_000));
    }

    static byte[] derive(char[] password, byte[] salt, int cost) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, cost, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2 is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Overwrites a password in memory once it is no longer needed. */
    public static void wipe(char[] password) {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }
}
