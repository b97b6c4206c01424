package org.ethercattle.cli;

import java.time.Duration;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration option such as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 36h}, {@code 7d} or ISO-8601
 * {@code PT90M}, with the same rules as spec parameters.
 */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return Spec.parse("option:?d=" + value).durationParam("d", null);
        } catch (SpecException e) {
            throw new TypeConversionException("'" + value + "' is not a duration such as 30s, 36h, 7d or PT90M");
        }
    }
}
