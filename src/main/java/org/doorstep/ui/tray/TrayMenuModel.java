package org.doorstep.ui.tray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.doorstep.common.Messages;
import org.doorstep.record.CameraStatus;

/**
 * What the tray / menu-bar icon says and offers, without AWT: the recording state ("Recording 2 cameras"), the
 * cameras with a problem, "Open Doorstep" and "Quit". {@link SystemTrayIcon} only draws it.
 */
public final class TrayMenuModel {
    public static final String STATUS = "status";
    public static final String PROBLEM = "problem";
    public static final String OPEN = "open";
    public static final String QUIT = "quit";

    /** One menu line; disabled lines are information. */
    public record Item(String id, String label, boolean enabled) {}

    /** The whole tray: tooltip, whether the icon shows a problem, and the menu top to bottom. */
    public record State(String tooltip, boolean problem, List<Item> items) {
        public Item item(String id) {
            return items.stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
        }

        public boolean has(String id) {
            return items.stream().anyMatch(i -> i.id().equals(id));
        }
    }

    private final Messages text;
    private final Map<Long, CameraStatus> cameras = new LinkedHashMap<>();

    public TrayMenuModel(Messages text) {
        this.text = text;
    }

    /** Follows a recorder; only main streams count (they are what is recorded). */
    public synchronized State statusChanged(CameraStatus status) {
        if ("main".equals(status.stream())) {
            if (status.state() == CameraStatus.State.STOPPED) {
                cameras.remove(status.cameraId());
            } else {
                cameras.put(status.cameraId(), status);
            }
        }
        return state();
    }

    public synchronized State state() {
        int recording = 0;
        List<String> problems = new ArrayList<>();
        for (CameraStatus s : cameras.values()) {
            switch (s.state()) {
                case RECORDING -> recording++;
                case RECONNECTING, STORAGE_UNAVAILABLE -> problems.add(s.cameraName());
                default -> { }
            }
        }
        String status = recording == 0 ? text.get("tray.notRecording") : text.get("tray.recording", recording);
        List<Item> items = new ArrayList<>();
        items.add(new Item(STATUS, status, false));
        String tooltip = text.get("tray.tooltip") + " - " + status;
        if (!problems.isEmpty()) {
            String problem = text.get("tray.problem", String.join(", ", problems));
            items.add(new Item(PROBLEM, problem, false));
            tooltip += "\n" + problem;
        }
        items.add(new Item(OPEN, text.get("tray.open"), true));
        items.add(new Item(QUIT, text.get("tray.quit"), true));
        return new State(tooltip, !problems.isEmpty(), List.copyOf(items));
    }
}
