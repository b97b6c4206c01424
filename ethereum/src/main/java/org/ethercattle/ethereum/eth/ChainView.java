package org.ethercattle.ethereum.eth;

import java.util.Arrays;
import java.util.Optional;
import org.ethercattle.ethereum.rawdb.ChainReader;
import org.ethercattle.ethereum.rawdb.Schema;
import org.ethercattle.ethereum.rpc.BlockNumber;
import org.ethercattle.ethereum.rpc.BlockNumberOrHash;
import org.ethercattle.ethereum.rpc.RpcException;
import org.ethercattle.ethereum.types.Block;
import org.ethercattle.ethereum.types.Header;

/**
 * Resolves the blocks requests name to headers, with geth's rules and errors: {@code latest} is the head block
 * marker ({@code LastBlock}), {@code finalized} the finalized marker, {@code safe} the finalized block too (geth
 * keeps the safe block in memory and restarts with it equal to the finalized one; a replica is always in that
 * state), {@code pending} the latest (a replica builds no blocks), a number the canonical block at that height.
 */
public final class ChainView {

    private final ChainReader chain;

    /** A view over {@code chain}. */
    public ChainView(ChainReader chain) {
        this.chain = chain;
    }

    /** The reader underneath. */
    public ChainReader reader() {
        return chain;
    }

    /**
     * The head block's header.
     *
     * @throws RpcException when the store holds no head block marker (not a geth database, or an empty one)
     */
    public Header latest() throws RpcException {
        return chain.headMarker(Schema.HEAD_BLOCK).orElseThrow(() -> RpcException.serverError(
                "no head block: the store holds no geth chain (LastBlock is missing)"));
    }

    /**
     * The header {@code number} names, or empty when there is no such block (answered as {@code null}).
     *
     * @throws RpcException geth's "finalized block not found" / "safe block not found" when the marker is missing
     */
    public Optional<Header> header(BlockNumber number) throws RpcException {
        return switch (number.tag()) {
            case NUMBER -> chain.canonicalHeader(number.number());
            case LATEST, PENDING -> Optional.of(latest());
            case EARLIEST -> chain.canonicalHeader(0);
            case FINALIZED -> Optional.of(chain.headMarker(Schema.HEAD_FINALIZED_BLOCK)
                    .orElseThrow(() -> RpcException.serverError("finalized block not found")));
            case SAFE -> Optional.of(chain.headMarker(Schema.HEAD_FINALIZED_BLOCK)
                    .orElseThrow(() -> RpcException.serverError("safe block not found")));
        };
    }

    /** The header with {@code hash}, or empty. */
    public Optional<Header> header(byte[] hash) {
        return chain.header(hash);
    }

    /**
     * The header a state read names (geth's {@code StateAndHeaderByNumberOrHash}): a missing block is an error
     * here, not {@code null}, with geth's texts.
     */
    public Header stateHeader(BlockNumberOrHash id) throws RpcException {
        return header(id).orElseThrow(() -> RpcException.serverError(
                id.hash() != null ? "header for hash not found" : "header not found"));
    }

    /**
     * The header an EIP-1898 block parameter names, or empty when there is no such block.
     *
     * @throws RpcException geth's "hash is not currently canonical" for {@code requireCanonical}, and its
     *     "neither block nor hash specified" for an empty parameter
     */
    public Optional<Header> header(BlockNumberOrHash id) throws RpcException {
        if (id.hash() != null) {
            Optional<Header> h = chain.header(id.hash());
            if (h.isPresent() && id.requireCanonical() && !isCanonical(h.get())) {
                throw RpcException.serverError("hash is not currently canonical");
            }
            return h;
        }
        if (id.number() == null) {
            throw RpcException.serverError("invalid arguments; neither block nor hash specified");
        }
        return header(id.number());
    }

    /** The block of {@code header}, if its body is stored. */
    public Optional<Block> block(Optional<Header> header) {
        return header.flatMap(h -> chain.body(h.number(), h.hash()).map(b -> new Block(h, b)));
    }

    /** Whether {@code header} is the canonical block at its height. */
    public boolean isCanonical(Header header) {
        return chain.canonicalHash(header.number()).map(c -> Arrays.equals(c, header.hash())).orElse(false);
    }
}
