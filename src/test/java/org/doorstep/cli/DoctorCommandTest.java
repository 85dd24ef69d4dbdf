package org.doorstep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import org.doorstep.common.Messages;
import org.doorstep.media.HwAccel;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DoctorCommandTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(Locale locale, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Locale saved = Locale.getDefault();
        Locale.setDefault(locale);
        try {
            CommandLine cli = org.doorstep.Main.commandLine(new org.doorstep.Launcher(),
                    org.doorstep.common.JsonMapper.create());
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));
            // doctor reads the cameras of an existing data folder: never the developer's own
            String none = System.getProperty("java.io.tmpdir") + "/doorstep-doctor-test-no-folder";
            String[] all = new String[args.length + 3];
            all[0] = "--data-dir";
            all[1] = none;
            all[2] = "doctor";
            System.arraycopy(args, 0, all, 3, args.length);
            int exit = cli.execute(all);
            return new Run(exit, out.toString(), err.toString());
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void jsonIsOneDocumentWithBuildDecodersAndSpeeds() throws Exception {
        Run r = run(Locale.ENGLISH, "--json");
        assertThat(r.exit()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.path("ffmpeg").path("version").asText()).isNotBlank();
        assertThat(root.path("ffmpeg").path("license").asText()).contains("GPL");
        assertThat(root.path("ffmpeg").path("configuration").asText()).contains("--enable");
        assertThat(root.path("checkedAt").asText()).endsWith("Z");
        JsonNode decoders = root.path("decoders");
        assertThat(decoders.size()).isEqualTo(HwAccel.candidatesForThisPlatform().size() + 1);
        JsonNode software = decoders.get(0);
        assertThat(software.path("name").asText()).isEqualTo("software");
        assertThat(software.path("works").asBoolean()).isTrue();
        assertThat(software.path("decodeFps").asDouble()).isPositive();
        for (JsonNode d : decoders) {
            if (d.path("works").asBoolean()) {
                assertThat(d.path("decodeFps").isNumber()).as(d.toString()).isTrue();
            } else {
                assertThat(d.path("reason").asText()).as(d.toString()).isNotBlank();
            }
        }
        assertThat(root.path("hardwareDecoders").isArray()).isTrue();
        // privacy masks: every encoder candidate with a verdict, the one in use, and its measured cost
        JsonNode masking = root.path("privacyMasking");
        assertThat(masking.path("encoders").size()).isEqualTo(org.doorstep.media.H264Encoders.CANDIDATES.size());
        for (JsonNode e : masking.path("encoders")) {
            assertThat(e.path("works").asBoolean() || !e.path("reason").asText().isBlank()).as(e.toString()).isTrue();
        }
        assertThat(masking.path("encoder").asText()).isNotBlank();
        assertThat(masking.path("measured").path("width").asInt()).isEqualTo(1920);
        assertThat(masking.path("measured").path("cpuPercentOfOneCore").asDouble()).isPositive();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void humanTableInGermanNamesEachDecoder() {
        Run r = run(Locale.GERMAN);
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Video-Dekodierung").contains("Decoder").contains("Warum nicht")
                .contains("Software (CPU)").contains("Bilder/s");
        for (HwAccel a : HwAccel.candidatesForThisPlatform()) {
            assertThat(r.out()).contains(a.label());
        }
        assertThat(r.err()).contains("Testclip");
        assertThat(r.out()).contains("Privatsphäre-Masken").contains("libopenh264").contains("eines CPU-Kerns");
    }
}
