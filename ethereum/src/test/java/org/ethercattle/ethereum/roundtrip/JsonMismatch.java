package org.ethercattle.ethereum.roundtrip;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The first place two JSON values differ, as a path ({@code result.transactions[3].gasPrice}) with both values,
 * so that a failure names the field rather than printing two whole blocks. Objects are compared by content (key
 * order is free), arrays by position.
 */
final class JsonMismatch {

    private JsonMismatch() {}

    /** Where {@code got} first differs from {@code want}, or empty when they are equal. */
    static Optional<String> of(String path, JsonNode want, JsonNode got) {
        if (want.equals(got)) {
            return Optional.empty();
        }
        if (want.isObject() && got.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            want.fieldNames().forEachRemaining(keys::add);
            got.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                if (!want.has(k)) {
                    return Optional.of(path + "." + k + ": unexpected field, answered " + got.get(k));
                }
                if (!got.has(k)) {
                    return Optional.of(path + "." + k + ": missing, expected " + want.get(k));
                }
                Optional<String> inner = of(path + "." + k, want.get(k), got.get(k));
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        if (want.isArray() && got.isArray()) {
            Iterator<JsonNode> w = want.elements();
            Iterator<JsonNode> g = got.elements();
            for (int i = 0; w.hasNext() && g.hasNext(); i++) {
                Optional<String> inner = of(path + "[" + i + "]", w.next(), g.next());
                if (inner.isPresent()) {
                    return inner;
                }
            }
            return Optional.of(path + ": expected " + want.size() + " elements, answered " + got.size());
        }
        return Optional.of(path + ": expected " + want + ", answered " + got);
    }
}
