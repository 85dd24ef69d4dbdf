package org.doorstep.ui.export;

import java.awt.Desktop;
import java.nio.file.Path;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;

/** Opens a finished export in the program the system uses for videos ({@link Desktop#open}). */
public final class SystemPlayer implements ExportViewModel.FileOpener {
    private final Messages text;

    public SystemPlayer(Messages text) {
        this.text = text;
    }

    @Override
    public void open(Path file) throws Exception {
        if (!Desktop.isDesktopSupported() || !Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
            throw new UserException(text.get("export.noOpener"));
        }
        Desktop.getDesktop().open(file.toFile());
    }
}
