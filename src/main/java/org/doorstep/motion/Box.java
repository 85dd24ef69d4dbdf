package org.doorstep.motion;

/**
 * An axis-aligned rectangle in normalised image coordinates (0..1 on both axes, origin top left),
 * so boxes stay meaningful whatever size the analysed image or the recording has.
 */
public record Box(double x, double y, double width, double height) {

    public Box {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("negative box size");
        }
    }

    public double right() {
        return x + width;
    }

    public double bottom() {
        return y + height;
    }

    public double area() {
        return width * height;
    }

    public double centreX() {
        return x + width / 2;
    }

    public double centreY() {
        return y + height / 2;
    }

    /** The smallest box holding both. */
    public Box union(Box other) {
        double left = Math.min(x, other.x);
        double top = Math.min(y, other.y);
        return new Box(left, top, Math.max(right(), other.right()) - left, Math.max(bottom(), other.bottom()) - top);
    }

    public boolean contains(double px, double py) {
        return px >= x && px <= right() && py >= y && py <= bottom();
    }
}
