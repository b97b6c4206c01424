package org.ethercattle.ethereum.roundtrip;

import java.util.ArrayList;
import java.util.List;
import org.ethercattle.ethereum.roundtrip.GeneratedReceipt.GeneratedLog;
import org.web3j.crypto.Hash;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;

/**
 * The test's own encodings of generated receipts, written from the specifications rather than taken from the code
 * under test: the consensus form (EIP-2718 envelope of {@code [status, cumulativeGas, bloom, logs]}), geth's stored
 * form ({@code [[status, cumulativeGas, logs], ...]}) and the yellow paper's 2048-bit bloom.
 */
final class ReceiptEncoding {

    private ReceiptEncoding() {}

    /** The consensus encoding of a receipt of a type-{@code type} transaction. */
    static byte[] consensus(int type, GeneratedReceipt r) {
        byte[] list = RlpEncoder.encode(new RlpList(status(r), RlpString.create(r.cumulativeGasUsed()),
                RlpString.create(bloom(r)), logs(r.logs())));
        if (type == 0) {
            return list;
        }
        byte[] typed = new byte[list.length + 1];
        typed[0] = (byte) type;
        System.arraycopy(list, 0, typed, 1, list.length);
        return typed;
    }

    /** geth's stored encoding of a block's receipts. */
    static byte[] stored(List<GeneratedReceipt> receipts) {
        List<RlpType> items = new ArrayList<>();
        for (GeneratedReceipt r : receipts) {
            items.add(new RlpList(status(r), RlpString.create(r.cumulativeGasUsed()), logs(r.logs())));
        }
        return RlpEncoder.encode(new RlpList(items));
    }

    /** The bloom of a receipt's log addresses and topics. */
    static byte[] bloom(GeneratedReceipt r) {
        byte[] bloom = new byte[256];
        for (GeneratedLog log : r.logs()) {
            add(bloom, log.address());
            log.topics().forEach(t -> add(bloom, t));
        }
        return bloom;
    }

    // Three bits per value: the low 11 bits of byte pairs 0-1, 2-3 and 4-5 of its keccak, counted from the end.
    private static void add(byte[] bloom, byte[] value) {
        byte[] h = Hash.sha3(value);
        for (int i = 0; i < 6; i += 2) {
            int bit = ((h[i] & 0x07) << 8) | (h[i + 1] & 0xff);
            bloom[255 - bit / 8] |= (byte) (1 << (bit % 8));
        }
    }

    private static RlpString status(GeneratedReceipt r) {
        return RlpString.create(r.status() == 1 ? new byte[] {1} : new byte[0]);
    }

    private static RlpList logs(List<GeneratedLog> logs) {
        List<RlpType> items = new ArrayList<>();
        for (GeneratedLog l : logs) {
            List<RlpType> t = new ArrayList<>();
            l.topics().forEach(x -> t.add(RlpString.create(x)));
            items.add(new RlpList(RlpString.create(l.address()), new RlpList(t), RlpString.create(l.data())));
        }
        return new RlpList(items);
    }
}
