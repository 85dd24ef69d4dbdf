package org.doorstep.ui.paperwork;

import java.awt.Desktop;
import java.nio.file.Path;

/** Opens a document in the program the system uses for PDF files ({@link Desktop#open}). */
public final class SystemPdfViewer implements PaperworkViewModel.FileOpener {
    @Override
    public void open(Path file) throws Exception {
        if (!Desktop.isDesktopSupported() || !Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
            throw new UnsupportedOperationException("no PDF viewer");
        }
        Desktop.getDesktop().open(file.toFile());
    }
}
