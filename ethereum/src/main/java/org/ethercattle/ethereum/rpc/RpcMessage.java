package org.ethercattle.ethereum.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * One incoming JSON-RPC message as geth's {@code jsonrpcMessage} sees it: Go matches its keys
 * case-insensitively, keeps the last of duplicate keys, ignores a string field whose value has the wrong
 * type, and keeps {@code id}, {@code params}, {@code result} and {@code error} raw (so {@code "id":null} is
 * an id, while a missing id is none).
 *
 * @param version the {@code jsonrpc} string, or "" when missing or not a string
 * @param id the raw id, or null when missing
 * @param method the method, or "" when missing or not a string
 * @param params the raw params, or null when missing
 * @param hasResultOrError whether {@code result} or {@code error} is present
 */
record RpcMessage(String version, JsonNode id, String method, JsonNode params, boolean hasResultOrError) {

    private static final RpcMessage EMPTY = new RpcMessage("", null, "", null, false);

    /** Reads a message; anything but an object reads as the empty message, which is an invalid request. */
    static RpcMessage of(JsonNode node) {
        if (node == null || !node.isObject()) {
            return EMPTY;
        }
        String version = "";
        JsonNode id = null;
        String method = "";
        JsonNode params = null;
        boolean resultOrError = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.equalsIgnoreCase("jsonrpc")) {
                version = value.isTextual() ? value.textValue() : version;
            } else if (key.equalsIgnoreCase("id")) {
                id = value;
            } else if (key.equalsIgnoreCase("method")) {
                method = value.isTextual() ? value.textValue() : method;
            } else if (key.equalsIgnoreCase("params")) {
                params = value;
            } else if (key.equalsIgnoreCase("result") || key.equalsIgnoreCase("error")) {
                resultOrError = true;
            }
        }
        return new RpcMessage(version, id, method, params, resultOrError);
    }

    private boolean validVersion() {
        return version.equals("2.0");
    }

    /** An id that geth answers to: present and neither an object nor an array. */
    boolean hasValidId() {
        return id != null && !id.isObject() && !id.isArray();
    }

    /** A call without id: run, never answered. */
    boolean isNotification() {
        return validVersion() && id == null && !method.isEmpty();
    }

    /** A call with an id: run and answered. */
    boolean isCall() {
        return validVersion() && hasValidId() && !method.isEmpty();
    }

    /** A response sent to the server; geth drops it as unsolicited. */
    boolean isResponse() {
        return validVersion() && hasValidId() && method.isEmpty() && params == null && hasResultOrError;
    }
}
