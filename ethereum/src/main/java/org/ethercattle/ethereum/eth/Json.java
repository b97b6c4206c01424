package org.ethercattle.ethereum.eth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import org.ethercattle.ethereum.types.Hex;

/**
 * Builds the JSON objects of geth's API with its value forms: quantities and data as hex strings, absent values
 * as JSON {@code null}. Objects keep insertion order, so a renderer writes fields in the order geth writes them.
 */
final class Json {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode node = NODES.objectNode();

    static Json object() {
        return new Json();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    /**
     * An object of {@code fields} in key order, as Go's encoder writes a map: values are strings, JSON nodes, or
     * {@code null} for JSON null.
     */
    static ObjectNode sorted(java.util.SortedMap<String, Object> fields) {
        ObjectNode node = NODES.objectNode();
        fields.forEach((k, v) -> {
            if (v == null) {
                node.putNull(k);
            } else if (v instanceof String s) {
                node.put(k, s);
            } else {
                node.set(k, (com.fasterxml.jackson.databind.JsonNode) v);
            }
        });
        return node;
    }

    Json data(String name, byte[] value) {
        if (value == null) {
            node.putNull(name);
        } else {
            node.put(name, Hex.data(value));
        }
        return this;
    }

    Json quantity(String name, long value) {
        node.put(name, Hex.quantity(value));
        return this;
    }

    Json quantity(String name, BigInteger value) {
        if (value == null) {
            node.putNull(name);
        } else {
            node.put(name, Hex.quantity(value));
        }
        return this;
    }

    Json nul(String name) {
        node.putNull(name);
        return this;
    }

    Json set(String name, com.fasterxml.jackson.databind.JsonNode value) {
        node.set(name, value);
        return this;
    }

    ObjectNode build() {
        return node;
    }
}
