package org.ethercattle.ethereum.rpc;

/**
 * One JSON-RPC method body. It receives its parameters already decoded and validated against the signature
 * it was registered with (see {@link RpcMethods#register}), and returns the result.
 *
 * <p>The result is any value Jackson serializes: a {@link com.fasterxml.jackson.databind.JsonNode}, a
 * {@code String}, a record, a {@code Map}. Field order is kept as given ({@code ObjectNode} and
 * {@code LinkedHashMap} keep insertion order, records their component order). {@code null} answers
 * {@code "result":null}, as geth does for a nil result.
 *
 * <p>Throw {@link RpcException} to answer with an error. Any other exception is logged and answered as geth
 * answers a panic: -32603 "method handler crashed", without a stack trace. Implementations must be
 * thread-safe: the server calls them concurrently.
 */
@FunctionalInterface
public interface RpcMethod {

    /**
     * Runs the method.
     *
     * @param params the decoded positional parameters
     * @return the result, serialized by Jackson; null for JSON null
     * @throws RpcException to answer with that error
     */
    Object call(Params params) throws RpcException;
}
