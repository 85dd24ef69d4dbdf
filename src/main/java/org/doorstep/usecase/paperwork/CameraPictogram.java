package org.doorstep.usecase.paperwork;

import java.awt.Color;
import java.io.IOException;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.util.Matrix;

/**
 * The usual surveillance-camera pictogram (a camera on a wall arm, tilted down), drawn as vector paths so it prints
 * sharp at any size. Drawn in a unit square of {@code size} points whose lower-left corner is at (x, y).
 */
final class CameraPictogram {
    private CameraPictogram() {}

    static void draw(PDPageContentStream s, float x, float y, float size, Color ink) throws IOException {
        s.saveGraphicsState();
        s.transform(new Matrix(size, 0, 0, size, x, y)); // from here on, 1 = the pictogram's width
        s.setNonStrokingColor(ink);
        s.setStrokingColor(ink);

        // the wall plate and the arm
        roundedRect(s, 0.02f, 0.30f, 0.09f, 0.42f, 0.02f);
        s.fill();
        s.moveTo(0.10f, 0.49f);
        s.lineTo(0.30f, 0.49f);
        s.lineTo(0.38f, 0.56f);
        s.lineTo(0.38f, 0.62f);
        s.lineTo(0.30f, 0.55f);
        s.lineTo(0.10f, 0.55f);
        s.closePath();
        s.fill();

        // the camera body, tilted down towards the viewer's side
        s.saveGraphicsState();
        // about the arm's joint: there, turn, and back
        s.transform(Matrix.getTranslateInstance(0.34f, 0.59f));
        s.transform(Matrix.getRotateInstance(Math.toRadians(-16), 0, 0));
        s.transform(Matrix.getTranslateInstance(-0.34f, -0.59f));
        roundedRect(s, 0.30f, 0.55f, 0.50f, 0.24f, 0.04f);
        s.fill();
        // the lens hood: a short wider collar in front of the body
        s.moveTo(0.78f, 0.52f);
        s.lineTo(0.96f, 0.49f);
        s.lineTo(0.96f, 0.85f);
        s.lineTo(0.78f, 0.82f);
        s.closePath();
        s.fill();
        // the lens, cut out in white with a dark centre
        s.setNonStrokingColor(Color.WHITE);
        circle(s, 0.90f, 0.67f, 0.085f);
        s.fill();
        s.setNonStrokingColor(ink);
        circle(s, 0.90f, 0.67f, 0.045f);
        s.fill();
        // the recording light
        s.setNonStrokingColor(Color.WHITE);
        circle(s, 0.39f, 0.72f, 0.025f);
        s.fill();
        s.restoreGraphicsState();

        s.restoreGraphicsState();
    }

    private static void roundedRect(PDPageContentStream s, float x, float y, float w, float h, float r)
            throws IOException {
        float k = 0.5523f * r; // the control-point distance that makes a Bezier quarter a circle
        s.moveTo(x + r, y);
        s.lineTo(x + w - r, y);
        s.curveTo(x + w - r + k, y, x + w, y + r - k, x + w, y + r);
        s.lineTo(x + w, y + h - r);
        s.curveTo(x + w, y + h - r + k, x + w - r + k, y + h, x + w - r, y + h);
        s.lineTo(x + r, y + h);
        s.curveTo(x + r - k, y + h, x, y + h - r + k, x, y + h - r);
        s.lineTo(x, y + r);
        s.curveTo(x, y + r - k, x + r - k, y, x + r, y);
        s.closePath();
    }

    private static void circle(PDPageContentStream s, float cx, float cy, float r) throws IOException {
        float k = 0.5523f * r;
        s.moveTo(cx + r, cy);
        s.curveTo(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
        s.curveTo(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
        s.curveTo(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
        s.curveTo(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
        s.closePath();
    }
}
