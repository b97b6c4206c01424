package org.ethercattle.ethereum.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A method's result already written as JSON, in geth's form: the dispatcher puts these bytes into the answer as
 * they are. A method returns one when it answers the same immutable thing many times (a block by its hash) and
 * keeps the written form, so that repeated answers cost neither building the JSON nor writing it.
 *
 * @param bytes UTF-8 JSON text of one value; the holder must not modify it
 */
public record RawJson(byte[] bytes) {

    private static final ObjectMapper MAPPER = GoJsonWriter.mapper();

    /**
     * {@code value} (a JSON node, or anything the dispatcher could answer) written exactly as the dispatcher would
     * write it.
     *
     * @throws IllegalArgumentException if it does not serialize
     */
    public static RawJson of(Object value) {
        try {
            return new RawJson(MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("result does not serialize as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * {@code result} as JSON bytes: a {@code RawJson}'s bytes as they are (no copy; the caller must not modify them),
     * anything else written by {@code mapper}. Both the HTTP answers and the WebSocket notifications write results
     * through here, so a result kept written costs nothing in either.
     */
    static byte[] bytesOf(Object result, ObjectMapper mapper) throws JsonProcessingException {
        return result instanceof RawJson raw ? raw.bytes() : mapper.writeValueAsBytes(result);
    }
}
