package org.ethercattle.ethereum.eth;

import static org.ethercattle.ethereum.rpc.Param.optional;
import static org.ethercattle.ethereum.rpc.Param.required;
import static org.ethercattle.ethereum.rpc.ParamType.BLOCK_NUMBER;
import static org.ethercattle.ethereum.rpc.ParamType.JSON;
import static org.ethercattle.ethereum.rpc.ParamType.UINT64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.ethercattle.ethereum.chain.BlobFee;
import org.ethercattle.ethereum.chain.ChainConfig;
import org.ethercattle.ethereum.rpc.RpcException;
import org.ethercattle.ethereum.rpc.RpcMethods;
import org.ethercattle.ethereum.types.Block;
import org.ethercattle.ethereum.types.Header;
import org.ethercattle.ethereum.types.Hex;
import org.ethercattle.ethereum.types.Transaction;

/**
 * Fee methods with geth's rules: the next block's EIP-1559 base fee, the blob base fee of the head, geth's gas price
 * oracle for tips (the 60th percentile of the three lowest tips of each of the last 20 blocks, ignoring tips under
 * 2 wei and the block producer's own transactions), and {@code eth_feeHistory} without reward percentiles
 * (percentiles weight tips by each transaction's gas used, which needs receipts).
 */
public final class FeeMethods {

    /** geth's {@code eth_feeHistory} block count limit. */
    public static final int MAX_FEE_HISTORY = 1024;

    private static final int ORACLE_BLOCKS = 20;
    private static final int ORACLE_PERCENTILE = 60;
    private static final int ORACLE_SAMPLES = 3;
    private static final BigInteger IGNORE_PRICE = BigInteger.TWO;
    private static final BigInteger MAX_PRICE = BigInteger.valueOf(500_000_000_000L);
    /** geth's default tip before any block gives one ({@code miner.gasprice}, 1 mwei). */
    private static final BigInteger DEFAULT_TIP = BigInteger.valueOf(1_000_000L);

    private final ChainView chain;
    private final ChainConfig config;
    private final Senders senders;

    /** Fee methods over {@code chain}, recovering senders (to skip the producer's own) through {@code senders}. */
    public FeeMethods(ChainView chain, ChainConfig config, Senders senders) {
        this.chain = chain;
        this.config = config;
        this.senders = senders;
    }

    /** Registers every method into {@code methods}. */
    public void register(RpcMethods methods) {
        methods.register("eth_baseFee", List.of(), p -> {
            Header head = chain.latest();
            return head.baseFee() == null ? null : Hex.quantity(nextBaseFee(head));
        });
        methods.register("eth_blobBaseFee", List.of(), p -> Hex.quantity(blobBaseFee(chain.latest())));
        methods.register("eth_maxPriorityFeePerGas", List.of(), p -> Hex.quantity(suggestTip()));
        methods.register("eth_gasPrice", List.of(), p -> {
            BigInteger tip = suggestTip();
            Header head = chain.latest();
            return Hex.quantity(head.baseFee() == null ? tip : tip.add(head.baseFee()));
        });
        methods.register("eth_feeHistory", List.of(required(UINT64), required(BLOCK_NUMBER), optional(JSON)),
                p -> feeHistory(p.uint64(0), chain.header(p.blockNumber(1)), p.present(2) ? p.node(2) : null));
    }

    /** The EIP-1559 base fee of the block after {@code parent}. */
    public BigInteger nextBaseFee(Header parent) {
        if (!config.isLondon(parent.number() + 1)) {
            return null;
        }
        if (parent.baseFee() == null) {
            return BigInteger.valueOf(1_000_000_000L);
        }
        long target = parent.gasLimit() / 2;
        BigInteger base = parent.baseFee();
        if (parent.gasUsed() == target) {
            return base;
        }
        BigInteger denominator = BigInteger.valueOf(target).multiply(BigInteger.valueOf(8));
        if (parent.gasUsed() > target) {
            BigInteger delta = base.multiply(BigInteger.valueOf(parent.gasUsed() - target)).divide(denominator);
            return base.add(delta.max(BigInteger.ONE));
        }
        BigInteger delta = base.multiply(BigInteger.valueOf(target - parent.gasUsed())).divide(denominator);
        return base.subtract(delta).max(BigInteger.ZERO);
    }

    private BigInteger blobBaseFee(Header h) {
        Optional<ChainConfig.BlobFork> fork = config.blobForkAt(h.time());
        if (fork.isEmpty() || h.excessBlobGas() == null) {
            return BigInteger.ZERO;
        }
        return BlobFee.of(h.excessBlobGas(), fork.get().updateFraction());
    }

    private BigInteger suggestTip() throws RpcException {
        Header head = chain.latest();
        List<BigInteger> samples = new ArrayList<>();
        for (long n = head.number(), seen = 0; n >= 0 && seen < ORACLE_BLOCKS; n--, seen++) {
            Optional<Block> block = chain.block(chain.reader().canonicalHeader(n));
            if (block.isEmpty()) {
                break;
            }
            List<BigInteger> tips = blockTips(block.get());
            samples.addAll(tips.isEmpty() ? List.of(DEFAULT_TIP) : tips);
        }
        if (samples.isEmpty()) {
            return DEFAULT_TIP;
        }
        samples.sort(null);
        BigInteger tip = samples.get((samples.size() - 1) * ORACLE_PERCENTILE / 100);
        return tip.min(MAX_PRICE);
    }

    private List<BigInteger> blockTips(Block block) {
        BigInteger baseFee = block.header().baseFee();
        List<BigInteger> tips = new ArrayList<>();
        List<Transaction> txs = new ArrayList<>(block.body().transactions());
        List<BigInteger> all = new ArrayList<>();
        for (Transaction tx : txs) {
            BigInteger tip = tx.effectiveGasPrice(baseFee).subtract(baseFee == null ? BigInteger.ZERO : baseFee);
            if (tip.compareTo(IGNORE_PRICE) < 0 || Arrays.equals(senders.of(tx), block.header().coinbase())) {
                continue;
            }
            all.add(tip);
        }
        all.sort(null);
        for (int i = 0; i < all.size() && i < ORACLE_SAMPLES; i++) {
            tips.add(all.get(i));
        }
        return tips;
    }

    private Object feeHistory(long count, Optional<Header> newest, JsonNode percentiles) throws RpcException {
        if (percentiles != null && percentiles.isArray() && !percentiles.isEmpty()) {
            throw RpcException.serverError("eth_feeHistory reward percentiles need receipts (the gas each "
                    + "transaction used), which this replica does not derive; ask without percentiles");
        }
        if (count == 0 || newest.isEmpty()) {
            return Json.object().quantity("oldestBlock", 0).set("baseFeePerGas", Json.array())
                    .set("gasUsedRatio", Json.array()).build();
        }
        long blocks = Math.min(count, MAX_FEE_HISTORY);
        long last = newest.get().number();
        long first = Math.max(0, last - blocks + 1);
        ArrayNode baseFees = Json.array();
        ArrayNode ratios = Json.array();
        ArrayNode blobFees = Json.array();
        ArrayNode blobRatios = Json.array();
        Header h = null;
        for (long n = first; n <= last; n++) {
            h = chain.reader().canonicalHeader(n).orElseThrow();
            baseFees.add(Hex.quantity(h.baseFee() == null ? BigInteger.ZERO : h.baseFee()));
            ratios.add((double) h.gasUsed() / h.gasLimit());
            blobFees.add(Hex.quantity(blobBaseFee(h)));
            long maxBlobGas = config.blobForkAt(h.time()).map(f -> f.max() * BlobFee.GAS_PER_BLOB).orElse(0L);
            blobRatios.add(maxBlobGas == 0 || h.blobGasUsed() == null ? 0 : (double) h.blobGasUsed() / maxBlobGas);
        }
        BigInteger next = nextBaseFee(h);
        baseFees.add(Hex.quantity(next == null ? BigInteger.ZERO : next));
        blobFees.add(Hex.quantity(blobBaseFee(h)));
        return Json.object().quantity("oldestBlock", first).set("baseFeePerGas", baseFees)
                .set("gasUsedRatio", ratios).set("baseFeePerBlobGas", blobFees).set("blobGasUsedRatio", blobRatios)
                .build();
    }
}
