package org.doorstep.onvif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Only checks decisions; nothing here sends a packet. */
class AddressPolicyTest {
    final AddressPolicy policy = AddressPolicy.lanOnly();

    @Test
    void lanAddressesAreAllowed() {
        for (String ip : new String[] {"10.0.0.1", "172.16.5.4", "172.31.255.254", "192.168.1.20", "169.254.3.3",
            "127.0.0.1", "127.0.0.7", "::1", "fe80::1", "fd12:3456::1", "fc00::1", "239.255.255.250", "ff02::c"}) {
            assertThat(policy.isAllowed(WsDiscovery.literal(ip))).as(ip).isTrue();
        }
    }

    @Test
    void publicAndOddAddressesAreRefused() {
        for (String ip : new String[] {"8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "192.169.0.1",
            "100.64.0.1", "203.0.113.5", "0.0.0.0", "224.0.0.251", "239.1.1.1", "255.255.255.255",
            "2001:4860:4860::8888", "2001:db8::1", "ff05::c", "::ffff:8.8.8.8"}) {
            assertThat(policy.isAllowed(WsDiscovery.literal(ip))).as(ip).isFalse();
        }
        assertThatThrownBy(() -> policy.require(WsDiscovery.literal("8.8.8.8")))
                .isInstanceOf(AddressNotAllowedException.class)
                .satisfies(e -> assertThat(((OnvifException) e).userMessage()).contains("8.8.8.8"));
    }

    @Test
    void explicitAllowAndDenyWin() {
        var a = WsDiscovery.literal("203.0.113.5");
        assertThat(policy.allowing(a).isAllowed(a)).isTrue();
        var lo = WsDiscovery.literal("127.0.0.1");
        assertThat(policy.denying(lo).isAllowed(lo)).isFalse();
        assertThat(policy.isAllowed(null)).isFalse();
    }
}
