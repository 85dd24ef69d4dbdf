package org.doorstep.motion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Areas excluded from motion analysis (a tree, a road, the neighbour's window), as polygons in
 * normalised coordinates. The detector asks for a raster of its image size once and reuses it; the
 * last raster is cached because the analysed size of a camera rarely changes.
 */
public final class MotionMask {

    /** A closed polygon; {@code xs[i], ys[i]} are normalised vertex coordinates (0..1). */
    public record Polygon(double[] xs, double[] ys) {
        public Polygon {
            if (xs.length != ys.length || xs.length < 3) {
                throw new IllegalArgumentException("a polygon needs at least three points");
            }
            xs = xs.clone();
            ys = ys.clone();
        }

        /** Polygon from x0,y0,x1,y1,… */
        public static Polygon of(double... xy) {
            if (xy.length % 2 != 0) {
                throw new IllegalArgumentException("odd number of coordinates");
            }
            double[] xs = new double[xy.length / 2];
            double[] ys = new double[xy.length / 2];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = xy[2 * i];
                ys[i] = xy[2 * i + 1];
            }
            return new Polygon(xs, ys);
        }

        public static Polygon rectangle(double x, double y, double w, double h) {
            return of(x, y, x + w, y, x + w, y + h, x, y + h);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Polygon p && Arrays.equals(xs, p.xs) && Arrays.equals(ys, p.ys);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(xs) + Arrays.hashCode(ys);
        }

        @Override
        public String toString() {
            return "Polygon" + Arrays.toString(xs) + Arrays.toString(ys);
        }
    }

    public static final MotionMask NONE = new MotionMask(List.of());

    private final List<Polygon> excluded;
    private byte[] cachedRaster;
    private int cachedWidth;
    private int cachedHeight;

    public MotionMask(List<Polygon> excluded) {
        this.excluded = List.copyOf(excluded);
    }

    public List<Polygon> excluded() {
        return excluded;
    }

    public boolean isEmpty() {
        return excluded.isEmpty();
    }

    /**
     * One byte per pixel, 1 where motion counts and 0 where it is masked. A pixel is masked when its
     * centre lies inside any polygon (even-odd rule). The array is shared: do not modify it.
     */
    public synchronized byte[] raster(int width, int height) {
        if (cachedRaster == null || cachedWidth != width || cachedHeight != height) {
            cachedRaster = rasterise(width, height);
            cachedWidth = width;
            cachedHeight = height;
        }
        return cachedRaster;
    }

    private byte[] rasterise(int width, int height) {
        byte[] raster = new byte[width * height];
        Arrays.fill(raster, (byte) 1);
        List<Double> crossings = new ArrayList<>();
        for (Polygon p : excluded) {
            int n = p.xs().length;
            for (int row = 0; row < height; row++) {
                double cy = (row + 0.5) / height;
                crossings.clear();
                for (int i = 0, j = n - 1; i < n; j = i++) {
                    double yi = p.ys()[i];
                    double yj = p.ys()[j];
                    if ((yi > cy) != (yj > cy)) {
                        double xi = p.xs()[i];
                        double xj = p.xs()[j];
                        crossings.add(xi + (cy - yi) * (xj - xi) / (yj - yi));
                    }
                }
                crossings.sort(null);
                for (int k = 0; k + 1 < crossings.size(); k += 2) {
                    // pixel centre (col + 0.5) / width must lie within [from, to)
                    int from = (int) Math.ceil(crossings.get(k) * width - 0.5);
                    int to = (int) Math.ceil(crossings.get(k + 1) * width - 0.5);
                    from = Math.max(0, from);
                    to = Math.min(width, to);
                    for (int col = from; col < to; col++) {
                        raster[row * width + col] = 0;
                    }
                }
            }
        }
        return raster;
    }
}
