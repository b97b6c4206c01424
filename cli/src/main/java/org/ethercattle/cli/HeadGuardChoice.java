package org.ethercattle.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.ethercattle.core.guard.BlockNumberGuard;
import org.ethercattle.core.guard.GethHeadKeys;
import org.ethercattle.core.guard.HeadGuard;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The head-marker policies {@code cattle replica --head-guard} offers, over geth's head keys. */
enum HeadGuardChoice {

    /** The Ether Cattle rule: drop a head write whose value was already seen (the default). */
    SEEN("seen"),
    /** geth-aware: never move a head to a lower block number ({@code 'H' + hash}). */
    NUMBERS("numbers"),
    /** No guard: for streams with a single master. */
    NONE("none");

    private final String optionName;

    HeadGuardChoice(String optionName) {
        this.optionName = optionName;
    }

    /** A new guard of this kind (guards are stateful: one per replayer). */
    HeadGuard newGuard() {
        return switch (this) {
            case SEEN -> HeadGuard.seenValues(GethHeadKeys.DEFAULT);
            case NUMBERS -> new BlockNumberGuard(GethHeadKeys.DEFAULT);
            case NONE -> HeadGuard.none();
        };
    }

    @Override
    public String toString() {
        return optionName;
    }

    /** Reads {@code seen}, {@code numbers} or {@code none}. */
    static final class Converter implements ITypeConverter<HeadGuardChoice> {
        @Override
        public HeadGuardChoice convert(String value) {
            for (HeadGuardChoice c : values()) {
                if (c.optionName.equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return c;
                }
            }
            throw new TypeConversionException("'" + value + "' is not a head guard; choose one of "
                    + Arrays.stream(values()).map(HeadGuardChoice::toString).collect(Collectors.joining(", ")));
        }
    }
}
