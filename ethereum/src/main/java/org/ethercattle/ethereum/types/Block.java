package org.ethercattle.ethereum.types;

import java.util.ArrayList;
import java.util.List;
import org.web3j.rlp.RlpDecoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpType;

/**
 * A whole block: its header and body. Its encoding is the list {@code [header, transactions, uncles,
 * withdrawals?]}, which is what {@code debug_getRawBlock} returns and whose length geth reports as the size.
 */
public record Block(Header header, Body body) {

    /** Decodes a block from its encoding, e.g. one entry of a {@code chain.rlp} file. */
    public static Block decode(byte[] rlp) {
        return fromRlp(Rlp.list(rlp, "block"));
    }

    /** Decodes an already-parsed block list. */
    public static Block fromRlp(List<RlpType> f) {
        if (f.size() < 3 || f.size() > 4) {
            throw new IllegalArgumentException("block: expected 3 or 4 fields, found " + f.size());
        }
        RlpType headerItem = f.get(0);
        Header header = Header.fromRlp(Rlp.encode(headerItem), Rlp.list(headerItem, "block header"));
        List<RlpType> bodyFields = f.subList(1, f.size());
        Body body = Body.fromFields(Rlp.encodeList(bodyFields), bodyFields);
        return new Block(header, body);
    }

    /** Every block in a file of concatenated block encodings (geth's {@code export} format). */
    public static List<Block> decodeAll(byte[] concatenated) {
        List<Block> blocks = new ArrayList<>();
        for (RlpType item : RlpDecoder.decode(concatenated).getValues()) {
            blocks.add(fromRlp(Rlp.list(item, "block")));
        }
        return blocks;
    }

    /** The block's encoding. */
    public byte[] encode() {
        List<RlpType> items = new ArrayList<>();
        items.add(((RlpList) RlpDecoder.decode(header.rlp()).getValues().get(0)));
        items.addAll(body.items());
        return Rlp.encodeList(items);
    }

    /** The block hash. */
    public byte[] hash() {
        return header.hash();
    }

    /** The block number. */
    public long number() {
        return header.number();
    }
}
