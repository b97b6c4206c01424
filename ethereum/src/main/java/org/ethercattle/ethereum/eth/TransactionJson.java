package org.ethercattle.ethereum.eth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import org.ethercattle.ethereum.types.AccessTuple;
import org.ethercattle.ethereum.types.Authorization;
import org.ethercattle.ethereum.types.Header;
import org.ethercattle.ethereum.types.Hex;
import org.ethercattle.ethereum.types.Transaction;

/**
 * Transactions as geth's {@code newRPCTransaction} renders them: a Go struct, so fields come in the struct's order,
 * and each type adds its own (chain id for protected ones, access list and {@code yParity} for typed ones, fee
 * caps, blob fields, authorizations). In a block, a dynamic-fee transaction's {@code gasPrice} is the price it
 * paid: {@code min(maxFeePerGas, baseFee + maxPriorityFeePerGas)}.
 */
final class TransactionJson {

    private TransactionJson() {}

    /** Transaction {@code index} of the block with header {@code header}. */
    static ObjectNode inBlock(Transaction tx, Header header, int index, Senders senders) {
        Json j = Json.object()
                .data("blockHash", header.hash())
                .quantity("blockNumber", header.number())
                .quantity("blockTimestamp", header.time())
                .data("from", senders.of(tx))
                .quantity("gas", tx.gas())
                .quantity("gasPrice", tx.effectiveGasPrice(header.baseFee()));
        if (tx.maxFeePerGas() != null) {
            j.quantity("maxFeePerGas", tx.maxFeePerGas()).quantity("maxPriorityFeePerGas", tx.maxPriorityFeePerGas());
        }
        if (tx.maxFeePerBlobGas() != null) {
            j.quantity("maxFeePerBlobGas", tx.maxFeePerBlobGas());
        }
        j.data("hash", tx.hash())
                .data("input", tx.input())
                .quantity("nonce", tx.nonce())
                .data("to", tx.to())
                .quantity("transactionIndex", index)
                .quantity("value", tx.value())
                .quantity("type", tx.type());
        if (tx.type() != Transaction.LEGACY) {
            j.set("accessList", accessList(tx));
        }
        if (tx.isProtected()) {
            j.quantity("chainId", tx.chainId());
        }
        if (tx.type() == Transaction.BLOB) {
            ArrayNode hashes = Json.array();
            tx.blobVersionedHashes().forEach(h -> hashes.add(Hex.data(h)));
            j.set("blobVersionedHashes", hashes);
        }
        if (tx.type() == Transaction.SET_CODE) {
            ArrayNode auths = Json.array();
            for (Authorization a : tx.authorizationList()) {
                auths.add(Json.object().quantity("chainId", a.chainId()).data("address", a.address())
                        .quantity("nonce", a.nonce()).quantity("yParity", a.yParity()).quantity("r", a.r())
                        .quantity("s", a.s()).build());
            }
            j.set("authorizationList", auths);
        }
        j.quantity("v", tx.v()).quantity("r", tx.r()).quantity("s", tx.s());
        if (tx.type() != Transaction.LEGACY) {
            j.quantity("yParity", BigInteger.valueOf(tx.yParity()));
        }
        return j.build();
    }

    private static ArrayNode accessList(Transaction tx) {
        ArrayNode list = Json.array();
        for (AccessTuple t : tx.accessList()) {
            ArrayNode keys = Json.array();
            t.storageKeys().forEach(k -> keys.add(Hex.data(k)));
            list.add(Json.object().data("address", t.address()).set("storageKeys", keys).build());
        }
        return list;
    }
}
