/**
 * What makes Doorstep behave like an installed desktop app, below the window: which recorder events become desktop
 * notifications (with quiet hours per camera), start at login per OS, and where the logs go. No JavaFX and no AWT
 * here, so all of it is tested headless; the tray and the OS notification itself are in {@code ui.tray}.
 */
package org.doorstep.usecase.desktop;
