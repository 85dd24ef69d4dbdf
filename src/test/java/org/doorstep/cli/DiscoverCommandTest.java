package org.doorstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.util.List;
import org.doorstep.onvif.OnvifTestAccess;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Only --host/--subnet on loopback here: multicast mode would go out on the real LAN interfaces. */
class DiscoverCommandTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cl = org.doorstep.Main.commandLine(new org.doorstep.Launcher(),
                org.doorstep.common.JsonMapper.create());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "discover";
        System.arraycopy(args, 0, all, 1, args.length);
        return cl.execute(all);
    }

    @Test
    void jsonListsTheDeviceWithNeedsAuth() throws Exception {
        try (var cam = OnvifTestAccess.digestCamera();
             var responder = OnvifTestAccess.responder(InetAddress.getByName("127.0.0.1"),
                     "http://0.0.0.0:" + OnvifTestAccess.port(cam) + "/onvif/device_service")) {
            int rc = run("--host", "127.0.0.1", "--port", String.valueOf(OnvifTestAccess.port(responder)),
                    "--timeout", "700ms", "--json");
            assertThat(rc).as(err.toString()).isZero();
            JsonNode json = new ObjectMapper().readTree(out.toString());
            assertThat(json.isArray()).isTrue();
            assertThat(json).hasSize(1);
            JsonNode d = json.get(0);
            assertThat(d.get("name").asText()).isEqualTo("Front Door");
            assertThat(d.get("manufacturer").asText()).isEqualTo("Acme");
            assertThat(d.get("model").asText()).isEqualTo("DB11");
            assertThat(d.get("address").asText()).isEqualTo("127.0.0.1");
            assertThat(d.get("onvifUrl").asText()).isEqualTo("http://127.0.0.1:" + OnvifTestAccess.port(cam)
                    + "/onvif/device_service");
            assertThat(d.get("needsAuth").asBoolean()).isTrue();
            List<String> keys = iterable(d.fieldNames());
            assertThat(keys).containsExactly("name", "manufacturer", "model", "address", "onvifUrl", "needsAuth");
        }
    }

    @Test
    void humanTableAndSubnetMode() throws Exception {
        try (var cam = OnvifTestAccess.openCamera("127.0.0.3");
             var responder = OnvifTestAccess.responder(InetAddress.getByName("127.0.0.3"),
                     "http://10.9.9.9:" + OnvifTestAccess.port(cam) + "/onvif/device_service")) {
            int rc = run("--subnet", "127.0.0.0/28", "--port", String.valueOf(OnvifTestAccess.port(responder)),
                    "--timeout", "1s");
            assertThat(rc).as(err.toString()).isZero();
            String[] lines = out.toString().split("\\R");
            assertThat(lines[0]).startsWith("Name").contains("Manufacturer", "ONVIF URL", "Password");
            assertThat(lines[1]).contains("Front Door", "Acme", "127.0.0.3", "not needed");
        }
    }

    @Test
    void badInputGivesASentenceNotAStackTrace() {
        assertThat(run("--timeout", "soon", "--host", "127.0.0.1")).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read the duration \"soon\"").doesNotContain("Exception");
        assertThat(run("--subnet", "10.0.0.0/8")).isEqualTo(2);
        assertThat(run("--host", "8.8.8.8", "--timeout", "100ms")).isEqualTo(1);
        assertThat(err.toString()).contains("not a local address").doesNotContain("at org.");
    }

    @Test
    void nobodyAnswering() throws Exception {
        try (var responder = OnvifTestAccess.silentResponder(InetAddress.getByName("127.0.0.1"))) {
            int rc = run("--host", "127.0.0.1", "--port", String.valueOf(OnvifTestAccess.port(responder)),
                    "--timeout", "500ms");
            assertThat(rc).isZero();
            assertThat(err.toString()).contains("No cameras answered");
        }
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> l = new java.util.ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }
}
