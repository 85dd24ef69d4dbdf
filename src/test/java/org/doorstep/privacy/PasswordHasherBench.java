package org.doorstep.privacy;

import org.doorstep.store.AccessSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The lock password's calibrated cost on this machine, and what one check then takes. Prints numbers only. */
@Tag("bench")
class PasswordHasherBench {
    @Test
    void calibratedCost() {
        PasswordHasher hasher = new PasswordHasher();
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            AccessSettings.PasswordHash hash = hasher.hash("bench password".toCharArray());
            long setMs = (System.nanoTime() - t0) / 1_000_000;
            long t1 = System.nanoTime();
            boolean ok = hasher.matches("bench password".toCharArray(), hash);
            long checkMs = (System.nanoTime() - t1) / 1_000_000;
            System.out.printf("PBKDF2-HMAC-SHA256: cost %,d iterations; set (calibrate + hash) %d ms; one check %d ms;"
                    + " match %s%n", hash.cost(), setMs, checkMs, ok);
        }
    }
}
