package org.doorstep.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.doorstep.motion.MotionMask;
import org.doorstep.motion.MotionMaskJson;

/**
 * The masks of one camera while they are edited: closed polygons in normalised picture coordinates (0..1, so they
 * fit any stream size), each of one {@link Kind}, plus the polygon being drawn. Everything the editor can do by
 * mouse or keyboard is a method here, so it is tested without a stage; the view only translates pixels and keys.
 */
public final class MaskEditorModel {

    /** What a mask does. The two are kept apart in storage and drawn differently, so they are never confused. */
    public enum Kind {
        /** An area motion detection ignores (a tree, a road): {@code camera.motion_masks}. */
        DETECTION,
        /** An area blacked out in the recording (a neighbour's door, the pavement). */
        PRIVACY
    }

    /** A vertex, clamped into the picture. */
    public record Point(double x, double y) {
        public Point {
            x = clamp(x);
            y = clamp(y);
        }
    }

    /** A closed polygon of at least three points. */
    public record Shape(Kind kind, List<Point> points) {
        public Shape {
            points = List.copyOf(points);
            if (points.size() < 3) {
                throw new IllegalArgumentException("a mask needs at least three points");
            }
        }

        public MotionMask.Polygon polygon() {
            double[] xy = new double[points.size() * 2];
            for (int i = 0; i < points.size(); i++) {
                xy[2 * i] = points.get(i).x();
                xy[2 * i + 1] = points.get(i).y();
            }
            return MotionMask.Polygon.of(xy);
        }

        /** Even-odd rule, the same the detector uses when it rasterises the mask. */
        public boolean contains(double x, double y) {
            boolean inside = false;
            int n = points.size();
            for (int i = 0, j = n - 1; i < n; j = i++) {
                Point a = points.get(i);
                Point b = points.get(j);
                if ((a.y() > y) != (b.y() > y) && x < a.x() + (y - a.y()) * (b.x() - a.x()) / (b.y() - a.y())) {
                    inside = !inside;
                }
            }
            return inside;
        }
    }

    /** A vertex of a stored shape. */
    public record Handle(int shape, int point) {}

    /** How far the keyboard moves the pointer or a vertex per arrow key (a fine step with Shift). */
    public static final double STEP = 0.02;
    public static final double FINE_STEP = 0.005;

    private final List<Shape> shapes = new ArrayList<>();
    private final List<Point> draft = new ArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private Kind drawing = Kind.DETECTION;
    private int selected = -1;
    private int selectedPoint = -1;
    private Point cursor = new Point(0.5, 0.5);
    private boolean changed;

    /** Replaces everything with the stored masks (either may be null or blank: none). */
    public void load(String detectionJson, String privacyJson) {
        shapes.clear();
        draft.clear();
        addAll(Kind.DETECTION, MotionMaskJson.parse(detectionJson));
        addAll(Kind.PRIVACY, MotionMaskJson.parse(privacyJson));
        selected = -1;
        selectedPoint = -1;
        changed = false;
        fire();
    }

    private void addAll(Kind kind, MotionMask mask) {
        for (MotionMask.Polygon p : mask.excluded()) {
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < p.xs().length; i++) {
                points.add(new Point(p.xs()[i], p.ys()[i]));
            }
            shapes.add(new Shape(kind, points));
        }
    }

    /** The detection masks as the camera stores them, or null when there are none. */
    public String detectionJson() {
        return json(Kind.DETECTION);
    }

    /** The privacy masks as the camera stores them, or null when there are none. */
    public String privacyJson() {
        return json(Kind.PRIVACY);
    }

    private String json(Kind kind) {
        List<MotionMask.Polygon> polygons = shapes.stream().filter(s -> s.kind() == kind).map(Shape::polygon).toList();
        return polygons.isEmpty() ? null : MotionMaskJson.format(polygons);
    }

    public List<Shape> shapes() {
        return List.copyOf(shapes);
    }

    public List<Point> draft() {
        return List.copyOf(draft);
    }

    public boolean isDrawing() {
        return !draft.isEmpty();
    }

    /** The kind a new polygon gets. */
    public Kind drawingKind() {
        return drawing;
    }

    public void drawingKind(Kind kind) {
        drawing = kind;
        fire();
    }

    public int selected() {
        return selected;
    }

    public int selectedPoint() {
        return selectedPoint;
    }

    public Point cursor() {
        return cursor;
    }

    /** Whether anything differs from what was loaded. */
    public boolean changed() {
        return changed;
    }

    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * A click: adds a point to the polygon being drawn (starting one if none is). A click on the first point of a
     * polygon with three or more points closes it; a click on the last point again (a double click) is ignored.
     *
     * @param tolX how near (normalised, horizontally) counts as "on" a point
     * @param tolY the same vertically
     */
    public void click(double x, double y, double tolX, double tolY) {
        Point p = new Point(x, y);
        if (draft.size() >= 3 && near(draft.get(0), p, tolX, tolY)) {
            closeDraft();
            return;
        }
        if (!draft.isEmpty() && near(draft.get(draft.size() - 1), p, tolX, tolY)) {
            return;
        }
        draft.add(p);
        selected = -1;
        selectedPoint = -1;
        fire();
    }

    /** Adds a point where the keyboard pointer is. */
    public void addPointAtCursor() {
        draft.add(cursor);
        selected = -1;
        selectedPoint = -1;
        fire();
    }

    /** Closes the polygon being drawn; false (nothing happens) with fewer than three points. */
    public boolean closeDraft() {
        if (draft.size() < 3) {
            return false;
        }
        shapes.add(new Shape(drawing, draft));
        draft.clear();
        selected = shapes.size() - 1;
        selectedPoint = -1;
        changed = true;
        fire();
        return true;
    }

    public void cancelDraft() {
        if (!draft.isEmpty()) {
            draft.clear();
            fire();
        }
    }

    /** The stored vertex under a point, the topmost (last drawn) first. */
    public Optional<Handle> handleAt(double x, double y, double tolX, double tolY) {
        Point p = new Point(x, y);
        for (int s = shapes.size() - 1; s >= 0; s--) {
            List<Point> points = shapes.get(s).points();
            for (int i = 0; i < points.size(); i++) {
                if (near(points.get(i), p, tolX, tolY)) {
                    return Optional.of(new Handle(s, i));
                }
            }
        }
        return Optional.empty();
    }

    /** The topmost shape containing a point, or -1. */
    public int shapeAt(double x, double y) {
        for (int s = shapes.size() - 1; s >= 0; s--) {
            if (shapes.get(s).contains(x, y)) {
                return s;
            }
        }
        return -1;
    }

    /** Selects a shape (and optionally one of its vertices, else -1); -1 selects nothing. */
    public void select(int shape, int point) {
        selected = shape >= 0 && shape < shapes.size() ? shape : -1;
        selectedPoint = selected >= 0 && point >= 0 && point < shapes.get(selected).points().size() ? point : -1;
        fire();
    }

    /** The next shape, round the list (for the keyboard). */
    public void selectNextShape() {
        if (!shapes.isEmpty()) {
            select((selected + 1) % shapes.size(), -1);
        }
    }

    /** The next vertex of the selected shape (for the keyboard). */
    public void selectNextPoint() {
        if (selected >= 0) {
            select(selected, (selectedPoint + 1) % shapes.get(selected).points().size());
        }
    }

    /** Moves one vertex (a drag). */
    public void moveVertex(Handle handle, double x, double y) {
        Shape shape = shapes.get(handle.shape());
        List<Point> points = new ArrayList<>(shape.points());
        points.set(handle.point(), new Point(x, y));
        shapes.set(handle.shape(), new Shape(shape.kind(), points));
        changed = true;
        fire();
    }

    /** An arrow key: moves the selected vertex, or else the keyboard pointer. */
    public void nudge(double dx, double dy) {
        if (selected >= 0 && selectedPoint >= 0) {
            Point p = shapes.get(selected).points().get(selectedPoint);
            moveVertex(new Handle(selected, selectedPoint), p.x() + dx, p.y() + dy);
            cursor = shapes.get(selected).points().get(selectedPoint);
        } else {
            cursor = new Point(cursor.x() + dx, cursor.y() + dy);
        }
        fire();
    }

    /** Deletes the selected shape; false when none is selected. */
    public boolean deleteSelected() {
        if (selected < 0) {
            return false;
        }
        shapes.remove(selected);
        selected = -1;
        selectedPoint = -1;
        changed = true;
        fire();
        return true;
    }

    /** Turns the selected shape into the other kind (a detection mask into a privacy mask or back). */
    public void changeSelectedKind(Kind kind) {
        if (selected >= 0 && shapes.get(selected).kind() != kind) {
            shapes.set(selected, new Shape(kind, shapes.get(selected).points()));
            changed = true;
            fire();
        }
    }

    public long count(Kind kind) {
        return shapes.stream().filter(s -> s.kind() == kind).count();
    }

    private static boolean near(Point a, Point b, double tolX, double tolY) {
        return Math.abs(a.x() - b.x()) <= tolX && Math.abs(a.y() - b.y()) <= tolY;
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }

    private void fire() {
        listeners.forEach(Runnable::run);
    }
}
