package org.doorstep.playback;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.doorstep.media.MaskingTranscoder;

/**
 * The box an evidence export burns into every picture: camera name, local date and time to the second, and the UTC
 * offset (so the time means the same in any time zone), white on black at the bottom left. Drawn with Java2D because
 * FFmpeg's drawtext filter needs a font library this FFmpeg build may not have. One box is drawn per second of
 * footage and reused for the pictures of that second. Not thread-safe: one per export.
 */
public final class EvidenceStamp implements ExportService.TimeStamp {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private final String camera;
    private final ZoneId zone;
    private Instant cachedSecond;
    private int cachedWidth;
    private int cachedHeight;
    private MaskingTranscoder.Stamp.Box cached;

    public EvidenceStamp(String camera, ZoneId zone) {
        this.camera = camera;
        this.zone = zone;
    }

    /** The text shown at {@code when}: the time first, so a long camera name on a small picture never hides it. */
    public String text(Instant when) {
        return TIME.format(when.atZone(zone)) + "  " + camera;
    }

    /**
     * Where the box lies in a picture of that size (x, y, width, height): bottom left, a margin of a 60th of the
     * height, a line about a 24th of the height tall. Tests compare pixels inside and outside it.
     */
    public static int[] area(int pictureWidth, int pictureHeight, int textWidth) {
        int margin = even(Math.max(4, pictureHeight / 60));
        int height = even(Math.max(16, pictureHeight / 24));
        int width = even(Math.min(pictureWidth - 2 * margin, textWidth + height));
        return new int[] {margin, even(pictureHeight - margin - height), width, height};
    }

    @Override
    public MaskingTranscoder.Stamp.Box at(Instant when, int pictureWidth, int pictureHeight) {
        Instant second = when.truncatedTo(ChronoUnit.SECONDS);
        if (cached != null && second.equals(cachedSecond) && pictureWidth == cachedWidth
                && pictureHeight == cachedHeight) {
            return cached;
        }
        cached = draw(text(second), pictureWidth, pictureHeight);
        cachedSecond = second;
        cachedWidth = pictureWidth;
        cachedHeight = pictureHeight;
        return cached;
    }

    private static MaskingTranscoder.Stamp.Box draw(String text, int pictureWidth, int pictureHeight) {
        int lineHeight = even(Math.max(16, pictureHeight / 24));
        Font font = new Font(Font.MONOSPACED, Font.BOLD, Math.max(10, Math.round(lineHeight * 0.72f)));
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(font);
        int textWidth = fm.stringWidth(text);
        pg.dispose();
        int[] a = area(pictureWidth, pictureHeight, textWidth);
        BufferedImage img = new BufferedImage(a[2], a[3], BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, a[2], a[3]);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(font);
            g.setColor(Color.WHITE);
            int baseline = (a[3] - fm.getHeight()) / 2 + fm.getAscent();
            g.drawString(text, a[3] / 2, baseline);
        } finally {
            g.dispose();
        }
        byte[] luma = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        return new MaskingTranscoder.Stamp.Box(a[0], a[1], a[2], a[3], luma.clone());
    }

    private static int even(int v) {
        return v & ~1;
    }
}
