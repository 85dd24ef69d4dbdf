package org.doorstep.onvif;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.doorstep.common.Messages;

/**
 * Doorbells that have no local stream at all. Better to say so plainly than to let a wizard time out.
 */
public final class CloudOnlyDoorbells {
    private CloudOnlyDoorbells() {}

    /** A brand/model family: the words that identify it, and whether a controller (not a cloud) is the way in. */
    public record Entry(String brand, String cloud, List<String> keywords, boolean viaController, boolean someModels) {
        public Entry(String brand, String cloud, List<String> keywords, boolean viaController) {
            this(brand, cloud, keywords, viaController, false);
        }
    }

    public static final List<Entry> ENTRIES = List.of(
            new Entry("Ring", "Ring", List.of("ring"), false),
            new Entry("Nest", "Google Nest", List.of("nest", "google nest"), false),
            new Entry("Eufy", "Eufy", List.of("eufy", "eufy video doorbell", "eufycam"), false, true),
            new Entry("UniFi", "UniFi Protect", List.of("unifi", "ubiquiti", "g4 doorbell"), true));

    /** The entry whose brand a user's text names (e.g. "Ring Video Doorbell 4"), if any. */
    public static Optional<Entry> match(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = " " + text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ") + " ";
        for (Entry e : ENTRIES) {
            for (String k : e.keywords()) {
                if (t.contains(" " + k + " ")) {
                    return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }

    /** The sentence for the user, in the default locale. */
    public static String message(Entry e) {
        Messages m = Messages.of("onvif");
        if (e.viaController()) {
            return m.get("cloud.controller", e.brand());
        }
        return e.someModels() ? m.get("cloud.some", e.brand(), e.cloud()) : m.get("cloud.only", e.brand(), e.cloud());
    }
}
