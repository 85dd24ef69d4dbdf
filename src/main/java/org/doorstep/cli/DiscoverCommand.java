package org.doorstep.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.doorstep.common.Messages;
import org.doorstep.onvif.DiscoveredDevice;
import org.doorstep.onvif.WsDiscovery;
import org.doorstep.usecase.discovery.Discovery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code doorstep discover}: lists ONVIF cameras on the LAN. */
@Command(name = "discover", resourceBundle = "org.doorstep.i18n.cli")
public final class DiscoverCommand implements Callable<Integer> {

    @Option(names = "--timeout", defaultValue = "5s", descriptionKey = "discover.timeout")
    // a String, not a Duration, so a bad value gets the discover wording and exit code 2 even when run standalone
    String timeout;

    @Option(names = "--host", descriptionKey = "discover.host")
    String host;

    @Option(names = "--subnet", descriptionKey = "discover.subnet")
    String subnet;

    @Option(names = "--port", defaultValue = "3702", descriptionKey = "discover.port")
    int port;

    @Option(names = "--allow", descriptionKey = "discover.allow")
    List<String> allow = new ArrayList<>();

    @Option(names = "--listen", paramLabel = "DURATION", descriptionKey = "discover.listen")
    // like --timeout a String, so a bad value gets the discover wording
    String listen;

    @Mixin
    JsonOption output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Messages msg = Messages.of("onvif");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Duration wait;
        try {
            wait = DurationConverter.parse(timeout);
        } catch (RuntimeException e) {
            err.println(msg.get("discover.bad.duration", timeout));
            return 2;
        }
        List<DiscoveredDevice> found;
        if (listen != null) {
            // waiting for cameras to announce themselves (Hello) instead of asking (Probe)
            Duration listenFor;
            try {
                listenFor = DurationConverter.parse(listen);
            } catch (RuntimeException e) {
                err.println(msg.get("discover.bad.duration", listen));
                return 2;
            }
            found = DoorstepCommand.of(spec).doorstep().discovery().listen(listenFor, port, null, null);
        } else {
            found = DoorstepCommand.of(spec).doorstep().discovery().find(
                    new Discovery.Search(wait, host, subnet, port, allow), null, null);
        }
        if (output.json) {
            printJson(DoorstepCommand.of(spec).json(), out, found);
        } else {
            printTable(out, err, msg, found);
        }
        out.flush();
        return 0;
    }

    static void printJson(Json json, PrintWriter out, List<DiscoveredDevice> found) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (DiscoveredDevice d : found) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", d.name());
            m.put("manufacturer", d.manufacturer());
            m.put("model", d.model());
            m.put("address", d.address().getHostAddress());
            m.put("onvifUrl", d.onvifUrl() == null ? null : d.onvifUrl().toString());
            m.put("needsAuth", d.needsAuth());
            rows.add(m);
        }
        json.print(out, rows);
    }

    static void printTable(PrintWriter out, PrintWriter err, Messages msg, List<DiscoveredDevice> found) {
        if (found.isEmpty()) {
            err.println(msg.get("discover.none"));
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {msg.get("discover.header.name"), msg.get("discover.header.manufacturer"),
            msg.get("discover.header.model"), msg.get("discover.header.address"), msg.get("discover.header.onvif"),
            msg.get("discover.header.auth")});
        for (DiscoveredDevice d : found) {
            String auth = d.needsAuth() == null ? msg.get("discover.auth.unknown")
                    : d.needsAuth() ? msg.get("discover.auth.yes") : msg.get("discover.auth.no");
            rows.add(new String[] {dash(d.name()), dash(d.manufacturer()), dash(d.model()),
                d.address().getHostAddress(), d.onvifUrl() == null ? "-" : d.onvifUrl().toString(), auth});
        }
        int[] w = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                b.append(i == r.length - 1 ? r[i] : String.format("%-" + w[i] + "s  ", r[i]));
            }
            out.println(b.toString().stripTrailing());
        }
    }

    private static String dash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }

    /** Referenced so the standard port shows up in one place. */
    static final int DEFAULT_PORT = WsDiscovery.PORT;
}
