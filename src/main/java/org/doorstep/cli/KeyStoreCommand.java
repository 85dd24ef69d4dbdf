package org.doorstep.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.keystore.KeyStoreHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code doorstep key-store [os|folder] [--json]}: where the key-encryption key of the recordings lives and why; with
 * an argument, keeps it in the OS key store or in the data folder (a portable folder), moving it now.
 */
@Command(name = "key-store", resourceBundle = "org.doorstep.i18n.keystore")
public final class KeyStoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JsonOption output;

    @Parameters(arity = "0..1", paramLabel = "os|folder", descriptionKey = "doorstep.key-store.where.description")
    String where;

    @Override
    public Integer call() {
        if (where != null && !where.equals("os") && !where.equals("folder")) {
            throw new UserException(Messages.of("keystore").get("error.usage", where), UserException.EXIT_USAGE);
        }
        KeyStoreHome.Report report;
        try (Workspace workspace = DoorstepCommand.of(spec).open("doorstep key-store")) {
            if (where != null) { // moving the key is a settings change: behind the lock, an owner's
                DoorstepCommand.of(spec).unlockFor(workspace, org.doorstep.usecase.lock.AppLock.Access.SETTINGS);
            }
            report = where == null ? workspace.keyStore().report() : workspace.keyStore().prefer(where.equals("os"));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            try {
                ObjectMapper mapper = DoorstepCommand.of(spec).json().mapper();
                out.println(mapper.writeValueAsString(json(mapper, report)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            print(report, out, false);
        }
        out.flush();
        return 0;
    }

    static ObjectNode json(ObjectMapper mapper, KeyStoreHome.Report r) {
        ObjectNode node = mapper.createObjectNode();
        node.put("inOsStore", r.inOsStore());
        node.put("situation", r.situation());
        node.put("where", r.where());
        node.put("why", r.why());
        if (r.warning() == null) {
            node.putNull("warning");
        } else {
            node.put("warning", r.warning());
        }
        return node;
    }

    static void print(KeyStoreHome.Report r, PrintWriter out, boolean withTitle) {
        if (withTitle) {
            out.println();
            out.println(Messages.of("keystore").get("doctor.title"));
        }
        out.println(r.where());
        out.println(r.why());
        if (r.warning() != null && withTitle) {
            out.println(r.warning()); // a command that opens the folder has said it on stderr already
        }
    }
}
