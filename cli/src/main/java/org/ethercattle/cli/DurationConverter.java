package org.ethercattle.cli;

import java.time.Duration;
import java.util.Map;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a positive duration option such as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 36h}, {@code 7d} or
 * ISO-8601 {@code PT90M}, with the same rules as spec parameters; zero, negative and overflowing values are
 * refused. {@link OrZero} also takes zero, for options where {@code 0s} turns something off. The message
 * says what is accepted; {@link UsageErrors} prefixes the option and the value.
 */
class DurationConverter implements ITypeConverter<Duration> {

    static final String EXAMPLES = "such as 30s, 5m or 2h (or ISO-8601 PT90M)";

    @Override
    public Duration convert(String value) {
        Duration d = parse(value, "must be a positive duration " + EXAMPLES);
        if (d.isZero()) {
            throw new TypeConversionException("must be a positive duration " + EXAMPLES);
        }
        return d;
    }

    /** A duration of zero or more: zero turns the option's rule off. */
    static final class OrZero extends DurationConverter {
        @Override
        public Duration convert(String value) {
            return parse(value, "must be a positive duration " + EXAMPLES + ", or 0s for none");
        }
    }

    static Duration parse(String value, String expected) {
        try {
            // Built directly, not parsed from text, so no '&' or '%' in the value can change its meaning.
            return new Spec("option", "option", null, "", Map.of("value", value)).durationParam("value", null);
        } catch (SpecException e) {
            throw new TypeConversionException(expected);
        }
    }
}
