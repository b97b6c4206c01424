package org.ethercattle.ethereum.roundtrip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Arrays;
import org.ethercattle.ethereum.roundtrip.GeneratedBlock.GeneratedWithdrawal;
import org.ethercattle.ethereum.roundtrip.GeneratedReceipt.GeneratedLog;
import org.ethercattle.ethereum.roundtrip.UnsignedTransaction.AccessEntry;
import org.ethercattle.ethereum.roundtrip.UnsignedTransaction.SignedAuthorization;
import org.ethercattle.ethereum.types.Hex;
import org.web3j.crypto.Hash;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;

/**
 * What geth answers for the generated chain, built from the generated values alone (never from the code under
 * test's renderers): {@code RPCMarshalBlock}, {@code newRPCTransaction}, {@code MarshalReceipt} and the log
 * struct of go-ethereum, field for field. Objects are compared by content, so key order does not matter here.
 */
final class ExpectedJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ForkSchedule forks;

    ExpectedJson(ForkSchedule forks) {
        this.forks = forks;
    }

    /** {@code eth_getHeaderByNumber/ByHash}: the header's fields, those of its forks only. */
    ObjectNode header(GeneratedHeader h, byte[] hash) {
        ObjectNode o = NODES.objectNode();
        o.put("number", Hex.quantity(h.number()));
        o.put("hash", Hex.data(hash));
        o.put("parentHash", Hex.data(h.parentHash()));
        o.put("nonce", Hex.data(h.nonce()));
        o.put("mixHash", Hex.data(h.mixDigest()));
        o.put("sha3Uncles", Hex.data(h.uncleHash()));
        o.put("logsBloom", Hex.data(h.bloom()));
        o.put("stateRoot", Hex.data(h.stateRoot()));
        o.put("miner", Hex.data(h.coinbase()));
        o.put("difficulty", Hex.quantity(h.difficulty()));
        o.put("extraData", Hex.data(h.extra()));
        o.put("gasLimit", Hex.quantity(h.gasLimit()));
        o.put("gasUsed", Hex.quantity(h.gasUsed()));
        o.put("timestamp", Hex.quantity(h.time()));
        o.put("transactionsRoot", Hex.data(h.txRoot()));
        o.put("receiptsRoot", Hex.data(h.receiptsRoot()));
        if (h.baseFee() != null) {
            o.put("baseFeePerGas", Hex.quantity(h.baseFee()));
        }
        if (h.withdrawalsRoot() != null) {
            o.put("withdrawalsRoot", Hex.data(h.withdrawalsRoot()));
        }
        if (h.blobGasUsed() != null) {
            o.put("blobGasUsed", Hex.quantity(h.blobGasUsed()));
            o.put("excessBlobGas", Hex.quantity(h.excessBlobGas()));
            o.put("parentBeaconBlockRoot", Hex.data(h.parentBeaconRoot()));
        }
        if (h.requestsHash() != null) {
            o.put("requestsHash", Hex.data(h.requestsHash()));
        }
        return o;
    }

    /**
     * {@code eth_getUncleByBlock*AndIndex}: geth renders the ommer as a block of that header with an empty body, so
     * its size is that of {@code rlp([header, [], []])} and its lists are empty.
     */
    ObjectNode uncle(GeneratedHeader u) {
        byte[] rlp = u.encode();
        ObjectNode o = header(u, Hash.sha3(rlp));
        o.put("size", Hex.quantity(RlpEncoder.encode(new RlpList(u.rlp(), new RlpList(), new RlpList())).length));
        o.putArray("uncles");
        o.putArray("transactions");
        return o;
    }

    /** {@code eth_getBlockByNumber/ByHash}: the header fields, size, uncles, transactions and withdrawals. */
    ObjectNode block(GeneratedBlock b, boolean fullTransactions) {
        ObjectNode o = header(b.header(), b.hash());
        o.put("size", Hex.quantity(b.blockRlp().length));
        ArrayNode uncles = o.putArray("uncles");
        b.uncles().forEach(u -> uncles.add(Hex.data(Hash.sha3(u.encode()))));
        ArrayNode txs = o.putArray("transactions");
        for (int i = 0; i < b.transactions().size(); i++) {
            if (fullTransactions) {
                txs.add(transaction(b, i));
            } else {
                txs.add(Hex.data(b.transactions().get(i).hash()));
            }
        }
        if (b.withdrawals() != null) {
            ArrayNode ws = o.putArray("withdrawals");
            for (GeneratedWithdrawal w : b.withdrawals()) {
                ws.addObject().put("index", Hex.quantity(w.index()))
                        .put("validatorIndex", Hex.quantity(w.validatorIndex()))
                        .put("address", Hex.data(w.address())).put("amount", Hex.quantity(w.amountGwei()));
            }
        }
        return o;
    }

    /** {@code eth_getTransactionByHash} of transaction {@code i} of {@code b}. */
    ObjectNode transaction(GeneratedBlock b, int i) {
        SignedTransaction st = b.transactions().get(i);
        UnsignedTransaction tx = st.fields();
        ObjectNode o = NODES.objectNode();
        o.put("blockHash", Hex.data(b.hash()));
        o.put("blockNumber", Hex.quantity(b.number()));
        o.put("blockTimestamp", Hex.quantity(b.header().time()));
        o.put("from", Hex.data(st.from()));
        o.put("gas", Hex.quantity(tx.gas()));
        o.put("gasPrice", Hex.quantity(effectiveGasPrice(tx, b.header().baseFee())));
        if (tx.feeCap() != null) {
            o.put("maxFeePerGas", Hex.quantity(tx.feeCap()));
            o.put("maxPriorityFeePerGas", Hex.quantity(tx.tip()));
        }
        if (tx.blobFeeCap() != null) {
            o.put("maxFeePerBlobGas", Hex.quantity(tx.blobFeeCap()));
        }
        o.put("hash", Hex.data(st.hash()));
        o.put("input", Hex.data(tx.input()));
        o.put("nonce", Hex.quantity(tx.nonce()));
        if (tx.to() == null) {
            o.putNull("to");
        } else {
            o.put("to", Hex.data(tx.to()));
        }
        o.put("transactionIndex", Hex.quantity(i));
        o.put("value", Hex.quantity(tx.value()));
        o.put("type", Hex.quantity(tx.type()));
        if (tx.type() != 0) {
            ArrayNode list = o.putArray("accessList");
            for (AccessEntry e : tx.accessList()) {
                ObjectNode entry = list.addObject().put("address", Hex.data(e.address()));
                ArrayNode keys = entry.putArray("storageKeys");
                e.storageKeys().forEach(k -> keys.add(Hex.data(k)));
            }
        }
        if (tx.chainId() != null) {
            o.put("chainId", Hex.quantity(tx.chainId()));
        }
        if (tx.type() == 3) {
            ArrayNode hashes = o.putArray("blobVersionedHashes");
            tx.blobHashes().forEach(h -> hashes.add(Hex.data(h)));
        }
        if (tx.type() == 4) {
            ArrayNode auths = o.putArray("authorizationList");
            for (SignedAuthorization a : tx.authorizations()) {
                auths.addObject().put("chainId", Hex.quantity(a.chainId())).put("address", Hex.data(a.address()))
                        .put("nonce", Hex.quantity(a.nonce())).put("yParity", Hex.quantity(a.yParity()))
                        .put("r", Hex.quantity(a.r())).put("s", Hex.quantity(a.s()));
            }
        }
        o.put("v", Hex.quantity(st.v()));
        o.put("r", Hex.quantity(st.r()));
        o.put("s", Hex.quantity(st.s()));
        if (tx.type() != 0) {
            o.put("yParity", Hex.quantity(st.yParity()));
        }
        return o;
    }

    /** {@code eth_getBlockReceipts}: every receipt of {@code b}, in order. */
    ArrayNode blockReceipts(GeneratedBlock b) {
        ArrayNode a = NODES.arrayNode();
        for (int i = 0; i < b.transactions().size(); i++) {
            a.add(receipt(b, i));
        }
        return a;
    }

    /** {@code eth_getTransactionReceipt} of transaction {@code i} of {@code b}. */
    ObjectNode receipt(GeneratedBlock b, int i) {
        SignedTransaction st = b.transactions().get(i);
        UnsignedTransaction tx = st.fields();
        GeneratedReceipt r = b.receipts().get(i);
        ObjectNode o = NODES.objectNode();
        o.put("blockHash", Hex.data(b.hash()));
        o.put("blockNumber", Hex.quantity(b.number()));
        o.put("transactionHash", Hex.data(st.hash()));
        o.put("transactionIndex", Hex.quantity(i));
        o.put("from", Hex.data(st.from()));
        if (tx.to() == null) {
            o.putNull("to");
            o.put("contractAddress", Hex.data(contractAddress(st.from(), tx.nonce())));
        } else {
            o.put("to", Hex.data(tx.to()));
            o.putNull("contractAddress");
        }
        o.put("gasUsed", Hex.quantity(r.gasUsed()));
        o.put("cumulativeGasUsed", Hex.quantity(r.cumulativeGasUsed()));
        ArrayNode logs = o.putArray("logs");
        int logIndex = firstLogIndex(b, i);
        for (GeneratedLog log : r.logs()) {
            logs.add(log(b, i, logIndex++, log));
        }
        o.put("logsBloom", Hex.data(ReceiptEncoding.bloom(r)));
        o.put("type", Hex.quantity(tx.type()));
        o.put("effectiveGasPrice", Hex.quantity(effectiveGasPrice(tx, b.header().baseFee())));
        o.put("status", Hex.quantity(r.status()));
        if (tx.type() == 3) {
            o.put("blobGasUsed", Hex.quantity(ForkSchedule.GAS_PER_BLOB * tx.blobHashes().size()));
            o.put("blobGasPrice", Hex.quantity(blobBaseFee(b.header())));
        }
        return o;
    }

    /** A log at its place: transaction {@code txIndex} of {@code b}, block-wide index {@code logIndex}. */
    ObjectNode log(GeneratedBlock b, int txIndex, int logIndex, GeneratedLog log) {
        ObjectNode o = NODES.objectNode();
        o.put("address", Hex.data(log.address()));
        ArrayNode topics = o.putArray("topics");
        log.topics().forEach(t -> topics.add(Hex.data(t)));
        o.put("data", Hex.data(log.data()));
        o.put("blockNumber", Hex.quantity(b.number()));
        o.put("transactionHash", Hex.data(b.transactions().get(txIndex).hash()));
        o.put("transactionIndex", Hex.quantity(txIndex));
        o.put("blockHash", Hex.data(b.hash()));
        o.put("blockTimestamp", Hex.quantity(b.header().time()));
        o.put("logIndex", Hex.quantity(logIndex));
        o.put("removed", false);
        return o;
    }

    /** {@code debug_getRawReceipts}: the consensus encodings. */
    static ArrayNode rawReceipts(GeneratedBlock b) {
        ArrayNode a = NODES.arrayNode();
        for (int i = 0; i < b.receipts().size(); i++) {
            a.add(Hex.data(ReceiptEncoding.consensus(b.transactions().get(i).fields().type(), b.receipts().get(i))));
        }
        return a;
    }

    /** A JSON string holding {@code bytes} as data. */
    static JsonNode data(byte[] bytes) {
        return NODES.textNode(Hex.data(bytes));
    }

    /** The index in the block of transaction {@code txIndex}'s first log. */
    static int firstLogIndex(GeneratedBlock b, int txIndex) {
        int n = 0;
        for (int i = 0; i < txIndex; i++) {
            n += b.receipts().get(i).logs().size();
        }
        return n;
    }

    /** The price paid per gas: the gas price, or min(fee cap, base fee + tip), or the fee cap without a base fee. */
    private static BigInteger effectiveGasPrice(UnsignedTransaction tx, BigInteger baseFee) {
        if (tx.gasPrice() != null) {
            return tx.gasPrice();
        }
        return baseFee == null ? tx.feeCap() : tx.feeCap().min(baseFee.add(tx.tip()));
    }

    // EIP-4844's fake_exponential(1, excessBlobGas, fraction), written out from the EIP.
    private BigInteger blobBaseFee(GeneratedHeader h) {
        BigInteger denominator = BigInteger.valueOf(forks.blobFraction(h.time()));
        BigInteger numerator = BigInteger.valueOf(h.excessBlobGas());
        BigInteger output = BigInteger.ZERO;
        BigInteger accum = denominator;
        for (int i = 1; accum.signum() > 0; i++) {
            output = output.add(accum);
            accum = accum.multiply(numerator).divide(denominator.multiply(BigInteger.valueOf(i)));
        }
        return output.divide(denominator);
    }

    private static byte[] contractAddress(byte[] sender, long nonce) {
        byte[] h = Hash.sha3(RlpEncoder.encode(new RlpList(RlpString.create(sender), TransactionSigner.u64(nonce))));
        return Arrays.copyOfRange(h, 12, 32);
    }
}
