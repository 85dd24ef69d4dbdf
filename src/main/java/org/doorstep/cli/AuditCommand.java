package org.doorstep.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.doorstep.common.Messages;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.audit.Audit;
import org.doorstep.usecase.lock.AppLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code doorstep audit [--from T --to T] [--json]}: who viewed, exported, erased, changed privacy settings, stopped
 * recording, locked and unlocked, and when. A locked install asks for the password (the log says who watched when).
 */
@Command(name = "audit", resourceBundle = "org.doorstep.i18n.audit")
public final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TimeRangeOptions range;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        range.checked();
        Messages m = Messages.of("audit");
        DoorstepCommand root = DoorstepCommand.of(spec);
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace workspace = root.open("doorstep audit")) {
            root.unlockFor(workspace, AppLock.Access.SETTINGS);
            List<Audit.Row> rows = workspace.audit().entries(range.from, range.to);
            if (output.json) {
                List<Map<String, Object>> list = new ArrayList<>();
                for (Audit.Row r : rows) {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("id", r.id());
                    o.put("at", r.at().toString());
                    o.put("actor", r.actor());
                    o.put("person", r.person() == null ? null : r.person().name());
                    o.put("personRole", r.person() == null ? null : r.person().role());
                    o.put("action", r.action());
                    o.put("detail", r.detail());
                    list.add(o);
                }
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("retentionDays", workspace.audit().retention().toDays());
                doc.put("entries", list);
                root.json().print(out, doc);
            } else {
                for (Audit.Row r : rows) {
                    out.printf("%-24s %-16s %-24s %-20s %s%n", r.at(), r.action(),
                            r.actor() == null ? "-" : r.actor(), person(r.person()),
                            r.detail() == null ? "" : r.detail());
                }
                spec.commandLine().getErr().println(m.get("cli.count", rows.size(),
                        workspace.audit().retention().toDays()));
            }
        }
        return 0;
    }

    /** "Anna (staff)" in the reader's language; "-" when nobody was unlocked by PIN. */
    private static String person(Audit.Person p) {
        if (p == null) {
            return "-";
        }
        Messages m = Messages.of("people");
        return m.get("person", p.name(), m.has("role." + p.role()) ? m.get("role." + p.role()) : p.role());
    }
}
