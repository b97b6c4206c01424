package org.ethercattle.ethereum.rpc;

import java.util.Objects;

/**
 * One declared positional parameter: its type and whether it may be left out.
 *
 * <p>Optional mirrors a Go pointer parameter: it may be missing or JSON {@code null}, and is then absent.
 * A required parameter mirrors a Go value parameter: missing gives "missing value for required argument
 * N"; {@code null} is decoded by the type's own rules (an error for hex types, {@code false} for bool).
 *
 * @param type the Go type to decode as
 * @param optional whether the parameter may be missing or null
 */
public record Param(ParamType type, boolean optional) {

    /** Checks the type is given. */
    public Param {
        Objects.requireNonNull(type, "type");
    }

    /** A parameter that must be given. */
    public static Param required(ParamType type) {
        return new Param(type, false);
    }

    /** A parameter that may be missing or null. */
    public static Param optional(ParamType type) {
        return new Param(type, true);
    }
}
