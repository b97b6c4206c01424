package org.ethercattle.ethereum.rpc;

/**
 * Size limits of the RPC server, with geth's meaning and defaults.
 *
 * @param maxBodyBytes the largest request body read (geth's {@code httpBodyLimit}, default 5 MiB = 5242880):
 *     a larger declared Content-Length is refused with 413, a longer chunked body is cut there (and so
 *     usually fails to parse)
 * @param maxBatchItems the most messages in one batch (geth's {@code --rpc.batch-request-limit}, default
 *     1000); 0 for no limit
 * @param maxBatchResponseBytes the result bytes a batch may produce before the remaining calls are answered
 *     "response too large" (geth's {@code --rpc.batch-response-max-size}, default 25000000); 0 for no limit
 */
public record RpcLimits(int maxBodyBytes, int maxBatchItems, long maxBatchResponseBytes) {

    /** geth's defaults: 5 MiB bodies, 1000 batch items, 25 MB batch responses. */
    public static final RpcLimits GETH_DEFAULTS = new RpcLimits(5 * 1024 * 1024, 1000, 25L * 1000 * 1000);

    /** Checks the limits are usable. */
    public RpcLimits {
        if (maxBodyBytes <= 0 || maxBatchItems < 0 || maxBatchResponseBytes < 0) {
            throw new IllegalArgumentException("limits must be positive (maxBodyBytes) or non-negative, 0 meaning"
                    + " unlimited (maxBatchItems, maxBatchResponseBytes); got " + maxBodyBytes + ", "
                    + maxBatchItems + ", " + maxBatchResponseBytes);
        }
    }
}
