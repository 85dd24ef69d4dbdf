import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Makes the icons jpackage needs from icons/doorstep.svg, on any OS with a JDK (no library: the icon is drawn from
 * rounded rectangles and circles only, so those are the SVG shapes read here; anything else fails loudly):
 * PNGs of 16-1024 px, doorstep.ico (Windows: PNG entries, Vista and later) and doorstep.icns (macOS: PNG entries).
 *
 * <pre>java packaging/tools/IconMaker.java icons/doorstep.svg OUT_DIR</pre>
 */
public final class IconMaker {
    static final int[] PNG_SIZES = {16, 24, 32, 48, 64, 128, 256, 512, 1024};
    static final int[] ICO_SIZES = {16, 24, 32, 48, 64, 256};

    record Fill(Shape shape, Color color) {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: IconMaker SVG OUT_DIR");
        }
        System.setProperty("java.awt.headless", "true");
        String svg = Files.readString(Path.of(args[0]));
        Path out = Files.createDirectories(Path.of(args[1]));
        double box = viewBoxSize(svg);
        List<Fill> fills = shapes(svg);
        Map<Integer, byte[]> png = new LinkedHashMap<>();
        for (int size : PNG_SIZES) {
            png.put(size, encode(render(fills, box, size)));
            Files.write(out.resolve("doorstep-" + size + ".png"), png.get(size));
        }
        Files.write(out.resolve("doorstep.png"), png.get(256)); // the Linux launcher icon jpackage takes
        Files.write(out.resolve("doorstep.ico"), ico(png));
        Files.write(out.resolve("doorstep.icns"), icns(png));
        System.out.println("IconMaker: " + fills.size() + " shapes -> " + PNG_SIZES.length
                + " PNGs, doorstep.ico, doorstep.icns in " + out);
    }

    static double viewBoxSize(String svg) {
        Matcher m = Pattern.compile("viewBox=\"\\s*0\\s+0\\s+([0-9.]+)\\s+([0-9.]+)\\s*\"").matcher(svg);
        if (!m.find() || !m.group(1).equals(m.group(2))) {
            throw new IllegalArgumentException("the icon needs a square viewBox starting at 0 0");
        }
        return Double.parseDouble(m.group(1));
    }

    static List<Fill> shapes(String svg) {
        List<Fill> fills = new ArrayList<>();
        Matcher element = Pattern.compile("<(\\w+)([^>]*)/?>").matcher(svg);
        while (element.find()) {
            String name = element.group(1);
            Map<String, String> a = attributes(element.group(2));
            switch (name) {
                case "svg" -> { }
                case "rect" -> {
                    double rx = Double.parseDouble(a.getOrDefault("rx", a.getOrDefault("ry", "0")));
                    fills.add(new Fill(new RoundRectangle2D.Double(num(a, "x"), num(a, "y"), num(a, "width"),
                            num(a, "height"), 2 * rx, 2 * rx), color(a)));
                }
                case "circle" -> {
                    double r = num(a, "r");
                    fills.add(new Fill(new Ellipse2D.Double(num(a, "cx") - r, num(a, "cy") - r, 2 * r, 2 * r),
                            color(a)));
                }
                default -> throw new IllegalArgumentException("IconMaker draws rect and circle only, not <" + name
                        + ">; extend it or simplify the icon");
            }
        }
        return fills;
    }

    static Map<String, String> attributes(String text) {
        Map<String, String> a = new LinkedHashMap<>();
        Matcher m = Pattern.compile("([\\w:-]+)=\"([^\"]*)\"").matcher(text);
        while (m.find()) {
            a.put(m.group(1), m.group(2));
        }
        return a;
    }

    static double num(Map<String, String> a, String key) {
        return Double.parseDouble(a.getOrDefault(key, "0"));
    }

    static Color color(Map<String, String> a) {
        String fill = a.get("fill");
        if (fill == null || !fill.matches("#[0-9a-fA-F]{6}")) {
            throw new IllegalArgumentException("fills are written #rrggbb, not " + fill);
        }
        return new Color(Integer.parseInt(fill.substring(1), 16));
    }

    static BufferedImage render(List<Fill> fills, double box, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.transform(AffineTransform.getScaleInstance(size / box, size / box));
        for (Fill f : fills) {
            g.setColor(f.color());
            g.fill(f.shape());
        }
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    /** ICONDIR, one ICONDIRENTRY per size (0 means 256), then the PNGs. */
    static byte[] ico(Map<Integer, byte[]> png) {
        int headerSize = 6 + 16 * ICO_SIZES.length;
        int total = headerSize;
        for (int s : ICO_SIZES) {
            total += png.get(s).length;
        }
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 1).putShort((short) ICO_SIZES.length);
        int offset = headerSize;
        for (int s : ICO_SIZES) {
            byte[] data = png.get(s);
            b.put((byte) (s >= 256 ? 0 : s)).put((byte) (s >= 256 ? 0 : s)).put((byte) 0).put((byte) 0);
            b.putShort((short) 1).putShort((short) 32).putInt(data.length).putInt(offset);
            offset += data.length;
        }
        for (int s : ICO_SIZES) {
            b.put(png.get(s));
        }
        return b.array();
    }

    /** 'icns', total length, then typed PNG entries (big-endian lengths include the 8-byte entry header). */
    static byte[] icns(Map<Integer, byte[]> png) throws IOException {
        Map<String, Integer> types = new LinkedHashMap<>();
        types.put("icp4", 16);
        types.put("icp5", 32);
        types.put("icp6", 64);
        types.put("ic07", 128);
        types.put("ic08", 256);
        types.put("ic09", 512);
        types.put("ic10", 1024);
        types.put("ic11", 32);
        types.put("ic12", 64);
        types.put("ic13", 256);
        types.put("ic14", 512);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(body);
        for (Map.Entry<String, Integer> t : types.entrySet()) {
            byte[] data = png.get(t.getValue());
            d.writeBytes(t.getKey());
            d.writeInt(8 + data.length);
            d.write(data);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        DataOutputStream head = new DataOutputStream(all);
        head.writeBytes("icns");
        head.writeInt(8 + body.size());
        head.write(body.toByteArray());
        return all.toByteArray();
    }
}
