package org.doorstep.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.paperwork.PaperSize;
import org.doorstep.usecase.paperwork.Paperwork;
import org.doorstep.usecase.paperwork.PaperworkFacts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code doorstep paperwork sign|record [--lang de|en] [--size a4|a5] OUT.pdf} (or {@code OUT.png} for the sign):
 * the information sign or the record of processing, made from the settings as they are now. The document's language
 * is the one {@code --lang} chose for the whole run.
 */
@Command(name = "paperwork", resourceBundle = "org.doorstep.i18n.paperwork")
public final class PaperworkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "sign|record", descriptionKey = "cli.usage.what")
    String what;

    @Option(names = "--size", paramLabel = "a4|a5", defaultValue = "a4", descriptionKey = "cli.usage.size")
    String size;

    @Parameters(index = "1", paramLabel = "OUT.pdf", descriptionKey = "cli.usage.out")
    Path out;

    @Override
    public Integer call() {
        Locale language = Paperwork.language(Locale.getDefault());
        Messages m = Messages.of("paperwork", language);
        Paperwork.Kind kind = switch (what.strip().toLowerCase(Locale.ROOT)) {
            case "sign" -> Paperwork.Kind.SIGN;
            case "record" -> Paperwork.Kind.RECORD;
            default -> throw new UserException(m.get("cli.what", what), UserException.EXIT_USAGE);
        };
        PaperSize paper = PaperSize.parse(size)
                .orElseThrow(() -> new UserException(m.get("cli.size", size), UserException.EXIT_USAGE));
        if (!Paperwork.isPdf(out) && !(kind == Paperwork.Kind.SIGN && Paperwork.isPng(out))) {
            // refused before the data folder is touched
            throw new UserException(m.get("cli.type", out.getFileName()), UserException.EXIT_USAGE);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DoorstepCommand root = DoorstepCommand.of(spec);
        // while the window owns the data folder, this runs in the window's process: the file goes where the user is
        Path file = root.resolve(out);
        try (Workspace workspace = root.open("doorstep paperwork")) {
            Paperwork paperwork = workspace.paperwork();
            PaperworkFacts facts = paperwork.facts();
            Path written = paperwork.write(kind, language, paper, file);
            stdout.println(m.get("cli.written", written));
            if (!facts.missing().isEmpty()) {
                err.println(m.get("cli.missing", facts.missing().stream().map(m::get)
                        .collect(java.util.stream.Collectors.joining(", "))));
            }
            return 0;
        }
    }
}
