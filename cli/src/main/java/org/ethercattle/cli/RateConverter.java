package org.ethercattle.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a rate option (things per second) of zero or more, where zero means no limit; {@link Positive} refuses
 * zero. NaN and infinity are refused: picocli's own double parsing takes them, and they would pace nothing.
 * {@link UsageErrors} prefixes the option and the value to the message.
 */
class RateConverter implements ITypeConverter<Double> {

    @Override
    public Double convert(String value) {
        double rate = parse(value, "must be a number per second of 0 or more such as 10 or 2.5 (0: no limit)");
        return rate;
    }

    /** A rate above zero. */
    static final class Positive extends RateConverter {
        @Override
        public Double convert(String value) {
            String expected = "must be a positive number per second such as 25 or 2.5";
            double rate = parse(value, expected);
            if (rate == 0) {
                throw new TypeConversionException(expected);
            }
            return rate;
        }
    }

    static double parse(String value, String expected) {
        double rate;
        try {
            rate = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException(expected);
        }
        if (!Double.isFinite(rate) || rate < 0) {
            throw new TypeConversionException(expected);
        }
        return rate;
    }
}
