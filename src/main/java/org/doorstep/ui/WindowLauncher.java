package org.doorstep.ui;

import org.doorstep.cli.DoorstepCommand;

/** Opens the desktop window; an interface so the command line does not load JavaFX unless it is needed. */
public interface WindowLauncher {
    /** Shows the window and returns the exit code once it is closed. */
    int launch(DoorstepCommand root, boolean demo);
}
