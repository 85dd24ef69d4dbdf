package org.doorstep.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.doorstep.common.Messages;
import org.doorstep.store.EraseReceipt;
import org.doorstep.usecase.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code doorstep receipts [--json]}: the receipts of past erases and whether their hash chain is intact. */
@Command(name = "receipts", resourceBundle = "org.doorstep.i18n.erase")
public final class ReceiptsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        Messages m = Messages.of("erase");
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace workspace = DoorstepCommand.of(spec).open("doorstep receipts")) {
            List<EraseReceipt> receipts = workspace.erase().receipts();
            boolean intact = workspace.erase().receiptsIntact();
            if (output.json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (EraseReceipt r : receipts) {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("receiptId", r.receiptId());
                    o.put("createdAt", r.createdAt().toString());
                    o.put("scope", r.scope());
                    o.put("rangeStart", r.rangeStart() == null ? null : r.rangeStart().toString());
                    o.put("rangeEnd", r.rangeEnd() == null ? null : r.rangeEnd().toString());
                    o.put("segments", r.segments());
                    o.put("events", r.events());
                    o.put("thumbnails", r.thumbnails());
                    o.put("bytes", r.bytes());
                    o.put("method", r.method());
                    o.put("destroyedKeyIds", r.destroyedKeyIds());
                    o.put("prevHash", r.prevHash());
                    o.put("hash", r.hash());
                    rows.add(o);
                }
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("chainIntact", intact);
                doc.put("receipts", rows);
                DoorstepCommand.of(spec).json().print(out, doc);
            } else {
                for (EraseReceipt r : receipts) {
                    out.println(m.get("cli.receipt", r.receiptId(), r.createdAt(), r.scope(), r.segments(), r.events(),
                            r.thumbnails(), r.bytes(), r.destroyedKeyIds().size()));
                }
                out.println(m.get(intact ? "cli.chainIntact" : "cli.chainBroken", receipts.size()));
            }
            return intact ? 0 : 1;
        }
    }
}
