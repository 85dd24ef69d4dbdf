package org.doorstep.ui.help;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.doorstep.common.Messages;
import org.doorstep.ui.common.Sentences;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.usecase.desktop.Diagnostics;

/**
 * The help menu's actions besides the shortcuts: open the log folder in the file manager, and copy the diagnostics
 * (collected in the background: the doctor decodes a test clip) to the clipboard. {@link #message} says what came of it.
 */
public final class HelpMenuModel {
    /** Opens a folder in the OS's file manager. */
    @FunctionalInterface
    public interface FolderOpener {
        void open(Path folder) throws Exception;
    }

    public final StringProperty message = new SimpleStringProperty();
    public final BooleanProperty busy = new SimpleBooleanProperty();
    private final Diagnostics diagnostics;
    private final FolderOpener opener;
    private final UiExecutors executors;
    private final Messages text;

    public HelpMenuModel(Diagnostics diagnostics, FolderOpener opener, UiExecutors executors, Messages text) {
        this.diagnostics = diagnostics;
        this.opener = opener;
        this.executors = executors;
        this.text = text;
    }

    public Path logFolder() {
        return diagnostics.logs();
    }

    public void openLogFolder() {
        executors.background().execute(() -> {
            try {
                Files.createDirectories(diagnostics.logs());
                opener.open(diagnostics.logs());
            } catch (Exception e) {
                String why = Sentences.of(e);
                executors.fx().execute(() -> message.set(text.get("help.noLogFolder", why)));
            }
        });
    }

    /** Collects the diagnostics and hands them to {@code clipboard} on the UI thread. */
    public void copyDiagnostics(Consumer<String> clipboard) {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        message.set(text.get("help.copying"));
        executors.background().execute(() -> {
            String report = diagnostics.text();
            executors.fx().execute(() -> {
                clipboard.accept(report);
                busy.set(false);
                message.set(text.get("help.copied"));
            });
        });
    }
}
