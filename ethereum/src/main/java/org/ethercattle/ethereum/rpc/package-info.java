/**
 * A JSON-RPC 2.0 server over HTTP that answers, and errs, exactly as go-ethereum's {@code rpc} package does.
 *
 * <p>{@link org.ethercattle.ethereum.rpc.RpcMethods} is the registry other code registers methods into;
 * {@link org.ethercattle.ethereum.rpc.Params} validates positional parameters with geth's error texts;
 * {@link org.ethercattle.ethereum.rpc.RpcDispatcher} handles the JSON-RPC envelope (single, batch,
 * notifications); {@link org.ethercattle.ethereum.rpc.RpcServer} serves it over Jetty with geth's HTTP
 * checks (method, content type, body size, CORS, virtual hosts).
 */
package org.ethercattle.ethereum.rpc;
