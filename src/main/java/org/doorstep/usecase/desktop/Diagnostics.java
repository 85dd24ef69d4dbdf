package org.doorstep.usecase.desktop;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.doorstep.media.DecoderDoctor;
import org.doorstep.media.DecoderProbe;
import org.doorstep.record.CameraStatus;

/**
 * The text behind "Copy diagnostics": versions, OS, where the logs are, how many cameras are in which state and the
 * doctor's FFmpeg and decoder findings. Nothing personal or secret: no camera names, addresses, passwords or
 * pictures, and the home folder is written as ~.
 */
public final class Diagnostics {
    private final Supplier<DecoderDoctor.Report> doctor;
    private final Supplier<List<CameraStatus>> cameras;
    private final Path logs;
    private final String version;

    /** @param doctor the machine check (takes a few seconds: call {@link #text} off the UI thread) */
    public Diagnostics(Supplier<DecoderDoctor.Report> doctor, Supplier<List<CameraStatus>> cameras, Path logs,
                       String version) {
        this.doctor = doctor;
        this.cameras = cameras;
        this.logs = logs;
        this.version = version;
    }

    public Path logs() {
        return logs;
    }

    public String text() {
        StringBuilder s = new StringBuilder();
        s.append("Doorstep ").append(version == null ? "development build" : version).append('\n');
        s.append("Java ").append(System.getProperty("java.version")).append(" (")
                .append(System.getProperty("java.vendor")).append(")\n");
        s.append("OS ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(' ').append(System.getProperty("os.arch")).append('\n');
        s.append("Logs ").append(withoutHome(logs)).append('\n');
        Map<CameraStatus.State, Integer> states = new EnumMap<>(CameraStatus.State.class);
        List<CameraStatus> all = cameras.get().stream().filter(c -> "main".equals(c.stream())).toList();
        all.forEach(c -> states.merge(c.state(), 1, Integer::sum));
        s.append("Cameras ").append(all.size());
        states.forEach((state, n) -> s.append(", ").append(state.name().toLowerCase(java.util.Locale.ROOT))
                .append(' ').append(n));
        s.append('\n');
        try {
            DecoderDoctor.Report r = doctor.get();
            s.append("FFmpeg ").append(r.build().version()).append(" (").append(r.build().license()).append(")\n");
            s.append("H.264 encoder ").append(r.build().h264Encoder()).append('\n');
            for (DecoderProbe.Result d : r.decoders()) {
                s.append("Decoder ").append(d.label()).append(": ").append(d.works() ? "works" : "no");
                if (!Double.isNaN(d.decodeFps())) {
                    s.append(String.format(java.util.Locale.ROOT, ", %.0f fps", d.decodeFps()));
                }
                if (d.reason() != null) {
                    s.append(" (").append(d.reason()).append(')');
                }
                s.append('\n');
            }
        } catch (RuntimeException e) {
            s.append("Doctor failed: ").append(e.getClass().getSimpleName()).append('\n');
        }
        return s.toString();
    }

    private static String withoutHome(Path path) {
        Path home = Path.of(System.getProperty("user.home"));
        Path p = path.toAbsolutePath().normalize();
        return p.startsWith(home) ? "~" + java.io.File.separator + home.relativize(p) : p.toString();
    }
}
