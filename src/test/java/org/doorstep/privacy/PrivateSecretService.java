package org.doorstep.privacy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;

/**
 * A real Secret Service of its own for a test: a private {@code dbus-daemon} (its own config: no service
 * activation, so nothing else starts on it) and {@code gnome-keyring-daemon --unlock} with HOME and the XDG folders
 * in a temp folder, the password on stdin. The user's own keyring and session bus are never touched. {@link #close}
 * ends both processes, also when the test failed.
 */
public final class PrivateSecretService implements AutoCloseable {
    private static final String PASSWORD = "test-keyring-password";

    private final Path root;
    private final Process bus;
    private final String address;
    private Process keyring;

    /** Why the daemons cannot run here, or empty when they can. */
    public static Optional<String> missing() {
        for (String tool : List.of("dbus-daemon", "gnome-keyring-daemon")) {
            boolean found = false;
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                    found = true;
                }
            }
            if (!found) {
                return Optional.of(tool + " is not installed (Debian: apt-get install gnome-keyring dbus)");
            }
        }
        return Optional.empty();
    }

    private PrivateSecretService(Path root, Process bus, String address) {
        this.root = root;
        this.bus = bus;
        this.address = address;
    }

    public static PrivateSecretService start(Path root) throws IOException, InterruptedException {
        Files.createDirectories(root.resolve("home"));
        Path run = Files.createDirectories(root.resolve("run"));
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwx------"));
        Path socket = root.resolve("bus");
        Path config = root.resolve("bus.conf");
        Files.writeString(config, """
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig>
                  <type>session</type>
                  <listen>unix:path=%s</listen>
                  <policy context="default">
                    <allow send_destination="*" eavesdrop="true"/>
                    <allow eavesdrop="true"/>
                    <allow own="*"/>
                  </policy>
                </busconfig>
                """.formatted(socket));
        Process bus = new ProcessBuilder("dbus-daemon", "--config-file=" + config, "--nofork", "--print-address=1")
                .redirectError(root.resolve("dbus.err").toFile()).start();
        PrivateSecretService s;
        try {
            String line = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            if (line == null || !line.startsWith("unix:")) {
                throw new IOException("dbus-daemon did not start: " + Files.readString(root.resolve("dbus.err")));
            }
            s = new PrivateSecretService(root, bus, "unix:path=" + socket);
        } catch (IOException | RuntimeException e) {
            bus.destroyForcibly();
            throw e;
        }
        try {
            s.startKeyring();
        } catch (IOException | InterruptedException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** The private bus's address, handed to the client (the process environment is not used). */
    public String address() {
        return address;
    }

    /** Starts gnome-keyring on the bus (again), unlocking the login keyring, and waits until it answers. */
    public void startKeyring() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("gnome-keyring-daemon", "--foreground", "--unlock",
                "--components=secrets");
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("XDG_") || k.startsWith("DBUS_") || k.startsWith("GNOME_"));
        env.put("HOME", root.resolve("home").toString());
        env.put("XDG_RUNTIME_DIR", root.resolve("run").toString());
        env.put("XDG_DATA_HOME", root.resolve("home/.local/share").toString());
        env.put("XDG_CONFIG_HOME", root.resolve("home/.config").toString());
        env.put("DBUS_SESSION_BUS_ADDRESS", address);
        pb.redirectOutput(root.resolve("keyring.out").toFile()).redirectError(root.resolve("keyring.err").toFile());
        keyring = pb.start();
        try (OutputStream in = keyring.getOutputStream()) {
            in.write(PASSWORD.getBytes(StandardCharsets.UTF_8));
        }
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        SecretServiceKeyStore store = new SecretServiceKeyStore(address);
        while (true) {
            try {
                store.probe();
                return;
            } catch (IOException e) {
                if (Instant.now().isAfter(until) || !keyring.isAlive()) {
                    throw new IOException("gnome-keyring-daemon did not answer: " + e.getMessage() + " / "
                            + Files.readString(root.resolve("keyring.err")), e);
                }
                Thread.sleep(100);
            }
        }
    }

    /** Ends gnome-keyring: the store is gone from the bus (what a stopped keyring or no session looks like). */
    public void stopKeyring() throws InterruptedException {
        if (keyring != null) {
            keyring.destroy();
            if (!keyring.waitFor(5, TimeUnit.SECONDS)) {
                keyring.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            keyring = null;
        }
    }

    /** Items with these attributes, asked over the bus as any other client would. */
    public List<DBusPath> search(Map<String, String> attributes) throws Exception {
        try (DBusConnection conn = DBusConnectionBuilder.forAddress(address).withShared(false).build()) {
            SecretServiceBus.Pair<List<DBusPath>, List<DBusPath>> r = conn.getRemoteObject(
                    SecretServiceBus.BUS_NAME, SecretServiceBus.SERVICE_PATH, SecretServiceBus.Service.class)
                    .SearchItems(attributes);
            List<DBusPath> all = new java.util.ArrayList<>(r.first);
            all.addAll(r.second);
            return all;
        }
    }

    /** The Service's Lock call, which only this test needs. */
    @org.freedesktop.dbus.annotations.DBusInterfaceName("org.freedesktop.Secret.Service")
    public interface Locking extends org.freedesktop.dbus.interfaces.DBusInterface {
        SecretServiceBus.Pair<List<DBusPath>, DBusPath> Lock(List<DBusPath> objects);

        DBusPath ReadAlias(String name);
    }

    /**
     * Locks the login keyring, as the desktop does on a screen lock or timeout. Unlocking it needs the store's
     * password prompt, which no test can answer: restart the keyring ({@link #stopKeyring}, {@link #startKeyring}).
     */
    public void lockKeyring() throws Exception {
        try (DBusConnection conn = DBusConnectionBuilder.forAddress(address).withShared(false).build()) {
            Locking service = conn.getRemoteObject(SecretServiceBus.BUS_NAME, SecretServiceBus.SERVICE_PATH,
                    Locking.class);
            service.Lock(List.of(service.ReadAlias("default")));
        }
    }

    @Override
    public void close() {
        try {
            stopKeyring();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            bus.destroy();
            try {
                if (!bus.waitFor(5, TimeUnit.SECONDS)) {
                    bus.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                bus.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
