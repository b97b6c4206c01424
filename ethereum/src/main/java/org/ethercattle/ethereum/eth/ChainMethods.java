package org.ethercattle.ethereum.eth;

import static org.ethercattle.ethereum.rpc.Param.optional;
import static org.ethercattle.ethereum.rpc.Param.required;
import static org.ethercattle.ethereum.rpc.ParamType.BLOCK_NUMBER;
import static org.ethercattle.ethereum.rpc.ParamType.BLOCK_NUMBER_OR_HASH;
import static org.ethercattle.ethereum.rpc.ParamType.BOOL;
import static org.ethercattle.ethereum.rpc.ParamType.HASH;
import static org.ethercattle.ethereum.rpc.ParamType.UINT;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.Optional;
import org.ethercattle.ethereum.chain.ChainConfig;
import org.ethercattle.ethereum.rawdb.ChainReader;
import org.ethercattle.ethereum.rpc.BlockNumberOrHash;
import org.ethercattle.ethereum.rpc.RpcException;
import org.ethercattle.ethereum.rpc.RpcMethods;
import org.ethercattle.ethereum.types.Block;
import org.ethercattle.ethereum.types.Header;
import org.ethercattle.ethereum.types.Hex;
import org.ethercattle.ethereum.types.Receipt;

/**
 * The block, transaction and receipt methods of geth's {@code eth} and {@code debug} namespaces, answered from the
 * store: what geth answers, with its {@code null}s for what does not exist and its error texts where it errs.
 */
public final class ChainMethods {

    private final ChainView chain;
    private final ChainConfig config;
    private final Senders senders;
    private final RenderedBlocks blocks;

    /** Methods over {@code chain} with the chain's configuration {@code config}, recovering through {@code senders}. */
    public ChainMethods(ChainView chain, ChainConfig config, Senders senders) {
        this.chain = chain;
        this.config = config;
        this.senders = senders;
        this.blocks = new RenderedBlocks(senders);
    }

    /** Registers every method into {@code methods}. */
    public void register(RpcMethods methods) {
        methods.register("eth_chainId", List.of(), p -> Hex.quantity(config.chainId()));
        methods.register("eth_blockNumber", List.of(), p -> Hex.quantity(chain.latest().number()));
        methods.register("eth_getBlockByNumber", List.of(required(BLOCK_NUMBER), required(BOOL)),
                p -> chain.block(chain.header(p.blockNumber(0))).map(b -> blocks.of(b, p.bool(1))).orElse(null));
        methods.register("eth_getBlockByHash", List.of(required(HASH), required(BOOL)),
                p -> chain.block(chain.header(p.hash(0))).map(b -> blocks.of(b, p.bool(1))).orElse(null));
        methods.register("eth_getHeaderByNumber", List.of(required(BLOCK_NUMBER)),
                p -> chain.header(p.blockNumber(0)).map(BlockJson::header).orElse(null));
        methods.register("eth_getHeaderByHash", List.of(required(HASH)),
                p -> chain.header(p.hash(0)).map(BlockJson::header).orElse(null));
        methods.register("eth_getBlockTransactionCountByNumber", List.of(required(BLOCK_NUMBER)),
                p -> chain.block(chain.header(p.blockNumber(0)))
                        .map(b -> Hex.quantity(b.body().transactions().size())).orElse(null));
        methods.register("eth_getBlockTransactionCountByHash", List.of(required(HASH)),
                p -> chain.block(chain.header(p.hash(0)))
                        .map(b -> Hex.quantity(b.body().transactions().size())).orElse(null));
        methods.register("eth_getUncleCountByBlockNumber", List.of(required(BLOCK_NUMBER)),
                p -> chain.block(chain.header(p.blockNumber(0)))
                        .map(b -> Hex.quantity(b.body().uncles().size())).orElse(null));
        methods.register("eth_getUncleCountByBlockHash", List.of(required(HASH)),
                p -> chain.block(chain.header(p.hash(0)))
                        .map(b -> Hex.quantity(b.body().uncles().size())).orElse(null));
        methods.register("eth_getUncleByBlockNumberAndIndex", List.of(required(BLOCK_NUMBER), required(UINT)),
                p -> uncle(chain.block(chain.header(p.blockNumber(0))), p.uint64(1)));
        methods.register("eth_getUncleByBlockHashAndIndex", List.of(required(HASH), required(UINT)),
                p -> uncle(chain.block(chain.header(p.hash(0))), p.uint64(1)));
        methods.register("eth_getTransactionByHash", List.of(required(HASH)),
                p -> chain.reader().transaction(p.hash(0))
                        .map(at -> TransactionJson.inBlock(at.transaction(), at.block().header(), at.index(), senders))
                        .orElse(null));
        methods.register("eth_getTransactionByBlockNumberAndIndex", List.of(required(BLOCK_NUMBER), required(UINT)),
                p -> transactionAt(chain.block(chain.header(p.blockNumber(0))), p.uint64(1)));
        methods.register("eth_getTransactionByBlockHashAndIndex", List.of(required(HASH), required(UINT)),
                p -> transactionAt(chain.block(chain.header(p.hash(0))), p.uint64(1)));
        methods.register("eth_getRawTransactionByHash", List.of(required(HASH)), p -> rawTransaction(p.hash(0)));
        methods.register("debug_getRawTransaction", List.of(required(HASH)), p -> rawTransaction(p.hash(0)));
        methods.register("eth_getRawTransactionByBlockNumberAndIndex",
                List.of(required(BLOCK_NUMBER), required(UINT)),
                p -> rawTransactionAt(chain.block(chain.header(p.blockNumber(0))), p.uint64(1)));
        methods.register("eth_getRawTransactionByBlockHashAndIndex", List.of(required(HASH), required(UINT)),
                p -> rawTransactionAt(chain.block(chain.header(p.hash(0))), p.uint64(1)));
        methods.register("eth_getTransactionReceipt", List.of(required(HASH)), p -> receipt(p.hash(0)));
        methods.register("eth_getBlockReceipts", List.of(required(BLOCK_NUMBER_OR_HASH)),
                p -> blockReceipts(p.blockNumberOrHash(0)));
        methods.register("debug_getRawHeader", List.of(required(BLOCK_NUMBER_OR_HASH)), p -> {
            byte[] hash = resolveHash(p.blockNumberOrHash(0));
            return Hex.data(chain.header(hash)
                    .orElseThrow(() -> RpcException.serverError("header #" + goDecimal(hash) + " not found")).rlp());
        });
        methods.register("debug_getRawBlock", List.of(required(BLOCK_NUMBER_OR_HASH)), p -> {
            byte[] hash = resolveHash(p.blockNumberOrHash(0));
            return Hex.data(chain.block(chain.header(hash))
                    .orElseThrow(() -> RpcException.serverError("block #" + goDecimal(hash) + " not found")).encode());
        });
        methods.register("debug_getRawReceipts", List.of(required(BLOCK_NUMBER_OR_HASH)), p -> {
            byte[] hash = resolveHash(p.blockNumberOrHash(0));
            Optional<Block> block = chain.block(chain.header(hash));
            ArrayNode out = Json.array();
            if (block.isPresent()) {
                for (Receipt r : receipts(block.get())) {
                    out.add(Hex.data(r.encodeConsensus()));
                }
            }
            return out;
        });
        methods.register("eth_syncing", List.of(), p -> false);
        methods.register("eth_getBlockByNumberOrHash", List.of(required(BLOCK_NUMBER_OR_HASH), optional(BOOL)),
                p -> blockByNumberOrHash(p.blockNumberOrHash(0)).map(b -> BlockJson.block(b, p.present(1) && p.bool(1), senders))
                        .orElse(null));
    }

    private Optional<Block> blockByNumberOrHash(BlockNumberOrHash id) throws RpcException {
        return chain.block(chain.header(id));
    }

    /**
     * The hash geth's raw-data methods resolve first. For a number that names no block geth dereferences a nil
     * block and answers its panic error; this answers the same.
     */
    private byte[] resolveHash(BlockNumberOrHash id) throws RpcException {
        if (id.hash() != null) {
            return id.hash();
        }
        Optional<Block> block = blockByNumberOrHash(id);
        if (block.isEmpty()) {
            throw new RpcException(RpcException.INTERNAL_ERROR, "method handler crashed");
        }
        return block.get().hash();
    }

    private Object receipt(byte[] txHash) throws RpcException {
        Optional<ChainReader.TxLocation> at = chain.reader().transaction(txHash);
        if (at.isEmpty()) {
            return null;
        }
        Block block = at.get().block();
        List<Receipt> receipts = receipts(block);
        if (receipts.size() <= at.get().index()) {
            // geth: a transaction whose block has no receipts stored has no receipt to show.
            return null;
        }
        return ReceiptJson.forBlock(block, receipts, config, senders).get(at.get().index());
    }

    private Object blockReceipts(BlockNumberOrHash id) throws RpcException {
        Optional<Block> block = blockByNumberOrHash(id);
        if (block.isEmpty()) {
            return null;
        }
        ArrayNode out = Json.array();
        List<Receipt> receipts = receipts(block.get());
        int txs = block.get().body().transactions().size();
        if (receipts.size() != txs) {
            throw RpcException.serverError("receipts length mismatch: " + txs + " vs " + receipts.size());
        }
        ReceiptJson.forBlock(block.get(), receipts, config, senders).forEach(out::add);
        return out;
    }

    private List<Receipt> receipts(Block block) throws RpcException {
        return StoredReceipts.of(chain.reader(), block);
    }

    private Object rawTransaction(byte[] hash) {
        // geth answers an unknown hash with "0x" (a nil hexutil.Bytes), not null, as the index variants do.
        return chain.reader().transaction(hash).map(at -> Hex.data(at.transaction().encoded())).orElse("0x");
    }

    private static Object uncle(Optional<Block> block, long index) {
        if (block.isEmpty() || index >= block.get().body().uncles().size()) {
            return null;
        }
        return BlockJson.uncle(block.get().body().uncles().get((int) index));
    }

    private Object transactionAt(Optional<Block> block, long index) {
        if (block.isEmpty() || index >= block.get().body().transactions().size()) {
            return null;
        }
        return TransactionJson.inBlock(block.get().body().transactions().get((int) index), block.get().header(),
                (int) index, senders);
    }

    private static Object rawTransactionAt(Optional<Block> block, long index) {
        if (block.isEmpty() || index >= block.get().body().transactions().size()) {
            return "0x";
        }
        return Hex.data(block.get().body().transactions().get((int) index).encoded());
    }

    /** A hash as Go's {@code %d} prints a byte array: {@code [0 12 255 ...]}. geth's raw-data errors use it. */
    private static String goDecimal(byte[] hash) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < hash.length; i++) {
            s.append(i == 0 ? "" : " ").append(hash[i] & 0xff);
        }
        return s.append(']').toString();
    }
}
