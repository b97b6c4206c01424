package org.ethercattle.ethereum.types;

import java.util.ArrayList;
import java.util.List;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpType;

/**
 * A block body as geth stores it under its {@code b} key: the transactions, the uncle headers and, from Shanghai
 * on, the withdrawals ({@code null} before, an empty list when a post-Shanghai block has none).
 *
 * @param rlp the body's encoding as stored
 */
public record Body(byte[] rlp, List<Transaction> transactions, List<Header> uncles, List<Withdrawal> withdrawals) {

    /**
     * A body with no transactions and no uncles: a genesis block's, or an uncle's as geth shows it; with an empty
     * withdrawals list from Shanghai on, without one before.
     */
    public static Body empty(boolean withWithdrawals) {
        return decode(Rlp.encodeList(withWithdrawals
                ? List.of(new RlpList(), new RlpList(), new RlpList())
                : List.of(new RlpList(), new RlpList())));
    }

    /** Decodes a stored body. */
    public static Body decode(byte[] rlp) {
        return fromFields(rlp, Rlp.list(rlp, "block body"));
    }

    /** Decodes a body from the fields after the header in a block, or from a stored body's list. */
    public static Body fromFields(byte[] rlp, List<RlpType> f) {
        if (f.size() < 2 || f.size() > 3) {
            throw new IllegalArgumentException("block body: expected 2 or 3 fields, found " + f.size());
        }
        List<Transaction> txs = Rlp.list(f.get(0), "transactions").stream().map(Transaction::fromBodyItem).toList();
        List<Header> uncles = Rlp.list(f.get(1), "uncles").stream()
                .map(u -> Header.fromRlp(Rlp.encode(u), Rlp.list(u, "uncle header"))).toList();
        List<Withdrawal> withdrawals = f.size() == 3
                ? Rlp.list(f.get(2), "withdrawals").stream().map(Body::withdrawal).toList()
                : null;
        return new Body(rlp, txs, uncles, withdrawals);
    }

    private static Withdrawal withdrawal(RlpType item) {
        List<RlpType> w = Rlp.list(item, "withdrawal");
        return new Withdrawal(Rlp.u64(w.get(0), "withdrawal index"), Rlp.u64(w.get(1), "withdrawal validatorIndex"),
                Rlp.fixed(w.get(2), 20, "withdrawal address"), Rlp.u64(w.get(3), "withdrawal amount"));
    }

    /** The RLP items of this body's fields, in order, for re-encoding inside a block. */
    public List<RlpType> items() {
        return new ArrayList<>(((RlpList) org.web3j.rlp.RlpDecoder.decode(rlp).getValues().get(0)).getValues());
    }
}
