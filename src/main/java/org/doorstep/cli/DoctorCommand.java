package org.doorstep.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.doorstep.common.Messages;
import org.doorstep.media.DecoderDoctor;
import org.doorstep.media.DecoderProbe;
import org.doorstep.media.HwAccel;
import org.doorstep.media.HwAccelSetting;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code doorstep doctor [--json]}: FFmpeg build, hardware decoders (works or why not) and decode speeds. */
@Command(name = "doctor", resourceBundle = "org.doorstep.i18n.cli")
public final class DoctorCommand implements Callable<Integer> {

    @Mixin
    JsonOption output;

    @Spec
    CommandSpec spec;

    private final Messages messages;

    public DoctorCommand() {
        this(Messages.of("motion"));
    }

    DoctorCommand(Messages messages) {
        this.messages = messages;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DecoderDoctor.Report report = DoorstepCommand.of(spec).doorstep().machine().report(step -> {
            if (!output.json) {
                err.println(step.equals("clip") ? messages.get("doctor.progress.clip")
                        : messages.get("doctor.progress.checking", step));
                err.flush();
            }
        });
        if (!output.json) {
            err.println(Messages.of("privacymasks").get("doctor.progress"));
            err.flush();
        }
        org.doorstep.usecase.doctor.MaskingCheck masking = DoorstepCommand.of(spec).doorstep().machine().masking();
        org.doorstep.usecase.keystore.KeyStoreHome.Report keyStore = DoorstepCommand.of(spec).doorstep()
                .keyStore(DoorstepCommand.of(spec).dataFolder());
        MotionCostSection motionCosts = new MotionCostSection(Messages.of("motioncost"));
        if (!output.json) {
            err.println(Messages.of("motioncost").get("doctor.progress"));
            err.flush();
        }
        MotionCostSection.Found motion = motionCosts.find(DoorstepCommand.of(spec), report);
        if (output.json) {
            try {
                ObjectMapper mapper = DoorstepCommand.of(spec).json().mapper();
                ObjectNode root = (ObjectNode) mapper.readTree(toJson(mapper, report));
                root.set("privacyMasking", maskingJson(mapper, masking));
                root.set("keyStore", KeyStoreCommand.json(mapper, keyStore));
                root.set("motionAnalysis", MotionCostSection.json(mapper, motion));
                out.println(mapper.writeValueAsString(root));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                err.println(messages.get("doctor.error.json"));
                return 1;
            }
        } else {
            printTable(report, out);
            printMasking(masking, out);
            KeyStoreCommand.print(keyStore, out, true);
            motionCosts.print(motion, out);
        }
        out.flush();
        return 0;
    }

    static String toJson(ObjectMapper mapper, DecoderDoctor.Report report)
            throws com.fasterxml.jackson.core.JsonProcessingException {
        ObjectNode root = mapper.createObjectNode();
        root.put("checkedAt", report.checkedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        root.put("platform", report.platform());
        ObjectNode ffmpeg = root.putObject("ffmpeg");
        ffmpeg.put("version", report.build().version());
        ffmpeg.put("license", report.build().license());
        ffmpeg.put("configuration", report.build().configuration());
        ffmpeg.put("h264Encoder", report.build().h264Encoder());
        ObjectNode clip = root.putObject("testClip");
        clip.put("codec", "h264");
        clip.put("width", DecoderDoctor.CLIP_WIDTH);
        clip.put("height", DecoderDoctor.CLIP_HEIGHT);
        clip.put("fps", DecoderDoctor.CLIP_FPS);
        clip.put("frames", DecoderDoctor.CLIP_FRAMES);
        ArrayNode decoders = root.putArray("decoders");
        for (DecoderProbe.Result r : report.decoders()) {
            ObjectNode d = decoders.addObject();
            d.put("name", r.id());
            d.put("label", r.label());
            d.put("hardware", !DecoderProbe.SOFTWARE.equals(r.id()));
            d.put("works", r.works());
            if (r.reason() == null) {
                d.putNull("reason");
            } else {
                d.put("reason", r.reason());
            }
            putNumber(d, "decodeFps", r.decodeFps());
            putNumber(d, "cpuMillisPerFrame", r.cpuPerFrameMillis());
        }
        ArrayNode working = root.putArray("hardwareDecoders");
        report.working().forEach(a -> working.add(a.id()));
        return mapper.writeValueAsString(root);
    }

    static ObjectNode maskingJson(ObjectMapper mapper, org.doorstep.usecase.doctor.MaskingCheck m) {
        ObjectNode node = mapper.createObjectNode();
        node.put("encoder", m.chosen());
        ArrayNode all = node.putArray("encoders");
        for (org.doorstep.media.H264Encoders.Result r : m.encoders()) {
            ObjectNode e = all.addObject();
            e.put("name", r.name());
            e.put("hardware", r.hardware());
            e.put("works", r.works());
            e.put("reason", r.reason());
        }
        if (m.cost() != null) {
            ObjectNode c = node.putObject("measured");
            c.put("width", m.cost().width());
            c.put("height", m.cost().height());
            c.put("fps", m.cost().fps());
            c.put("frames", m.cost().frames());
            putNumber(c, "cpuPercentOfOneCore", m.cost().percentOfCore());
        } else {
            node.putNull("measured");
        }
        node.put("problem", m.problem());
        return node;
    }

    private void printMasking(org.doorstep.usecase.doctor.MaskingCheck m, PrintWriter out) {
        Messages pm = Messages.of("privacymasks");
        out.println();
        out.println(pm.get("doctor.title"));
        for (org.doorstep.media.H264Encoders.Result r : m.encoders()) {
            out.println(pm.get(r.works() ? "doctor.works" : "doctor.notWorking", r.name(), r.reason()));
        }
        if (m.chosen() == null) {
            out.println(pm.get("doctor.none"));
        } else if (m.cost() == null) {
            out.println(pm.get("doctor.notMeasured", m.chosen(), m.problem()));
        } else {
            out.println(pm.get("doctor.cost", m.chosen(), m.cost().width(), m.cost().height(), m.cost().fps(),
                    m.cost().percentOfCore()));
        }
    }

    private static void putNumber(ObjectNode node, String key, double value) {
        if (Double.isNaN(value)) {
            node.putNull(key);
        } else {
            node.put(key, Math.round(value * 10) / 10.0);
        }
    }

    private void printTable(DecoderDoctor.Report report, PrintWriter out) {
        out.println(messages.get("doctor.title"));
        out.println();
        out.println(messages.get("doctor.ffmpeg", report.build().version(), report.build().license()));
        out.println(messages.get("doctor.encoder", report.build().h264Encoder() == null
                ? messages.get("doctor.encoder.none") : report.build().h264Encoder()));
        out.println(messages.get("doctor.platform", report.platform()));
        out.println(messages.get("doctor.clip", DecoderDoctor.CLIP_WIDTH, DecoderDoctor.CLIP_HEIGHT,
                DecoderDoctor.CLIP_FRAMES));
        out.println();
        String[] head = {messages.get("doctor.column.decoder"), messages.get("doctor.column.works"),
                messages.get("doctor.column.speed"), messages.get("doctor.column.why")};
        List<String[]> rows = report.decoders().stream().map(r -> new String[] {
                r.label(),
                messages.get(r.works() ? "doctor.works.yes" : "doctor.works.no"),
                Double.isNaN(r.decodeFps()) ? "" : messages.get("doctor.speed.value", r.decodeFps()),
                r.reason() == null ? "" : r.reason()}).collect(Collectors.toList());
        int[] width = new int[3];
        for (int c = 0; c < 3; c++) {
            width[c] = head[c].length();
            for (String[] row : rows) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        String format = "%-" + width[0] + "s  %-" + width[1] + "s  %" + width[2] + "s  %s%n";
        out.printf(format, (Object[]) head);
        for (String[] row : rows) {
            out.printf(format, (Object[]) row);
        }
        out.println();
        out.println(report.working().isEmpty() ? messages.get("doctor.summary.nohw")
                : messages.get("doctor.summary.hw",
                report.working().stream().map(HwAccel::label).collect(Collectors.joining(", "))));
        if (HwAccelSetting.AUTO.resolveForSubStream(report.working()).size() < report.working().size()) {
            out.println(messages.get("doctor.summary.hw.sub"));
        }
    }
}
