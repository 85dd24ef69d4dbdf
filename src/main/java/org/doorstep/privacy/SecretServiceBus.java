package org.doorstep.privacy;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.Variant;

/**
 * The parts of the freedesktop.org Secret Service API (org.freedesktop.secrets, spec 0.2) that keeping one key
 * needs, as dbus-java proxies. Method names are the D-Bus member names, hence upper case.
 *
 * <p>Why this lives in {@code privacy} and not in a ground package: it exists only to hold the key-encryption key,
 * and it depends on nothing of Doorstep's, only on dbus-java.
 */
public final class SecretServiceBus {
    static final String BUS_NAME = "org.freedesktop.secrets";
    static final String SERVICE_PATH = "/org/freedesktop/secrets";
    static final String NO_PROMPT = "/";

    private SecretServiceBus() {}

    /** org.freedesktop.Secret.Service on /org/freedesktop/secrets. */
    @DBusInterfaceName("org.freedesktop.Secret.Service")
    public interface Service extends DBusInterface {
        Pair<Variant<?>, DBusPath> OpenSession(String algorithm, Variant<?> input);

        Pair<List<DBusPath>, List<DBusPath>> SearchItems(Map<String, String> attributes);

        Pair<List<DBusPath>, DBusPath> Unlock(List<DBusPath> objects);

        DBusPath ReadAlias(String name);
    }

    /** org.freedesktop.Secret.Collection. */
    @DBusInterfaceName("org.freedesktop.Secret.Collection")
    public interface Collection extends DBusInterface {
        Pair<DBusPath, DBusPath> CreateItem(Map<String, Variant<?>> properties, Secret secret, boolean replace);
    }

    /** org.freedesktop.Secret.Item. */
    @DBusInterfaceName("org.freedesktop.Secret.Item")
    public interface Item extends DBusInterface {
        Secret GetSecret(DBusPath session);

        DBusPath Delete();
    }

    /** org.freedesktop.Secret.Session. */
    @DBusInterfaceName("org.freedesktop.Secret.Session")
    public interface Session extends DBusInterface {
        void Close();
    }

    /** Two out-arguments of one call. */
    public static final class Pair<A, B> extends Tuple {
        @Position(0)
        public final A first;
        @Position(1)
        public final B second;

        public Pair(A first, B second) {
            this.first = first;
            this.second = second;
        }
    }

    /**
     * The Secret struct (oayays): session, algorithm parameters, value, content type. Its toString (final in
     * dbus-java) shows the value, so a Secret is never logged or put in an exception.
     */
    public static final class Secret extends Struct {
        @Position(0)
        public final DBusPath session;
        @Position(1)
        public final byte[] parameters;
        @Position(2)
        public final byte[] value;
        @Position(3)
        public final String contentType;

        public Secret(DBusPath session, byte[] parameters, byte[] value, String contentType) {
            this.session = session;
            this.parameters = parameters;
            this.value = value;
            this.contentType = contentType;
        }
    }
}
