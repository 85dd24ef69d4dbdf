package org.doorstep.motion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Motion masks as stored on a camera: a JSON array of polygons, each an array of [x, y] points in
 * normalised coordinates, e.g. {@code [[[0,0],[1,0],[1,0.2],[0,0.2]]]} masks the top fifth.
 */
public final class MotionMaskJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MotionMaskJson() {}

    public static MotionMask parse(String json) {
        if (json == null || json.isBlank()) {
            return MotionMask.NONE;
        }
        try {
            double[][][] polygons = JSON.readValue(json, double[][][].class);
            List<MotionMask.Polygon> result = new ArrayList<>();
            for (double[][] points : polygons) {
                double[] xy = new double[points.length * 2];
                for (int i = 0; i < points.length; i++) {
                    xy[2 * i] = points[i][0];
                    xy[2 * i + 1] = points[i][1];
                }
                result.add(MotionMask.Polygon.of(xy));
            }
            return new MotionMask(result);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("motion mask is not a list of polygons: " + e.getMessage(), e);
        }
    }

    public static String format(List<MotionMask.Polygon> polygons) {
        List<double[][]> out = new ArrayList<>();
        for (MotionMask.Polygon p : polygons) {
            double[][] points = new double[p.xs().length][];
            for (int i = 0; i < points.length; i++) {
                points[i] = new double[] {p.xs()[i], p.ys()[i]};
            }
            out.add(points);
        }
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
