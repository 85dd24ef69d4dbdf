package org.doorstep.common.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** The address check after DNS resolution: every address of a name must be local, and the checked one is used. */
class PinnedHostTest {
    private static InetAddress ip(String s) throws UnknownHostException {
        return InetAddress.getByName(s); // literals only: no lookup
    }

    @Test
    void aNameThatAlsoResolvesToAPublicAddressIsRefusedAsAWhole() throws Exception {
        InetAddress[] answer = {ip("192.168.1.20"), ip("8.8.8.8")};
        assertThatThrownBy(() -> PinnedHost.resolve("doorbell.example", AddressCheck.LAN_ONLY, h -> answer))
                .isInstanceOfSatisfying(AddressRefusedException.class, e -> {
                    assertThat(e.why()).isEqualTo(AddressRefusedException.Why.OUTSIDE_LAN);
                    assertThat(e.host()).isEqualTo("doorbell.example");
                })
                .hasMessageContaining("8.8.8.8");
    }

    @Test
    void aNameThatResolvesToThePublicInternetIsRefused() {
        assertThatThrownBy(() -> PinnedHost.resolve("camera.example", AddressCheck.LAN_ONLY,
                h -> new InetAddress[] {ip("203.0.113.7")})).isInstanceOf(AddressRefusedException.class);
    }

    @Test
    void aLocalNameIsPinnedToTheAddressThatWasChecked() throws Exception {
        PinnedHost p = PinnedHost.resolve("doorbell.lan", AddressCheck.LAN_ONLY,
                h -> new InetAddress[] {ip("10.1.2.3"), ip("fd00::5")});
        assertThat(p.address()).isEqualTo(ip("10.1.2.3"));
        assertThat(p.host()).isEqualTo("doorbell.lan");
        assertThat(PinnedHost.resolve("[fd00::5]", AddressCheck.LAN_ONLY).urlHost()).isEqualTo("[fd00:0:0:0:0:0:0:5]");
    }

    @Test
    void anExplicitAllowanceLetsAPublicAddressThrough() throws Exception {
        assertThat(PinnedHost.resolve(URI.create("rtsp://8.8.8.8/x"), AddressCheck.anyAddress()).address())
                .isEqualTo(ip("8.8.8.8"));
        assertThatThrownBy(() -> PinnedHost.resolve(URI.create("rtsp://8.8.8.8/x"), AddressCheck.LAN_ONLY))
                .isInstanceOf(AddressRefusedException.class);
    }

    @Test
    void theLocalNetworkIsPrivateLinkLocalLoopbackAndUniqueLocal() throws Exception {
        for (String local : new String[] {"127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.0.9", "169.254.1.1",
            "::1", "fe80::1", "fd12:3456::1"}) {
            assertThat(LanAddresses.isLocal(ip(local))).as(local).isTrue();
        }
        for (String outside : new String[] {"8.8.8.8", "172.32.0.1", "100.64.0.1", "0.0.0.0", "2001:db8::1",
            "239.255.255.250"}) {
            assertThat(LanAddresses.isLocal(ip(outside))).as(outside).isFalse();
        }
    }

    @Test
    void anAddressWithoutHostIsRefused() {
        assertThatThrownBy(() -> PinnedHost.resolve(URI.create("file:///etc/passwd"), AddressCheck.LAN_ONLY))
                .isInstanceOfSatisfying(AddressRefusedException.class,
                        e -> assertThat(e.why()).isEqualTo(AddressRefusedException.Why.NO_HOST));
    }
}
