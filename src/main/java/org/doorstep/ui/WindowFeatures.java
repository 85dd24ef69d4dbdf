package org.doorstep.ui;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.doorstep.common.Messages;
import org.doorstep.ui.cameras.CameraListViewModel;
import org.doorstep.ui.common.UiExecutors;
import org.doorstep.ui.timeline.TimelineViewModel;
import org.doorstep.ui.wizard.AddCameraViewModel;
import org.doorstep.usecase.Workspace;

/**
 * Every feature's ViewModel for one window, built once from the workspace's use cases. The desktop app, the window
 * tests and the screenshot session all build the window through this, so they show the same thing.
 */
public final class WindowFeatures {
    private final Workspace workspace;
    private final UiExecutors executors;
    private final Locale locale;
    private final Messages text;
    private final CameraListViewModel cameras;
    private final TimelineViewModel timeline;

    public WindowFeatures(Workspace workspace, UiExecutors executors, Locale locale) {
        this.workspace = workspace;
        this.executors = executors;
        this.locale = locale;
        this.text = Messages.of("ui", locale);
        this.cameras = new CameraListViewModel(workspace.catalog(), executors, text);
        // no event thumbnails yet: the events feature brings the real source (decrypting the stored thumbnail)
        this.timeline = new TimelineViewModel(workspace.timeline(), executors, Messages.of("timeline", locale),
                eventId -> Optional.empty(), Clock.systemUTC(), ZoneId.systemDefault());
    }

    public Messages text() {
        return text;
    }

    public Locale locale() {
        return locale;
    }

    public UiExecutors executors() {
        return executors;
    }

    public CameraListViewModel cameras() {
        return cameras;
    }

    public TimelineViewModel timeline() {
        return timeline;
    }

    /** A fresh "Add camera" for each time the dialog opens; recording starts for the new camera when it is stored. */
    public Supplier<AddCameraViewModel> addCamera() {
        return () -> new AddCameraViewModel(workspace.catalog(), workspace.watch(), executors,
                Messages.of("onvif", locale));
    }
}
