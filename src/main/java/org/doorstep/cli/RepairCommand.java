package org.doorstep.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.doorstep.common.Messages;
import org.doorstep.usecase.storage.RepairReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code doorstep repair [--json]}: when the index database cannot be opened, moves it aside and rebuilds the index
 * from the segment files, then says what could not be rebuilt. A database that opens is left alone.
 */
@Command(name = "repair", resourceBundle = "org.doorstep.i18n.storage")
public final class RepairCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        Messages m = Messages.of("storage");
        PrintWriter out = spec.commandLine().getOut();
        DoorstepCommand root = DoorstepCommand.of(spec);
        RepairReport r = root.doorstep().repair(root.dataDir);
        if (output.json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("damaged", r.damaged());
            doc.put("movedTo", r.movedTo() == null ? null : r.movedTo().toString());
            doc.put("cameras", r.cameras());
            doc.put("segments", r.segments());
            doc.put("footageSeconds", r.footage().toSeconds());
            doc.put("unreadable", r.unreadable());
            doc.put("notRebuilt", r.notRebuilt());
            root.json().print(out, doc);
            return 0;
        }
        if (!r.damaged()) {
            out.println(m.get("repair.notDamaged"));
            return 0;
        }
        out.println(m.get("repair.done", r.movedTo(), r.cameras(), r.segments(), DurationText.of(r.footage())));
        if (r.unreadable() > 0) {
            out.println(m.get("repair.unreadable", r.unreadable()));
        }
        out.println(m.get("repair.notRebuilt"));
        r.notRebuilt().forEach(line -> out.println("- " + line));
        out.flush();
        return 0;
    }
}
