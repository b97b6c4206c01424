package org.ethercattle.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.ethercattle.api.replay.HeadGuard;
import org.ethercattle.core.guard.SeenValueGuard;
import org.ethercattle.ethereum.ethercattle.EtherCattleCodec;
import org.ethercattle.ethereum.guard.BlockNumberGuard;
import org.ethercattle.ethereum.guard.GethHeadKeys;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The head-marker policies {@code cattle replica --head-guard} offers, over geth's head keys. Without the
 * option a replica of an {@code ethercattle} stream, which is geth's, gets {@link #SEEN} and any other gets
 * {@link #NONE}: core knows no head keys of its own.
 */
enum HeadGuardChoice {

    /** The Ether Cattle rule: drop a head write whose value was already seen (the ethercattle default). */
    SEEN("seen"),
    /** geth-aware: never move a head to a lower block number ({@code 'H' + hash}). */
    NUMBERS("numbers"),
    /** No guard: for streams with a single master (the default of every other codec). */
    NONE("none");

    private final String optionName;

    HeadGuardChoice(String optionName) {
        this.optionName = optionName;
    }

    /** The policy of a replica that names none: {@link #SEEN} for the ethercattle codec, else {@link #NONE}. */
    static HeadGuardChoice defaultFor(String codecName) {
        return EtherCattleCodec.NAME.equals(codecName) ? SEEN : NONE;
    }

    /** Whether this policy guards geth's head keys, which tells that the replicated data is geth's. */
    boolean guardsGethHeads() {
        return this != NONE;
    }

    /** A new guard of this kind (guards are stateful: one per replayer). */
    HeadGuard newGuard() {
        return switch (this) {
            case SEEN -> new SeenValueGuard(GethHeadKeys.DEFAULT);
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
