package org.doorstep.usecase.cameras;

import java.util.ArrayList;
import java.util.List;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.doorstep.motion.MotionMask;

/**
 * Polygons as people type them on the command line: corners {@code "x,y x,y x,y …"} as fractions of the picture
 * (0 = left/top, 1 = right/bottom), a dot as the decimal mark. Used for privacy masks and export blur regions.
 */
public final class PolygonText {
    /** Enough for any shape drawn by hand; more points only slow the rasteriser down. */
    static final int MAX_CORNERS = 64;

    private PolygonText() {
    }

    /**
     * Parses one polygon.
     *
     * @throws UserException (usage) a sentence naming what is wrong
     */
    public static MotionMask.Polygon parse(String text) {
        Messages m = Messages.of("privacymasks");
        String t = text == null ? "" : text.strip();
        String[] corners = t.isEmpty() ? new String[0] : t.split("\\s+");
        if (corners.length < 3) {
            throw new UserException(m.get("error.fewCorners", t), UserException.EXIT_USAGE);
        }
        if (corners.length > MAX_CORNERS) {
            throw new UserException(m.get("error.manyCorners", MAX_CORNERS), UserException.EXIT_USAGE);
        }
        List<Double> xy = new ArrayList<>();
        for (String corner : corners) {
            String[] parts = corner.split(",");
            if (parts.length != 2) {
                throw new UserException(m.get("error.corner", corner), UserException.EXIT_USAGE);
            }
            for (String p : parts) {
                double v;
                try {
                    v = Double.parseDouble(p);
                } catch (NumberFormatException e) {
                    throw new UserException(m.get("error.corner", corner), UserException.EXIT_USAGE);
                }
                if (!(v >= 0 && v <= 1)) {
                    throw new UserException(m.get("error.range", corner), UserException.EXIT_USAGE);
                }
                xy.add(v);
            }
        }
        return MotionMask.Polygon.of(xy.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Parses each text (see {@link #parse}). */
    public static List<MotionMask.Polygon> parseAll(List<String> texts) {
        List<MotionMask.Polygon> out = new ArrayList<>();
        for (String t : texts) {
            out.add(parse(t));
        }
        return out;
    }
}
