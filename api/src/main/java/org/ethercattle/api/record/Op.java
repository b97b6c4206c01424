package org.ethercattle.api.record;

import java.util.Arrays;
import java.util.Objects;

/**
 * One write inside a {@link ChangeRecord}: a put of {@code value} under {@code key}, or a delete of
 * {@code key} (then {@code value} is {@code null}).
 *
 * <p>The arrays are owned by the op once constructed: callers must not change them afterwards. They
 * are not copied, because ops sit on the replay hot path.
 */
public record Op(Type type, byte[] key, byte[] value) {

    /** What an op does. */
    public enum Type {
        PUT,
        DELETE
    }

    public Op {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        if (type == Type.PUT) {
            Objects.requireNonNull(value, "value of a put");
        } else if (value != null) {
            throw new IllegalArgumentException("a delete carries no value");
        }
    }

    public static Op put(byte[] key, byte[] value) {
        return new Op(Type.PUT, key, value);
    }

    public static Op delete(byte[] key) {
        return new Op(Type.DELETE, key, null);
    }

    /** Key bytes plus value bytes: what this op adds to a batch's {@code valueSize()}. */
    public int byteSize() {
        return key.length + (value == null ? 0 : value.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Op other
                && type == other.type
                && Arrays.equals(key, other.key)
                && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type.hashCode() + Arrays.hashCode(key)) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return type + "(" + Hex.abbreviate(key) + (value == null ? "" : ", " + value.length + " B") + ")";
    }
}
