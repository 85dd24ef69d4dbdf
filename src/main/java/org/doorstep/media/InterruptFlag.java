package org.doorstep.media;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interrupt callback of one input: ends a blocking FFmpeg call when its owner stops it, or when a wait passes
 * its deadline (so a camera that hangs in connect or stops sending ties up only its own thread).
 *
 * <p>FFmpeg polls the callback several times per network read (hundreds of times a second per camera on RTSP/TCP). A
 * Java callback makes each poll a JNI upcall that allocates: that was a third of a recorder thread's CPU. So the
 * callback is native code: libc's strlen on the input's 2-byte flag (0 = go on, 1 = stop) returns exactly the flag.
 * A watchdog thread raises the flag when a deadline passes or a stop is requested; {@link #interrupt()} raises it at
 * once. If strlen cannot be resolved (or does not behave), a Java callback is used instead.
 */
final class InterruptFlag {
    private static final Logger LOG = LoggerFactory.getLogger(InterruptFlag.class);
    private static final long WATCHDOG_PERIOD_NANOS = 500_000_000L;

    // Static because native code cannot hold a Java reference: the watchdog and the Java fallback callback find
    // each live flag by its native address (FFmpeg's opaque pointer). Entries live exactly as long as the flag.
    private static final Map<Long, InterruptFlag> BY_OPAQUE = new ConcurrentHashMap<>();
    private static final AVIOInterruptCB.Callback_Pointer NATIVE_CHECK = nativeFlagCheck();
    private static final AVIOInterruptCB.Callback_Pointer JAVA_CHECK = NATIVE_CHECK != null ? null
            : new AVIOInterruptCB.Callback_Pointer() {
                @Override
                public int call(Pointer opaque) {
                    InterruptFlag f = BY_OPAQUE.get(opaque.address());
                    return f == null || f.raised || f.shouldInterrupt() ? 1 : 0;
                }
            };
    // One daemon thread for all inputs, started with the first; static for the same reason as BY_OPAQUE.
    private static Thread watchdog;
    /** Native memory the native callback object points to; must stay reachable while the class is loaded. */
    @SuppressWarnings("unused")
    private static PointerPointer<Pointer> nativeCheckHolder;

    private final BytePointer flag = new BytePointer(2); // NUL-terminated for strlen
    private final BooleanSupplier stopRequested;
    private volatile long deadline;
    /** False while no FFmpeg call waits: the owner may take its time between reads without being cut off. */
    private volatile boolean armed;
    private volatile boolean interrupted;
    private volatile boolean raised; // the flag's value, for the Java callback
    private boolean closed; // guarded by flag

    InterruptFlag(BooleanSupplier stopRequested) {
        this.stopRequested = stopRequested;
        flag.put(0, (byte) 0).put(1, (byte) 0);
        BY_OPAQUE.put(flag.address(), this);
        ensureWatchdog();
    }

    void installOn(AVFormatContext ctx) {
        ctx.interrupt_callback().callback(NATIVE_CHECK != null ? NATIVE_CHECK : JAVA_CHECK);
        ctx.interrupt_callback().opaque(flag);
    }

    /** Starts a wait that may last {@code timeout} (null: as long as it takes, until stopped). */
    void arm(Duration timeout) {
        if (timeout == null) {
            armed = false;
            return;
        }
        deadline = System.nanoTime() + timeout.toNanos();
        armed = true; // after the deadline: the watchdog never pairs "armed" with a stale deadline
    }

    void disarm() {
        armed = false;
    }

    /** Ends any blocking call at once, and every later one; from any thread. */
    void interrupt() {
        interrupted = true;
        raise();
    }

    /** True when the owner asked to stop (a failed call then is no fault of the source). */
    boolean stopped() {
        return interrupted || stopRequested.getAsBoolean();
    }

    /** Makes FFmpeg give up without marking a stop: used before closing, so TEARDOWN never waits on a dead link. */
    void raise() {
        raised = true;
        synchronized (flag) {
            if (!closed) {
                flag.put(0, (byte) 1);
            }
        }
    }

    void close() {
        BY_OPAQUE.remove(flag.address());
        synchronized (flag) {
            closed = true;
            flag.close();
        }
    }

    private boolean shouldInterrupt() {
        return stopped() || (armed && System.nanoTime() - deadline > 0);
    }

    private static synchronized void ensureWatchdog() {
        if (NATIVE_CHECK == null || watchdog != null) {
            return;
        }
        Thread t = new Thread(() -> {
            while (true) {
                LockSupport.parkNanos(WATCHDOG_PERIOD_NANOS);
                for (InterruptFlag f : BY_OPAQUE.values()) {
                    if (f.shouldInterrupt()) {
                        f.raise();
                    }
                }
            }
        }, "stream-watchdog");
        t.setDaemon(true);
        t.start();
        watchdog = t;
    }

    private static AVIOInterruptCB.Callback_Pointer nativeFlagCheck() {
        try {
            Pointer strlen = Loader.addressof("strlen");
            if (strlen == null || strlen.isNull()) {
                return null;
            }
            // A JavaCPP function pointer object points at a small struct whose first field is the C function pointer
            // (the callback setter stores that field); so hand it a one-slot array holding strlen's address.
            PointerPointer<Pointer> holder = new PointerPointer<>(1);
            holder.put(0, strlen);
            AVIOInterruptCB.Callback_Pointer cb = new AVIOInterruptCB.Callback_Pointer(holder);
            // Check, without calling it, that the setter stores exactly strlen (the callback is the struct's 1st field).
            try (AVIOInterruptCB probe = new AVIOInterruptCB()) {
                probe.callback(cb);
                long stored = new PointerPointer<Pointer>(probe).get(0).address();
                probe.callback(null);
                if (stored != strlen.address()) {
                    holder.close();
                    return null;
                }
            }
            nativeCheckHolder = holder;
            return cb;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            LOG.debug("native interrupt flag unavailable: {}", e.toString());
        }
        return null;
    }
}
