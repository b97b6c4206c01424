package org.ethercattle.ethereum.roundtrip;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.ethercattle.ethereum.roundtrip.UnsignedTransaction.AccessEntry;
import org.ethercattle.ethereum.roundtrip.UnsignedTransaction.SignedAuthorization;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;

/**
 * Signs generated transactions with web3j's secp256k1 signer and encodes them with web3j's RLP types, following
 * each type's EIP layout (web3j 4.12 builds neither blob transactions without a KZG library nor set-code ones, so
 * all five are assembled here the same way): legacy per EIP-155 (or unprotected), typed as {@code type ||
 * rlp(payload ++ [yParity, r, s])} signed over {@code keccak(type || rlp(payload))}.
 */
final class TransactionSigner {

    private static final byte AUTHORIZATION_MAGIC = 0x05;

    private TransactionSigner() {}

    /** Signs {@code tx} with {@code key}. */
    static SignedTransaction sign(UnsignedTransaction tx, ECKeyPair key) {
        List<RlpType> payload = payload(tx);
        byte[] from = org.ethercattle.ethereum.types.Hex.bytes(Keys.getAddress(key));
        if (tx.type() == 0) {
            List<RlpType> signed = new ArrayList<>(payload);
            if (tx.chainId() != null) {
                signed.addAll(List.of(RlpString.create(tx.chainId()), RlpString.create(0), RlpString.create(0)));
            }
            Sign.SignatureData sig = Sign.signMessage(RlpEncoder.encode(new RlpList(signed)), key, true);
            int parity = (sig.getV()[0] & 0xff) - 27;
            BigInteger v = tx.chainId() == null ? BigInteger.valueOf(27 + parity)
                    : tx.chainId().shiftLeft(1).add(BigInteger.valueOf(35 + parity));
            BigInteger r = new BigInteger(1, sig.getR());
            BigInteger s = new BigInteger(1, sig.getS());
            payload.addAll(List.of(RlpString.create(v), RlpString.create(r), RlpString.create(s)));
            byte[] encoded = RlpEncoder.encode(new RlpList(payload));
            return new SignedTransaction(tx, from, v, r, s, encoded, Hash.sha3(encoded));
        }
        Sign.SignatureData sig = Sign.signMessage(prefixed((byte) tx.type(), RlpEncoder.encode(new RlpList(payload))),
                key, true);
        BigInteger v = BigInteger.valueOf((sig.getV()[0] & 0xff) - 27);
        BigInteger r = new BigInteger(1, sig.getR());
        BigInteger s = new BigInteger(1, sig.getS());
        payload.addAll(List.of(RlpString.create(v), RlpString.create(r), RlpString.create(s)));
        byte[] encoded = prefixed((byte) tx.type(), RlpEncoder.encode(new RlpList(payload)));
        return new SignedTransaction(tx, from, v, r, s, encoded, Hash.sha3(encoded));
    }

    /** An EIP-7702 authorization by {@code authority}, signing {@code keccak(0x05 || rlp[chainId, addr, nonce])}. */
    static SignedAuthorization authorize(BigInteger chainId, byte[] address, long nonce, ECKeyPair authority) {
        byte[] message = prefixed(AUTHORIZATION_MAGIC, RlpEncoder.encode(new RlpList(RlpString.create(chainId),
                RlpString.create(address), u64(nonce))));
        Sign.SignatureData sig = Sign.signMessage(message, authority, true);
        return new SignedAuthorization(chainId, address, nonce, (sig.getV()[0] & 0xff) - 27,
                new BigInteger(1, sig.getR()), new BigInteger(1, sig.getS()));
    }

    /** The signed-over fields, in the type's order. */
    private static List<RlpType> payload(UnsignedTransaction tx) {
        List<RlpType> f = new ArrayList<>();
        if (tx.type() != 0) {
            f.add(RlpString.create(tx.chainId()));
        }
        f.add(u64(tx.nonce()));
        if (tx.type() <= 1) {
            f.add(RlpString.create(tx.gasPrice()));
        } else {
            f.add(RlpString.create(tx.tip()));
            f.add(RlpString.create(tx.feeCap()));
        }
        f.add(RlpString.create(tx.gas()));
        f.add(RlpString.create(tx.to() == null ? new byte[0] : tx.to()));
        f.add(RlpString.create(tx.value()));
        f.add(RlpString.create(tx.input()));
        if (tx.type() == 0) {
            return f;
        }
        f.add(accessList(tx.accessList()));
        if (tx.type() == 3) {
            f.add(RlpString.create(tx.blobFeeCap()));
            List<RlpType> hashes = new ArrayList<>();
            tx.blobHashes().forEach(h -> hashes.add(RlpString.create(h)));
            f.add(new RlpList(hashes));
        } else if (tx.type() == 4) {
            List<RlpType> auths = new ArrayList<>();
            for (SignedAuthorization a : tx.authorizations()) {
                auths.add(new RlpList(RlpString.create(a.chainId()), RlpString.create(a.address()),
                        u64(a.nonce()), RlpString.create(a.yParity()), RlpString.create(a.r()),
                        RlpString.create(a.s())));
            }
            f.add(new RlpList(auths));
        }
        return f;
    }

    private static RlpList accessList(List<AccessEntry> entries) {
        List<RlpType> list = new ArrayList<>();
        for (AccessEntry e : entries) {
            List<RlpType> keys = new ArrayList<>();
            e.storageKeys().forEach(k -> keys.add(RlpString.create(k)));
            list.add(new RlpList(RlpString.create(e.address()), new RlpList(keys)));
        }
        return new RlpList(list);
    }

    /** A 64-bit field read as unsigned: Java's negative longs are the values from 2^63 up. */
    static RlpString u64(long value) {
        return RlpString.create(new BigInteger(Long.toUnsignedString(value)));
    }

    private static byte[] prefixed(byte prefix, byte[] rlp) {
        byte[] out = new byte[rlp.length + 1];
        out[0] = prefix;
        System.arraycopy(rlp, 0, out, 1, rlp.length);
        return out;
    }
}
