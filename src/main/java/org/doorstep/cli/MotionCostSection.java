package org.doorstep.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.doorstep.common.Messages;
import org.doorstep.common.UserException;
import org.doorstep.media.DecoderDoctor;
import org.doorstep.media.DecoderProbe;
import org.doorstep.usecase.Workspace;
import org.doorstep.usecase.watch.MotionCosts;

/**
 * {@code doctor}'s section on motion analysis: per camera with motion on, which stream it runs on and what it costs,
 * and for a camera without a sub stream that a sub stream is cheaper. Measured when this process (the window or
 * {@code record}, serving the command) analyses the camera, else estimated from the decode speed doctor just
 * measured. A data folder that does not exist yet is not created.
 */
final class MotionCostSection {

    /**
     * What the section found.
     *
     * @param costs   the cameras with motion on; empty when none or not checked
     * @param problem why cameras were not checked (no data folder, folder unusable), else null
     */
    record Found(List<MotionCosts.CameraCost> costs, String problem) {}

    private final Messages text;

    MotionCostSection(Messages text) {
        this.text = text;
    }

    /** Reads the cameras of the run's data folder, if it exists, and each one's cost. */
    Found find(DoorstepCommand root, DecoderDoctor.Report report) {
        Path folder = root.dataFolder();
        if (!Files.isDirectory(new org.doorstep.store.DataDir(folder).database().getParent())) {
            return new Found(List.of(), text.get("doctor.noFolder"));
        }
        try (Workspace workspace = root.open("doctor")) {
            return new Found(workspace.motionCosts().all(softwareSpeed(report)), null);
        } catch (UserException e) {
            return new Found(List.of(), text.get("doctor.notChecked", e.getMessage()));
        }
    }

    /** The software decoder's measured speed on doctor's test clip; null when it was not measured. */
    static MotionCosts.DecodeSpeed softwareSpeed(DecoderDoctor.Report report) {
        for (DecoderProbe.Result r : report.decoders()) {
            if (DecoderProbe.SOFTWARE.equals(r.id()) && r.works() && r.cpuPerFrameMillis() > 0) {
                return new MotionCosts.DecodeSpeed(r.cpuPerFrameMillis(), DecoderDoctor.CLIP_WIDTH,
                        DecoderDoctor.CLIP_HEIGHT);
            }
        }
        return null;
    }

    void print(Found found, PrintWriter out) {
        out.println();
        out.println(text.get("doctor.title"));
        if (found.problem() != null) {
            out.println(found.problem());
            return;
        }
        if (found.costs().isEmpty()) {
            out.println(text.get("doctor.none"));
            return;
        }
        for (MotionCosts.CameraCost c : found.costs()) {
            if (c.onSubStream()) {
                out.println(switch (c.basis()) {
                    case MEASURED -> c.width() > 0
                            ? text.get("doctor.sub.measured", c.camera(), c.width(), c.height(), c.percentOfCore(),
                                    c.keyframesOnly() ? text.get("doctor.main.keyframesNow") : "")
                            : text.get("doctor.sub.plain", c.camera());
                    case ESTIMATED, UNKNOWN -> c.width() > 0 && c.fps() > 0
                            ? text.get("doctor.sub.opened", c.camera(), c.width(), c.height(), c.fps())
                            : text.get("doctor.sub.plain", c.camera());
                });
                continue;
            }
            switch (c.basis()) {
                case MEASURED -> out.println(text.get("doctor.main.measured", c.camera(), c.width(), c.height(),
                        c.percentOfCore(), c.measuredSeconds(),
                        c.keyframesOnly() ? text.get("doctor.main.keyframesNow") : ""));
                case ESTIMATED -> {
                    out.println(text.get("doctor.main.estimated", c.camera(), c.width(), c.height(),
                            c.percentOfCore(), frameRate(c)));
                    if (!Double.isNaN(c.stillPercentOfCore())) {
                        out.println("  " + text.get("doctor.main.estimatedStill", c.stillPercentOfCore()));
                    }
                }
                case UNKNOWN -> out.println(text.get("doctor.main.unknown", c.camera()));
            }
            double share = c.pixelsOverSubStream();
            if (share >= 1.5) {
                out.println("  " + text.get("doctor.main.advice", MotionCosts.SUB_WIDTH, MotionCosts.SUB_HEIGHT,
                        Math.round(share)));
            }
        }
    }

    /** The frame rate an estimate is for, and whether the stream stated it or it is assumed. */
    private String frameRate(MotionCosts.CameraCost c) {
        return c.fpsAssumed() ? text.get("doctor.fps.assumed", c.fps()) : text.get("doctor.fps.stated", c.fps());
    }

    static ObjectNode json(ObjectMapper mapper, Found found) {
        ObjectNode node = mapper.createObjectNode();
        if (found.problem() == null) {
            node.putNull("problem");
        } else {
            node.put("problem", found.problem());
        }
        ArrayNode cameras = node.putArray("cameras");
        for (MotionCosts.CameraCost c : found.costs()) {
            ObjectNode n = cameras.addObject();
            n.put("camera", c.camera());
            n.put("stream", c.onSubStream() ? "sub" : "main");
            n.put("basis", c.basis().name().toLowerCase(java.util.Locale.ROOT));
            putSize(n, c);
            putNumber(n, "fps", c.fps() > 0 ? c.fps() : Double.NaN);
            n.put("fpsAssumed", c.fpsAssumed());
            n.put("keyframesOnlyNow", c.keyframesOnly());
            putNumber(n, "cpuPercentOfOneCore", c.percentOfCore());
            putNumber(n, "cpuPercentOfOneCoreWhileStill", c.stillPercentOfCore());
            if (c.basis() == MotionCosts.Basis.ESTIMATED) {
                n.put("estimateCovers", "decoding"); // receiving and analysing come on top
            }
            if (c.basis() == MotionCosts.Basis.MEASURED) {
                n.put("measuredSeconds", c.measuredSeconds());
            }
            double share = c.pixelsOverSubStream();
            if (!c.onSubStream() && !Double.isNaN(share)) {
                // a fact, not a cost promise: what a sub stream costs also depends on what is not per pixel
                ObjectNode sub = n.putObject("subStreamComparedTo");
                sub.put("width", MotionCosts.SUB_WIDTH);
                sub.put("height", MotionCosts.SUB_HEIGHT);
                putNumber(sub, "pixelFraction", 1 / share);
            }
        }
        return node;
    }

    private static void putSize(ObjectNode n, MotionCosts.CameraCost c) {
        if (c.width() > 0 && c.height() > 0) {
            n.put("width", c.width());
            n.put("height", c.height());
        } else {
            n.putNull("width");
            n.putNull("height");
        }
    }

    private static void putNumber(ObjectNode node, String key, double value) {
        if (Double.isNaN(value)) {
            node.putNull(key);
        } else {
            node.put(key, Math.round(value * 100) / 100.0);
        }
    }
}
