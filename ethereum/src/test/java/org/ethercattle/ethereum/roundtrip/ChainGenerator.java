package org.ethercattle.ethereum.roundtrip;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ethercattle.api.KeyValueWriter;
import org.ethercattle.ethereum.roundtrip.GeneratedBlock.GeneratedWithdrawal;
import org.ethercattle.ethereum.roundtrip.GeneratedReceipt.GeneratedLog;
import org.ethercattle.ethereum.roundtrip.UnsignedTransaction.AccessEntry;
import org.ethercattle.ethereum.roundtrip.UnsignedTransaction.SignedAuthorization;
import org.ethercattle.ethereum.trie.TrieBuilder;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.rlp.RlpDecoder;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;

/**
 * Generates a random but well-formed chain from a seed: the same seed gives the same chain, byte for byte.
 *
 * <p>The chain crosses London, Shanghai, Cancun and Prague at random heights; each block carries 0-8 transactions
 * of the types its fork allows, signed by a small pool of random keys (so senders repeat and nonces climb), and
 * receipts with a random status, increasing cumulative gas and 0-3 logs whose addresses and topics come from small
 * pools (so that log filters match something). Header roots are real: the transactions and receipts tries, the
 * withdrawals trie, the logs bloom; parent hashes chain the blocks. What is not executed is random: state roots,
 * gas used, fees and statuses need not be what an EVM would produce, because nothing read back depends on it.
 */
final class ChainGenerator {

    private static final BigInteger GWEI = BigInteger.TEN.pow(9);
    private static final BigInteger MAX_U256 = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    static final byte[] EMPTY_LIST_HASH = Hash.sha3(RlpEncoder.encode(new RlpList()));
    private static final KeyValueWriter DISCARD = new KeyValueWriter() {
        @Override
        public void put(byte[] key, byte[] value) {}

        @Override
        public void delete(byte[] key) {}
    };

    private final long seed;
    private final Random rnd;
    private final List<ECKeyPair> keys = new ArrayList<>();
    private final Map<ECKeyPair, Long> nonces = new HashMap<>();
    private final List<byte[]> contracts = new ArrayList<>();
    private final List<byte[]> topics = new ArrayList<>();
    private long withdrawalIndex;

    ChainGenerator(long seed) {
        this.seed = seed;
        this.rnd = new Random(seed);
        for (int i = 0; i < 6; i++) {
            // Below 2^255 + 1, always a valid secp256k1 private key (the group order is just under 2^256).
            BigInteger secret = new BigInteger(1, bytes(32)).mod(BigInteger.TWO.pow(255)).add(BigInteger.ONE);
            ECKeyPair key = ECKeyPair.create(secret);
            keys.add(key);
            nonces.put(key, (long) rnd.nextInt(1000));
        }
        for (int i = 0; i < 4; i++) {
            contracts.add(bytes(20));
        }
        for (int i = 0; i < 6; i++) {
            topics.add(bytes(32));
        }
    }

    /** A chain of 34 to 50 blocks after genesis. */
    GeneratedChain generate() {
        BigInteger chainId = BigInteger.valueOf(1 + rnd.nextInt(1 << 30));
        // Six to ten blocks per era: 34 to 50 blocks after genesis.
        long london = 6 + rnd.nextInt(5);
        long shanghaiBlock = london + 7 + rnd.nextInt(4);
        long cancunBlock = shanghaiBlock + 7 + rnd.nextInt(4);
        long pragueBlock = cancunBlock + 7 + rnd.nextInt(4);
        long last = pragueBlock + 7 + rnd.nextInt(4);
        long genesisTime = 1_700_000_000L + rnd.nextInt(10_000_000);
        List<BigInteger> difficulties = new ArrayList<>();
        BigInteger ttd = BigInteger.ZERO;
        for (long n = 0; n <= last; n++) {
            BigInteger d = n < shanghaiBlock ? BigInteger.valueOf(1 + rnd.nextInt(1 << 20)) : BigInteger.ZERO;
            difficulties.add(d);
            ttd = ttd.add(d);
        }
        ForkSchedule forks = new ForkSchedule(chainId, london, genesisTime + 12 * shanghaiBlock,
                genesisTime + 12 * cancunBlock, genesisTime + 12 * pragueBlock, ttd);
        List<GeneratedBlock> blocks = new ArrayList<>();
        byte[] parent = new byte[32];
        byte[] grandparent = new byte[32];
        BigInteger td = BigInteger.ZERO;
        for (long n = 0; n <= last; n++) {
            td = td.add(difficulties.get((int) n));
            GeneratedBlock b = block(forks, n, genesisTime + 12 * n, parent, grandparent, difficulties.get((int) n),
                    td);
            blocks.add(b);
            grandparent = parent;
            parent = b.hash();
        }
        return new GeneratedChain(seed, forks, List.copyOf(blocks), rnd.nextInt((int) last + 1));
    }

    private GeneratedBlock block(ForkSchedule forks, long n, long time, byte[] parent, byte[] grandparent,
            BigInteger difficulty, BigInteger td) {
        BigInteger baseFee = forks.london(n) ? BigInteger.valueOf(1 + rnd.nextInt(50)).multiply(GWEI)
                .add(BigInteger.valueOf(rnd.nextInt(1000))) : null;
        List<SignedTransaction> txs = new ArrayList<>();
        List<GeneratedReceipt> receipts = new ArrayList<>();
        int forced = forcedType(forks, n, time);
        int count = n == 0 ? 0 : Math.max(forced >= 0 ? 1 : 0, rnd.nextInt(9));
        long cumulative = 0;
        long blobs = 0;
        for (int i = 0; i < count; i++) {
            SignedTransaction tx = transaction(forks, n, time, baseFee, forks.maxBlobs(time) - blobs,
                    i == 0 ? forced : -1, n == 1);
            blobs += tx.fields().blobHashes().size();
            txs.add(tx);
            long used = 21_000 + (long) (rnd.nextDouble() * (tx.fields().gas() - 21_000));
            cumulative += used;
            receipts.add(new GeneratedReceipt(rnd.nextInt(4) == 0 ? 0 : 1, cumulative, used, logs()));
        }
        List<GeneratedWithdrawal> withdrawals = null;
        if (forks.shanghai(time)) {
            withdrawals = new ArrayList<>();
            for (int i = rnd.nextInt(5); i > 0; i--) {
                withdrawals.add(new GeneratedWithdrawal(withdrawalIndex++, rnd.nextInt(1_000_000), bytes(20),
                        extreme() ? -1L : 1 + (rnd.nextLong() >>> 24)));
            }
        }
        boolean merged = difficulty.signum() == 0;
        List<GeneratedHeader> uncles = new ArrayList<>();
        // Block 2 always has ommers, so that every chain exercises them.
        if (!merged && n >= 2 && (n == 2 || rnd.nextInt(3) == 0)) {
            for (int i = 1 + rnd.nextInt(2); i > 0; i--) {
                uncles.add(uncle(forks, n - 1, time - 12, grandparent));
            }
        }
        List<RlpType> uncleItems = new ArrayList<>();
        uncles.forEach(u -> uncleItems.add(u.rlp()));
        byte[] uncleHash = Hash.sha3(RlpEncoder.encode(new RlpList(uncleItems)));
        GeneratedHeader h = new GeneratedHeader(parent, uncleHash, bytes(20), bytes(32), transactionsRoot(txs),
                receiptsRoot(txs, receipts), blockBloom(receipts), difficulty, n, 30_000_000, cumulative, time,
                bytes(rnd.nextInt(33)), bytes(32), merged ? new byte[8] : bytes(8), baseFee,
                withdrawals == null ? null : withdrawalsRoot(withdrawals),
                forks.cancun(time) ? blobs * ForkSchedule.GAS_PER_BLOB : null,
                forks.cancun(time) ? (long) rnd.nextInt(1 << 26) : null,
                forks.cancun(time) ? bytes(32) : null,
                forks.prague(time) ? bytes(32) : null);
        byte[] headerRlp = h.encode();
        List<RlpType> blockItems = new ArrayList<>();
        List<RlpType> txItems = new ArrayList<>();
        for (SignedTransaction tx : txs) {
            txItems.add(tx.fields().type() == 0 ? RlpDecoder.decode(tx.encoded()).getValues().get(0)
                    : RlpString.create(tx.encoded()));
        }
        blockItems.add(h.rlp());
        blockItems.add(new RlpList(txItems));
        blockItems.add(new RlpList(uncleItems));
        if (withdrawals != null) {
            blockItems.add(new RlpList(withdrawals.stream().<RlpType>map(ChainGenerator::withdrawalRlp).toList()));
        }
        return new GeneratedBlock(h, headerRlp, Hash.sha3(headerRlp), RlpEncoder.encode(new RlpList(blockItems)),
                List.copyOf(txs), List.copyOf(receipts), List.copyOf(uncles),
                withdrawals == null ? null : List.copyOf(withdrawals), td);
    }

    /** An ommer: a header at {@code number} on {@code parent} that lost to the canonical block there. */
    private GeneratedHeader uncle(ForkSchedule forks, long number, long time, byte[] parent) {
        return new GeneratedHeader(parent, EMPTY_LIST_HASH, bytes(20), bytes(32), bytes(32), bytes(32), bytes(256),
                BigInteger.valueOf(1 + rnd.nextInt(1 << 20)), number, 30_000_000, rnd.nextInt(30_000_000),
                time + rnd.nextInt(12), bytes(rnd.nextInt(33)), bytes(32), bytes(8),
                forks.london(number) ? BigInteger.valueOf(1 + rnd.nextInt(1_000_000_000)) : null,
                null, null, null, null, null);
    }

    /**
     * The type the first transaction of block {@code n} must have so that every chain holds every kind: an
     * unprotected legacy one in block 1, EIP-155 in block 2, access list in 3, and each fork's new type in the
     * fork's first block; -1 when free.
     */
    private static int forcedType(ForkSchedule forks, long n, long time) {
        if (forks.prague(time) && !forks.prague(time - 12)) {
            return 4;
        }
        if (forks.cancun(time) && !forks.cancun(time - 12)) {
            return 3;
        }
        if (n == forks.londonBlock()) {
            return 2;
        }
        return n >= 1 && n <= 3 ? (int) Math.max(0, n - 2) : -1;
    }

    private SignedTransaction transaction(ForkSchedule forks, long n, long time, BigInteger baseFee, long blobRoom,
            int forced, boolean unprotected) {
        List<Integer> types = new ArrayList<>(List.of(0, 1));
        if (forks.london(n)) {
            types.add(2);
        }
        if (forks.cancun(time) && blobRoom > 0) {
            types.add(3);
        }
        if (forks.prague(time)) {
            types.add(4);
        }
        int type = forced >= 0 ? forced : types.get(rnd.nextInt(types.size()));
        ECKeyPair key = keys.get(rnd.nextInt(keys.size()));
        // Now and then a nonce of 2^64-1 (no valid chain has one, but the encoding allows it and width bugs show).
        long nonce = extreme() ? -1L : nonces.merge(key, 1L, Long::sum) - 1;
        boolean protect = forced == 0 ? !unprotected : rnd.nextBoolean();
        BigInteger chainId = type == 0 && !protect ? null : forks.chainId();
        BigInteger floor = baseFee == null ? BigInteger.ZERO : baseFee;
        BigInteger gasPrice = null;
        BigInteger tip = null;
        BigInteger feeCap = null;
        if (type <= 1) {
            gasPrice = floor.add(BigInteger.valueOf(1 + rnd.nextInt(5_000_000)).multiply(BigInteger.valueOf(1000)));
        } else {
            tip = BigInteger.valueOf(rnd.nextInt(3_000_000)).multiply(BigInteger.valueOf(1000));
            // Half the time the cap binds, so that the effective price is the cap rather than base fee + tip.
            feeCap = floor.add(rnd.nextBoolean() ? tip.add(BigInteger.valueOf(rnd.nextInt(1000)))
                    : BigInteger.valueOf(rnd.nextInt(1000)));
            if (extreme()) {
                tip = MAX_U256;
                feeCap = MAX_U256;
            }
        }
        byte[] to = type <= 2 && rnd.nextInt(5) == 0 ? null : bytes(20);
        List<AccessEntry> accessList = new ArrayList<>();
        if (type != 0) {
            for (int i = rnd.nextInt(3); i > 0; i--) {
                List<byte[]> storageKeys = new ArrayList<>();
                for (int k = rnd.nextInt(3); k > 0; k--) {
                    storageKeys.add(bytes(32));
                }
                accessList.add(new AccessEntry(bytes(20), storageKeys));
            }
        }
        BigInteger blobFeeCap = null;
        List<byte[]> blobHashes = new ArrayList<>();
        if (type == 3) {
            blobFeeCap = extreme() ? MAX_U256 : BigInteger.valueOf(1 + rnd.nextInt(1_000_000_000));
            for (int i = 1 + rnd.nextInt((int) Math.min(3, blobRoom)); i > 0; i--) {
                byte[] h = bytes(32);
                h[0] = 0x01;
                blobHashes.add(h);
            }
        }
        List<SignedAuthorization> auths = new ArrayList<>();
        if (type == 4) {
            for (int i = 1 + rnd.nextInt(2); i > 0; i--) {
                BigInteger authChain = rnd.nextBoolean() ? BigInteger.ZERO : forks.chainId();
                auths.add(TransactionSigner.authorize(extreme() ? MAX_U256 : authChain, bytes(20),
                        extreme() ? -1L : rnd.nextInt(1000),
                        keys.get(rnd.nextInt(keys.size()))));
            }
        }
        UnsignedTransaction unsigned = new UnsignedTransaction(type, chainId, nonce, gasPrice, tip, feeCap,
                21_000 + rnd.nextInt(500_000), to, extreme() ? MAX_U256 : new BigInteger(1, bytes(rnd.nextInt(11))),
                bytes(rnd.nextInt(65)),
                List.copyOf(accessList), blobFeeCap, List.copyOf(blobHashes), List.copyOf(auths));
        SignedTransaction signed = TransactionSigner.sign(unsigned, key);
        // The sender is the key's address as web3j's wallet layer computes it, not one recovered by the code tested.
        if (!Credentials.create(key).getAddress().equals(org.ethercattle.ethereum.types.Hex.data(signed.from()))) {
            throw new IllegalStateException("seed " + seed + ": signer address disagrees with web3j Credentials");
        }
        return signed;
    }

    private List<GeneratedLog> logs() {
        List<GeneratedLog> logs = new ArrayList<>();
        for (int i = rnd.nextInt(4); i > 0; i--) {
            List<byte[]> t = new ArrayList<>();
            for (int k = rnd.nextInt(5); k > 0; k--) {
                t.add(topics.get(rnd.nextInt(topics.size())));
            }
            logs.add(new GeneratedLog(contracts.get(rnd.nextInt(contracts.size())), List.copyOf(t),
                    bytes(rnd.nextInt(65))));
        }
        return List.copyOf(logs);
    }

    private static byte[] transactionsRoot(List<SignedTransaction> txs) {
        TrieBuilder trie = new TrieBuilder();
        for (int i = 0; i < txs.size(); i++) {
            trie.put(RlpEncoder.encode(RlpString.create(i)), txs.get(i).encoded());
        }
        return trie.build(DISCARD);
    }

    private static byte[] receiptsRoot(List<SignedTransaction> txs, List<GeneratedReceipt> receipts) {
        TrieBuilder trie = new TrieBuilder();
        for (int i = 0; i < receipts.size(); i++) {
            trie.put(RlpEncoder.encode(RlpString.create(i)), ReceiptEncoding.consensus(txs.get(i).fields().type(),
                    receipts.get(i)));
        }
        return trie.build(DISCARD);
    }

    private static byte[] withdrawalsRoot(List<GeneratedWithdrawal> withdrawals) {
        TrieBuilder trie = new TrieBuilder();
        for (int i = 0; i < withdrawals.size(); i++) {
            trie.put(RlpEncoder.encode(RlpString.create(i)), RlpEncoder.encode(withdrawalRlp(withdrawals.get(i))));
        }
        return trie.build(DISCARD);
    }

    private static RlpList withdrawalRlp(GeneratedWithdrawal w) {
        return new RlpList(RlpString.create(w.index()), RlpString.create(w.validatorIndex()),
                RlpString.create(w.address()), TransactionSigner.u64(w.amountGwei()));
    }

    private static byte[] blockBloom(List<GeneratedReceipt> receipts) {
        byte[] bloom = new byte[256];
        for (GeneratedReceipt r : receipts) {
            byte[] b = ReceiptEncoding.bloom(r);
            for (int i = 0; i < 256; i++) {
                bloom[i] |= b[i];
            }
        }
        return bloom;
    }

    /**
     * Whether a field takes its type's largest value this time (one in ten): 2^256-1 for 256-bit quantities,
     * 2^64-1 (Java's -1) for 64-bit ones, where sign and width bugs show.
     */
    private boolean extreme() {
        return rnd.nextInt(10) == 0;
    }

    private byte[] bytes(int length) {
        byte[] b = new byte[length];
        rnd.nextBytes(b);
        return b;
    }
}
