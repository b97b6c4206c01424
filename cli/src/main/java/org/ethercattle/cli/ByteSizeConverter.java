package org.ethercattle.cli;

import java.util.Map;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a positive byte size option such as {@code 4096}, {@code 512k}, {@code 8m} or {@code 1g} (binary units),
 * with the same rules as spec sizes, up to {@value #MAX_TEXT}: every size option is memory held or read at
 * once, and more than that is a typo. {@link UsageErrors} prefixes the option and the value to the message.
 */
final class ByteSizeConverter implements ITypeConverter<Long> {

    static final long MAX = 64L << 30;
    static final String MAX_TEXT = "64g";

    @Override
    public Long convert(String value) {
        String expected = "must be a positive size up to " + MAX_TEXT + " such as 4096, 512k, 8m or 1g";
        try {
            return new Spec("option", "option", null, "", Map.of("value", value)).sizeParam("value", 0, 1, MAX);
        } catch (SpecException e) {
            throw new TypeConversionException(expected);
        }
    }
}
