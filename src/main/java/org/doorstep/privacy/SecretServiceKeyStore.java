package org.doorstep.privacy;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.doorstep.privacy.SecretServiceBus.Collection;
import org.doorstep.privacy.SecretServiceBus.Item;
import org.doorstep.privacy.SecretServiceBus.Pair;
import org.doorstep.privacy.SecretServiceBus.Secret;
import org.doorstep.privacy.SecretServiceBus.Service;
import org.doorstep.privacy.SecretServiceBus.Session;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * The freedesktop.org Secret Service (GNOME Keyring, KWallet, KeePassXC) over the D-Bus session bus, spoken from
 * Java (dbus-java, Unix socket): no helper process, so a key is never on a command line.
 *
 * <p>Each KEK generation is one item in the default collection (the login keyring), with the attributes
 * {@code xdg:schema=org.doorstep.KeyEncryptionKey}, {@code doorstep-folder=<folder id>} and
 * {@code doorstep-generation=<n>}; its secret is the 32-byte key and nothing else. Secrets travel with the "plain"
 * session algorithm: the session bus is a Unix socket of this user, and anyone who can listen on it can ask the
 * store for the item anyway (docs/PRIVACY.md). Every call opens its own connection and closes it, so no bus thread
 * outlives it. A locked collection is reported unavailable: Doorstep does not raise the store's unlock prompt.
 */
public final class SecretServiceKeyStore implements OsKeyStore {
    public static final String SCHEMA = "org.doorstep.KeyEncryptionKey";
    private static final String ITEM = "org.freedesktop.Secret.Item";

    private final String address;

    /** @param address the session bus address ({@code unix:path=...}); null when there is no session bus */
    public SecretServiceKeyStore(String address) {
        this.address = address;
    }

    @Override
    public String name() {
        return "Secret Service";
    }

    @Override
    public void probe() throws IOException {
        byte[] value = new byte[KeyEncryptionKeys.KEY_BYTES];
        new SecureRandom().nextBytes(value);
        Map<String, String> attributes = Map.of("xdg:schema", SCHEMA, "doorstep-probe",
                HexFormat.of().formatHex(value, 0, 8));
        call(bus -> {
            bus.create("Doorstep key store check (deleted at once)", attributes, value);
            List<DBusPath> found = bus.search(attributes);
            try {
                if (found.size() != 1 || !Arrays.equals(bus.secret(found.get(0)), value)) {
                    throw new KeyStoreUnavailableException("the Secret Service did not give back what was stored");
                }
            } finally {
                for (DBusPath item : found) {
                    bus.delete(item);
                }
            }
            if (!bus.search(attributes).isEmpty()) {
                throw new KeyStoreUnavailableException("the Secret Service did not delete an item");
            }
            return null;
        });
    }

    @Override
    public KekHome home(Path kekDir, String folderId) {
        return new Home(folderId);
    }

    /** One data folder's KEKs in the Secret Service. */
    private final class Home implements KekHome {
        private final String folderId;

        Home(String folderId) {
            this.folderId = folderId;
        }

        @Override
        public String name() {
            return "the Secret Service (login keyring)";
        }

        @Override
        public boolean osStore() {
            return true;
        }

        private Map<String, String> folder() {
            return Map.of("xdg:schema", SCHEMA, "doorstep-folder", folderId);
        }

        private Map<String, String> generation(int generation) {
            Map<String, String> m = new HashMap<>(folder());
            m.put("doorstep-generation", Integer.toString(generation));
            return m;
        }

        @Override
        public List<Integer> generations() throws IOException {
            return call(bus -> {
                List<Integer> gens = new ArrayList<>();
                for (DBusPath item : bus.search(folder())) {
                    String g = bus.attributes(item).get("doorstep-generation");
                    if (g != null && g.matches("\\d{1,9}")) {
                        gens.add(Integer.parseInt(g));
                    }
                }
                Collections.sort(gens);
                return gens;
            });
        }

        @Override
        public Optional<byte[]> read(int generation) throws IOException {
            return call(bus -> {
                List<DBusPath> found = bus.search(generation(generation));
                if (found.isEmpty()) {
                    return Optional.<byte[]>empty();
                }
                byte[] secret = bus.secret(found.get(0));
                return secret.length == KeyEncryptionKeys.KEY_BYTES ? Optional.of(secret) : Optional.<byte[]>empty();
            });
        }

        @Override
        public void write(int generation, byte[] secret) throws IOException {
            call(bus -> {
                bus.create("Doorstep key-encryption key (data folder " + folderId + ", generation " + generation
                        + ")", generation(generation), secret);
                return null;
            });
        }

        @Override
        public void delete(int generation) throws IOException {
            call(bus -> {
                for (DBusPath item : bus.search(generation(generation))) {
                    bus.delete(item);
                }
                return null;
            });
        }
    }

    /** What one call does with an open session. */
    @FunctionalInterface
    private interface BusWork<T> {
        T run(Bus bus) throws IOException;
    }

    private <T> T call(BusWork<T> work) throws IOException {
        if (address == null || address.isBlank()) {
            throw new KeyStoreUnavailableException("there is no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)");
        }
        java.util.regex.Matcher socket = java.util.regex.Pattern.compile("unix:path=([^,;]+)").matcher(address);
        if (socket.lookingAt() && !java.nio.file.Files.exists(Path.of(socket.group(1)))) {
            // dbus-java would wait for its connect timeout; a missing socket is a plain answer at once
            throw new KeyStoreUnavailableException("the D-Bus session bus cannot be reached (no socket "
                    + socket.group(1) + ")");
        }
        try (DBusConnection conn = DBusConnectionBuilder.forAddress(address).withShared(false).build()) {
            Service service = conn.getRemoteObject(SecretServiceBus.BUS_NAME, SecretServiceBus.SERVICE_PATH,
                    Service.class);
            DBusPath session = service.OpenSession("plain", new Variant<>("")).second;
            try {
                return work.run(new Bus(conn, service, session));
            } finally {
                try {
                    conn.getRemoteObject(SecretServiceBus.BUS_NAME, session.getPath(), Session.class).Close();
                } catch (DBusException | DBusExecutionException e) {
                    // the session ends with the connection anyway
                }
            }
        } catch (DBusException | DBusExecutionException e) {
            throw new KeyStoreUnavailableException(reason(e), e);
        }
    }

    /** The store's answer in a sentence fragment, without the bus's stack of names. */
    private static String reason(Exception e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("ServiceUnknown") || m.contains("was not provided by any .service files")) {
            return "no Secret Service runs on the session bus (org.freedesktop.secrets)";
        }
        if (m.contains("IsLocked") || m.contains("locked")) {
            return "the keyring is locked";
        }
        if (e instanceof DBusException && !(e instanceof DBusExecutionException)) {
            return "the D-Bus session bus cannot be reached (" + m + ")";
        }
        return "the Secret Service refused (" + m + ")";
    }

    /** One session's worth of calls. */
    private static final class Bus {
        private final DBusConnection conn;
        private final Service service;
        private final DBusPath session;

        Bus(DBusConnection conn, Service service, DBusPath session) {
            this.conn = conn;
            this.service = service;
            this.session = session;
        }

        /** Items matching the attributes; locked ones are unlocked when that needs no prompt, else unavailable. */
        List<DBusPath> search(Map<String, String> attributes) throws IOException {
            Pair<List<DBusPath>, List<DBusPath>> found = service.SearchItems(attributes);
            List<DBusPath> items = new ArrayList<>(found.first);
            if (!found.second.isEmpty()) {
                items.addAll(unlock(found.second));
            }
            return items;
        }

        private List<DBusPath> unlock(List<DBusPath> objects) throws IOException {
            Pair<List<DBusPath>, DBusPath> r = service.Unlock(objects);
            if (!SecretServiceBus.NO_PROMPT.equals(r.second.getPath()) || r.first.size() < objects.size()) {
                throw new KeyStoreUnavailableException("the keyring is locked");
            }
            return r.first;
        }

        byte[] secret(DBusPath item) throws IOException {
            try {
                return remote(item, Item.class).GetSecret(session).value;
            } catch (DBusException e) {
                throw new KeyStoreUnavailableException(reason(e), e);
            }
        }

        Map<String, String> attributes(DBusPath item) throws IOException {
            try {
                Map<String, String> a = remote(item, Properties.class).Get(ITEM, "Attributes");
                return a == null ? Map.of() : a;
            } catch (DBusException e) {
                throw new KeyStoreUnavailableException(reason(e), e);
            }
        }

        void create(String label, Map<String, String> attributes, byte[] value) throws IOException {
            DBusPath collection = service.ReadAlias("default");
            if (collection == null || SecretServiceBus.NO_PROMPT.equals(collection.getPath())) {
                throw new KeyStoreUnavailableException("the Secret Service has no default keyring");
            }
            unlock(List.of(collection));
            Map<String, Variant<?>> props = new HashMap<>();
            props.put(ITEM + ".Label", new Variant<>(label));
            props.put(ITEM + ".Attributes", new Variant<>(new HashMap<>(attributes), "a{ss}"));
            try {
                Pair<DBusPath, DBusPath> r = remote(collection, Collection.class).CreateItem(props,
                        new Secret(session, new byte[0], value, "application/octet-stream"), true);
                if (!SecretServiceBus.NO_PROMPT.equals(r.second.getPath())) {
                    throw new KeyStoreUnavailableException("the Secret Service asks for a confirmation Doorstep "
                            + "cannot show");
                }
            } catch (DBusException e) {
                throw new KeyStoreUnavailableException(reason(e), e);
            }
        }

        void delete(DBusPath item) throws IOException {
            try {
                DBusPath prompt = remote(item, Item.class).Delete();
                if (!SecretServiceBus.NO_PROMPT.equals(prompt.getPath())) {
                    throw new KeyStoreUnavailableException("the Secret Service asks for a confirmation Doorstep "
                            + "cannot show");
                }
            } catch (DBusException e) {
                throw new KeyStoreUnavailableException(reason(e), e);
            }
        }

        private <I extends org.freedesktop.dbus.interfaces.DBusInterface> I remote(DBusPath path, Class<I> type)
                throws DBusException {
            return conn.getRemoteObject(SecretServiceBus.BUS_NAME, path.getPath(), type);
        }
    }
}
