package org.doorstep.onvif;

import java.net.InetAddress;
import java.util.List;

/** Lets tests in other packages use the package-private fakes. */
public final class OnvifTestAccess {
    private OnvifTestAccess() {}

    public static AutoCloseable digestCamera() throws Exception {
        var c = new FakeOnvifCamera();
        c.auth = FakeOnvifCamera.Auth.DIGEST;
        return c;
    }

    public static AutoCloseable openCamera(String bind) throws Exception {
        return new FakeOnvifCamera(bind);
    }

    public static int port(AutoCloseable fake) {
        return fake instanceof FakeOnvifCamera c ? c.port() : ((FakeWsdResponder) fake).port();
    }

    public static AutoCloseable responder(InetAddress bind, String xaddrs) throws Exception {
        return new FakeWsdResponder(bind, 0, false, (p, id) -> List.of(FakeWsdResponder.probeMatch(id,
                "urn:uuid:cli-" + bind.getHostAddress(), WsDiscoveryClientTest.NVT, WsDiscoveryClientTest.SCOPES, xaddrs)));
    }

    public static AutoCloseable silentResponder(InetAddress bind) throws Exception {
        return new FakeWsdResponder(bind, 0, false, (p, id) -> List.of());
    }
}
