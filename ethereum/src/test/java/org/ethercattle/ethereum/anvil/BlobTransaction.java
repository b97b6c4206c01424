package org.ethercattle.ethereum.anvil;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.ethercattle.ethereum.types.Hex;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;

/**
 * An EIP-4844 blob transaction (type 0x03) in the network form {@code eth_sendRawTransaction} takes: {@code 0x03 ||
 * rlp([payload, blobs, commitments, proofs])}. web3j builds blob transactions only with the KZG library this module
 * leaves out, so this carries one all-zero blob, the one blob whose KZG commitment and proof need no library: the
 * zero polynomial commits to the point at infinity, and its proof is the same point (compressed BLS12-381 G1:
 * {@code 0xc0} then 47 zero bytes). The versioned hash is {@code 0x01 || sha256(commitment)[1:]}, as the EIP defines.
 */
final class BlobTransaction {

    private static final byte TYPE = 0x03;
    /** 4096 field elements of 32 bytes. */
    private static final int BLOB_BYTES = 131_072;
    private static final byte VERSION_KZG = 0x01;
    /** The blob fee cap: far above the blob base fee of a fresh chain (1 wei). */
    static final BigInteger MAX_FEE_PER_BLOB_GAS = BigInteger.valueOf(1_000_000_000L);

    private BlobTransaction() {}

    /** The compressed point at infinity: the commitment to, and the proof of, the all-zero blob. */
    static byte[] pointAtInfinity() {
        byte[] point = new byte[48];
        point[0] = (byte) 0xc0;
        return point;
    }

    /** The versioned hash of the all-zero blob's commitment. */
    static byte[] zeroBlobVersionedHash() {
        byte[] hash = Hash.sha256(pointAtInfinity());
        hash[0] = VERSION_KZG;
        return hash;
    }

    /** A signed blob transaction from {@code sender} to {@code to} carrying one all-zero blob, in network form. */
    static byte[] sign(long chainId, BigInteger nonce, long gas, String to, String data, Credentials sender) {
        List<RlpType> payload = new ArrayList<>(List.of(RlpString.create(chainId), RlpString.create(nonce),
                RlpString.create(Signer.TIP), RlpString.create(Signer.GAS_PRICE), RlpString.create(gas),
                RlpString.create(Hex.bytes(to)), RlpString.create(BigInteger.ZERO), RlpString.create(Hex.bytes(data)),
                new RlpList(), RlpString.create(MAX_FEE_PER_BLOB_GAS),
                new RlpList(RlpString.create(zeroBlobVersionedHash()))));
        Sign.SignatureData sig = Sign.signMessage(prefixed(RlpEncoder.encode(new RlpList(payload))),
                sender.getEcKeyPair(), true);
        payload.add(RlpString.create((sig.getV()[0] & 0xff) - 27));
        payload.add(RlpString.create(new BigInteger(1, sig.getR())));
        payload.add(RlpString.create(new BigInteger(1, sig.getS())));
        RlpList network = new RlpList(new RlpList(payload), new RlpList(RlpString.create(new byte[BLOB_BYTES])),
                new RlpList(RlpString.create(pointAtInfinity())), new RlpList(RlpString.create(pointAtInfinity())));
        return prefixed(RlpEncoder.encode(network));
    }

    private static byte[] prefixed(byte[] rlp) {
        byte[] out = new byte[rlp.length + 1];
        out[0] = TYPE;
        System.arraycopy(rlp, 0, out, 1, rlp.length);
        return out;
    }
}
