package org.doorstep.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every user-visible text exists in English and German: each bundle has its German twin with the same keys. */
class MessagesInBothLanguagesTest {
    private static final Path BUNDLES = Path.of("src", "main", "resources", "org", "doorstep", "i18n");

    @Test
    void everyEnglishBundleHasAGermanTwinWithTheSameKeys() throws IOException {
        List<Path> english;
        try (Stream<Path> files = Files.list(BUNDLES)) {
            english = files.filter(f -> f.getFileName().toString().endsWith(".properties"))
                    .filter(f -> !f.getFileName().toString().contains("_")).sorted().toList();
        }
        assertThat(english).isNotEmpty();
        for (Path en : english) {
            Path de = en.resolveSibling(en.getFileName().toString().replace(".properties", "_de.properties"));
            assertThat(de).as("German twin of %s", en.getFileName()).exists();
            Set<String> enKeys = keys(en);
            Set<String> deKeys = keys(de);
            assertThat(deKeys).as("keys of %s missing in German", en.getFileName()).containsAll(enKeys);
            assertThat(enKeys).as("keys of %s only in German", de.getFileName()).containsAll(deKeys);
        }
    }

    private static Set<String> keys(Path bundle) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(bundle, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return new TreeSet<>(p.stringPropertyNames());
    }
}
