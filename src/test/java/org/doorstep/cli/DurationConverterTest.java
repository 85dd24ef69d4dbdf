package org.doorstep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @ParameterizedTest
    @CsvSource({"30s,PT30S", "5m,PT5M", "2h,PT2H", "1d,PT24H", "250ms,PT0.25S", "1h30m,PT1H30M", "90,PT1M30S",
            "-90s,PT-1M-30S", "PT20S,PT20S", " 10S ,PT10S", "0s,PT0S"})
    void readsWhatPeopleType(String text, String iso) {
        assertThat(converter.convert(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "10x", "1.5h", "10s5", "ten seconds", "5m-3s", "P"})
    void rejectsEverythingElseWithAReadableMessage(String text) {
        assertThatThrownBy(() -> converter.convert(text)).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("30s");
    }
}
