package org.doorstep.onvif;

/** A media profile with its video encoder settings (width 0 when the profile has no video). */
public record MediaProfile(String token, String name, String encoding, int width, int height, Double frameRate,
        Integer bitrateKbps, boolean media2) {

    public long pixels() {
        return (long) width * height;
    }

    public boolean hasVideo() {
        return width > 0 && height > 0;
    }

    public String resolution() {
        return width + "x" + height;
    }
}
