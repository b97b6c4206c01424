package org.ethercattle.ethereum.anvil;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * Field-by-field differences between two JSON answers: objects by field name, arrays by position. Each difference
 * names its path ({@code transactions[2].v}) and its field (the last name on the path, which is what an allowance
 * names).
 */
final class JsonDifferences {

    /**
     * One field whose values differ.
     *
     * @param path where, from the answer's root
     * @param field the last field name on the path
     * @param oracle the oracle's value, or null when the oracle lacks the field
     * @param replica the replica's value, or null when the replica lacks the field
     */
    record Difference(String path, String field, JsonNode oracle, JsonNode replica) {
        @Override
        public String toString() {
            return path + ": oracle " + oracle + ", replica " + replica;
        }
    }

    private JsonDifferences() {}

    /** Every difference between the oracle's answer and the replica's. */
    static List<Difference> of(JsonNode oracle, JsonNode replica) {
        List<Difference> out = new ArrayList<>();
        walk("", "", oracle, replica, out);
        return out;
    }

    private static void walk(String path, String field, JsonNode a, JsonNode b, List<Difference> out) {
        if (a == null || b == null) {
            out.add(new Difference(path, field, a, b));
        } else if (a.isObject() && b.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                walk(path.isEmpty() ? name : path + "." + name, name, a.get(name), b.get(name), out);
            }
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            Iterator<JsonNode> ia = a.elements();
            Iterator<JsonNode> ib = b.elements();
            for (int i = 0; ia.hasNext(); i++) {
                walk(path + "[" + i + "]", field, ia.next(), ib.next(), out);
            }
        } else if (!a.equals(b)) {
            out.add(new Difference(path, field, a, b));
        }
    }
}
