package org.ethercattle.ethereum.types;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpType;

/**
 * A signed transaction of any type a block can hold: legacy (with or without EIP-155 replay protection),
 * EIP-2930 access list ({@code 0x01}), EIP-1559 dynamic fee ({@code 0x02}), EIP-4844 blob ({@code 0x03}) and
 * EIP-7702 set code ({@code 0x04}). Fields a type does not have are {@code null} (objects) or empty lists.
 *
 * <p>{@link #encoded()} is the canonical encoding (a legacy RLP list, or the type byte followed by the RLP
 * payload) that the transaction's hash covers and {@code eth_getRawTransactionByHash} returns. The sender is not
 * stored on chain; {@link #sender()} recovers it from the signature.
 *
 * @param type the EIP-2718 type, 0 for legacy
 * @param encoded the canonical encoding
 * @param hash keccak-256 of {@code encoded}
 * @param to the recipient, {@code null} for contract creation
 * @param gasPrice legacy and access-list transactions' gas price, else {@code null}
 * @param maxPriorityFeePerGas dynamic-fee types' tip cap, else {@code null}
 * @param maxFeePerGas dynamic-fee types' fee cap, else {@code null}
 * @param maxFeePerBlobGas blob transactions' blob fee cap, else {@code null}
 * @param v the signature's v as encoded: 27/28 or {@code chainId*2+35+parity} for legacy, the parity for typed
 * @param signingPreimage the bytes the sender signed (the unsigned fields' encoding, with the chain id for EIP-155,
 *     after the type byte for typed ones); hashed only when the sender is recovered, which most reads never need
 */
public record Transaction(
        int type,
        byte[] encoded,
        byte[] hash,
        BigInteger chainId,
        long nonce,
        BigInteger gasPrice,
        BigInteger maxPriorityFeePerGas,
        BigInteger maxFeePerGas,
        long gas,
        byte[] to,
        BigInteger value,
        byte[] input,
        List<AccessTuple> accessList,
        BigInteger maxFeePerBlobGas,
        List<byte[]> blobVersionedHashes,
        List<Authorization> authorizationList,
        BigInteger v,
        BigInteger r,
        BigInteger s,
        byte[] signingPreimage) {

    /** Legacy transaction type. */
    public static final int LEGACY = 0;
    /** EIP-2930. */
    public static final int ACCESS_LIST = 1;
    /** EIP-1559. */
    public static final int DYNAMIC_FEE = 2;
    /** EIP-4844. */
    public static final int BLOB = 3;
    /** EIP-7702. */
    public static final int SET_CODE = 4;

    /** Decodes a transaction from its canonical encoding. */
    public static Transaction decode(byte[] encoded) {
        if (encoded.length == 0) {
            throw new IllegalArgumentException("transaction: empty encoding");
        }
        int first = encoded[0] & 0xff;
        if (first >= 0xc0) {
            return legacy(encoded, Rlp.list(encoded, "legacy transaction"));
        }
        if (first > SET_CODE) {
            throw new IllegalArgumentException("transaction type 0x" + Integer.toHexString(first) + " is not supported");
        }
        byte[] payload = Arrays.copyOfRange(encoded, 1, encoded.length);
        return typed(first, encoded, Rlp.list(payload, "type " + first + " transaction"));
    }

    /**
     * The canonical encoding of {@code raw}, which may be a blob transaction in its network form ({@code 0x03 ||
     * rlp([tx, (version,) blobs, commitments, proofs])}, what {@code eth_sendRawTransaction} takes and what some
     * nodes, Anvil among them, answer {@code eth_getRawTransaction*} with): the transaction without its sidecar,
     * {@code 0x03 || rlp(tx)}, which blocks hold and hashes cover. Any other encoding is returned as it is (the same
     * array), so {@code canonicalForm(raw) != raw} tells that a sidecar was dropped. Malformed RLP throws.
     */
    public static byte[] canonicalForm(byte[] raw) {
        if (raw.length < 2 || (raw[0] & 0xff) != BLOB) {
            return raw;
        }
        List<RlpType> fields = Rlp.list(Arrays.copyOfRange(raw, 1, raw.length), "type 3 transaction");
        if (fields.isEmpty() || !(fields.get(0) instanceof RlpList tx)) {
            return raw;
        }
        byte[] body = Rlp.encode(tx);
        byte[] canonical = new byte[body.length + 1];
        canonical[0] = (byte) BLOB;
        System.arraycopy(body, 0, canonical, 1, body.length);
        return canonical;
    }

    /** Decodes a transaction as a block body holds it: a legacy list, or a string wrapping a typed encoding. */
    public static Transaction fromBodyItem(RlpType item) {
        if (item instanceof RlpList list) {
            return legacy(Rlp.encode(list), list.getValues());
        }
        return decode(Rlp.bytes(item, "transaction"));
    }

    private static Transaction legacy(byte[] encoded, List<RlpType> f) {
        if (f.size() != 9) {
            throw new IllegalArgumentException("legacy transaction: expected 9 fields, found " + f.size());
        }
        BigInteger v = Rlp.big(f.get(6), "v");
        BigInteger chainId = null;
        List<RlpType> signed = new ArrayList<>(f.subList(0, 6));
        if (v.compareTo(BigInteger.valueOf(35)) >= 0) {
            chainId = v.subtract(BigInteger.valueOf(35)).shiftRight(1);
            signed.add(Rlp.uint(chainId));
            signed.add(Rlp.uint(0));
            signed.add(Rlp.uint(0));
        }
        return new Transaction(LEGACY, encoded, Hash.sha3(encoded), chainId,
                Rlp.u64(f.get(0), "nonce"), Rlp.big(f.get(1), "gasPrice"), null, null, Rlp.u64(f.get(2), "gas"),
                Rlp.addressOrNull(f.get(3), "to"), Rlp.big(f.get(4), "value"), Rlp.bytes(f.get(5), "input"),
                List.of(), null, List.of(), List.of(), v, Rlp.big(f.get(7), "r"), Rlp.big(f.get(8), "s"),
                Rlp.encodeList(signed));
    }

    private static Transaction typed(int type, byte[] encoded, List<RlpType> f) {
        int expected = switch (type) {
            case ACCESS_LIST -> 11;
            case DYNAMIC_FEE -> 12;
            case BLOB -> 14;
            default -> 13;
        };
        if (f.size() != expected) {
            throw new IllegalArgumentException("type " + type + " transaction: expected " + expected
                    + " fields, found " + f.size());
        }
        int i = 0;
        BigInteger chainId = Rlp.big(f.get(i++), "chainId");
        long nonce = Rlp.u64(f.get(i++), "nonce");
        BigInteger gasPrice = null;
        BigInteger tip = null;
        BigInteger feeCap = null;
        if (type == ACCESS_LIST) {
            gasPrice = Rlp.big(f.get(i++), "gasPrice");
        } else {
            tip = Rlp.big(f.get(i++), "maxPriorityFeePerGas");
            feeCap = Rlp.big(f.get(i++), "maxFeePerGas");
        }
        long gas = Rlp.u64(f.get(i++), "gas");
        byte[] to = Rlp.addressOrNull(f.get(i++), "to");
        BigInteger value = Rlp.big(f.get(i++), "value");
        byte[] input = Rlp.bytes(f.get(i++), "input");
        List<AccessTuple> accessList = accessList(f.get(i++));
        BigInteger blobFeeCap = null;
        List<byte[]> blobHashes = List.of();
        List<Authorization> authorizations = List.of();
        if (type == BLOB) {
            blobFeeCap = Rlp.big(f.get(i++), "maxFeePerBlobGas");
            blobHashes = Rlp.list(f.get(i++), "blobVersionedHashes").stream()
                    .map(h -> Rlp.fixed(h, 32, "blob versioned hash")).toList();
        } else if (type == SET_CODE) {
            authorizations = Rlp.list(f.get(i++), "authorizationList").stream()
                    .map(Transaction::authorization).toList();
        }
        int signatureStart = i;
        BigInteger v = Rlp.big(f.get(i++), "yParity");
        BigInteger r = Rlp.big(f.get(i++), "r");
        BigInteger s = Rlp.big(f.get(i), "s");
        byte[] unsigned = Rlp.encodeList(f.subList(0, signatureStart));
        byte[] preimage = new byte[unsigned.length + 1];
        preimage[0] = (byte) type;
        System.arraycopy(unsigned, 0, preimage, 1, unsigned.length);
        return new Transaction(type, encoded, Hash.sha3(encoded), chainId, nonce, gasPrice, tip, feeCap, gas, to,
                value, input, accessList, blobFeeCap, blobHashes, authorizations, v, r, s, preimage);
    }

    private static List<AccessTuple> accessList(RlpType item) {
        return Rlp.list(item, "accessList").stream().map(t -> {
            List<RlpType> tuple = Rlp.list(t, "access tuple");
            return new AccessTuple(Rlp.fixed(tuple.get(0), 20, "access tuple address"),
                    Rlp.list(tuple.get(1), "storage keys").stream()
                            .map(k -> Rlp.fixed(k, 32, "storage key")).toList());
        }).toList();
    }

    private static Authorization authorization(RlpType item) {
        List<RlpType> a = Rlp.list(item, "authorization");
        return new Authorization(Rlp.big(a.get(0), "authorization chainId"),
                Rlp.fixed(a.get(1), 20, "authorization address"), Rlp.u64(a.get(2), "authorization nonce"),
                Rlp.big(a.get(3), "authorization yParity").intValueExact(), Rlp.big(a.get(4), "authorization r"),
                Rlp.big(a.get(5), "authorization s"));
    }

    /** Whether this is a legacy transaction signed with EIP-155 replay protection (or any typed one). */
    public boolean isProtected() {
        return chainId != null;
    }

    /** The hash the sender signed: keccak-256 of {@link #signingPreimage}. */
    public byte[] signingHash() {
        return Hash.sha3(signingPreimage);
    }

    /** The signature's recovery bit (0 or 1). */
    public int yParity() {
        if (type != LEGACY) {
            return v.intValueExact();
        }
        return chainId == null ? v.intValueExact() - 27 : v.subtract(BigInteger.valueOf(35)).testBit(0) ? 1 : 0;
    }

    /**
     * The sender, recovered from the signature (secp256k1, a fraction of a millisecond: callers that need it
     * repeatedly keep it).
     *
     * @throws IllegalArgumentException when the signature does not recover to a key
     */
    public byte[] sender() {
        BigInteger key = Sign.recoverFromSignature(yParity(), new ECDSASignature(r, s), signingHash());
        if (key == null) {
            throw new IllegalArgumentException("transaction " + Hex.data(hash) + ": invalid signature");
        }
        return Hex.bytes(Keys.getAddress(key));
    }

    /**
     * The price per gas the sender paid in a block with {@code baseFee} (null before London): the gas price, or
     * {@code min(maxFeePerGas, baseFee + maxPriorityFeePerGas)} for dynamic-fee types.
     */
    public BigInteger effectiveGasPrice(BigInteger baseFee) {
        if (gasPrice != null) {
            return gasPrice;
        }
        if (baseFee == null) {
            return maxFeePerGas;
        }
        return maxFeePerGas.min(baseFee.add(maxPriorityFeePerGas));
    }
}
