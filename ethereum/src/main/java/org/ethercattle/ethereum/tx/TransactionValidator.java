package org.ethercattle.ethereum.tx;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.ethercattle.ethereum.chain.ChainConfig;
import org.ethercattle.ethereum.rpc.RpcException;
import org.ethercattle.ethereum.state.Account;
import org.ethercattle.ethereum.state.StateReader;
import org.ethercattle.ethereum.trie.MissingTrieNodeException;
import org.ethercattle.ethereum.types.Header;
import org.ethercattle.ethereum.types.Transaction;

/**
 * Checks a transaction submitted to a replica the way geth checks one submitted over RPC ({@code SubmitTransaction}
 * then the pool's {@code ValidateTransaction} and {@code ValidateTransactionWithState}), in geth's order and with
 * geth's error texts, answered as -32000:
 * <ol>
 *   <li>"tx fee (X ether) exceeds the configured cap (Y ether)"; "only replay-protected (EIP-155) transactions
 *       allowed over RPC"</li>
 *   <li>"oversized data: transaction size X, limit Y" (not for blob transactions, whose sidecar the node's blob pool
 *       bounds); "transaction type not supported: type N rejected, pool not yet in Berlin|London|Cancun|Prague";
 *       "max initcode size exceeded: code size X, limit 49152"; "transaction gas limit too high (cap: X, tx: Y)";
 *       "exceeds block gas limit"; the 2^256 and tip-above-fee-cap sanity errors</li>
 *   <li>"invalid sender: invalid chain id for signer: have X want Y"; "invalid sender: invalid transaction v, r, s
 *       values"; "nonce has max value"</li>
 *   <li>"intrinsic gas too low: gas X, minimum needed Y"; "insufficient gas for floor data gas cost: gas X, minimum
 *       needed Y"; "transaction gas price below minimum: gas tip cap X, minimum needed Y"</li>
 *   <li>blob and set-code shape: "missing sidecar in blob transaction", "blobless blob transaction", "set code tx
 *       must have at least one authorization tuple"</li>
 *   <li>with the head state: "nonce too low: next nonce X, tx nonce Y"; "insufficient funds for gas * price + value:
 *       balance X, tx cost Y, overshot Z"</li>
 * </ol>
 *
 * <p>What a replica cannot check, it leaves to the node the relay submits to: whether the transaction is already in
 * a pool, pool replacement and per-account limits, and blob KZG proofs. A fee cap below the head's base fee is
 * accepted, as geth accepts it (the transaction waits in the pool). The nonce and balance checks need the head
 * block's state: a replica whose store does not hold it (one fed by a follower that copies blocks but not state)
 * skips them, and the node's own answer is then the first to reject a stale nonce.
 *
 * <p>Thread-safe; reads the head afresh for each transaction.
 */
public final class TransactionValidator {

    /** geth's {@code params.MaxInitCodeSize} (EIP-3860). */
    static final int MAX_INIT_CODE_SIZE = 2 * 24_576;
    /** geth's {@code params.MaxTxGas} (EIP-7825). */
    static final long MAX_TX_GAS = 1L << 24;
    /** Blob gas per blob (EIP-4844). */
    static final long BLOB_GAS_PER_BLOB = 1L << 17;
    private static final BigInteger U64_MASK = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger SECP256K1_N =
            new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);
    private static final BigInteger SECP256K1_HALF_N = SECP256K1_N.shiftRight(1);

    private final ChainConfig config;
    private final HeadSource heads;
    private final StateReader state;
    private final PoolLimits limits;

    /**
     * @param config the chain's configuration: its chain id and fork schedule
     * @param heads the head block, read for each transaction
     * @param state the state reader, or null when the store holds no state (nonce and balance are then not checked)
     * @param limits the node-local limits
     */
    public TransactionValidator(ChainConfig config, HeadSource heads, StateReader state, PoolLimits limits) {
        this.config = Objects.requireNonNull(config, "config");
        this.heads = Objects.requireNonNull(heads, "heads");
        this.state = state;
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Decodes and checks {@code raw}.
     *
     * @return the transaction, valid as far as a replica can tell
     * @throws RpcException -32000 with geth's text for the first rule it breaks
     */
    public Transaction validate(byte[] raw) throws RpcException {
        RawTransactions.Decoded decoded = RawTransactions.decode(raw);
        Transaction tx = decoded.tx();
        checkSubmission(tx);
        Header head = heads.head();
        ForkRules rules = ForkRules.at(config, head);
        checkShape(tx, raw.length, head, rules);
        byte[] sender = sender(tx);
        checkGas(tx, rules);
        checkTypeSpecific(tx, decoded.hasSidecar());
        checkState(tx, sender, head);
        return tx;
    }

    private void checkSubmission(Transaction tx) throws RpcException {
        if (limits.feeCapWei().signum() > 0) {
            BigInteger fee = feeCap(tx).multiply(unsigned(tx.gas()));
            if (fee.compareTo(limits.feeCapWei()) > 0) {
                throw RpcException.serverError(String.format(Locale.ROOT,
                        "tx fee (%.2f ether) exceeds the configured cap (%.2f ether)", ether(fee),
                        ether(limits.feeCapWei())));
            }
        }
        if (!limits.allowUnprotected() && !tx.isProtected()) {
            throw RpcException.serverError("only replay-protected (EIP-155) transactions allowed over RPC");
        }
    }

    private void checkShape(Transaction tx, int size, Header head, ForkRules rules) throws RpcException {
        if (tx.type() != Transaction.BLOB && size > limits.maxSize()) {
            throw RpcException.serverError("oversized data: transaction size " + size + ", limit "
                    + limits.maxSize());
        }
        String missingFork = switch (tx.type()) {
            case Transaction.ACCESS_LIST -> rules.berlin() ? null : "Berlin";
            case Transaction.DYNAMIC_FEE -> rules.london() ? null : "London";
            case Transaction.BLOB -> rules.cancun() ? null : "Cancun";
            case Transaction.SET_CODE -> rules.prague() ? null : "Prague";
            default -> null;
        };
        if (tx.type() != Transaction.LEGACY && !rules.berlin()) {
            missingFork = "Berlin";
        }
        if (missingFork != null) {
            throw RpcException.serverError("transaction type not supported: type " + tx.type()
                    + " rejected, pool not yet in " + missingFork);
        }
        if (tx.to() == null && rules.shanghai() && tx.input().length > MAX_INIT_CODE_SIZE) {
            throw RpcException.serverError("max initcode size exceeded: code size " + tx.input().length
                    + ", limit " + MAX_INIT_CODE_SIZE);
        }
        if (rules.osaka() && Long.compareUnsigned(tx.gas(), MAX_TX_GAS) > 0) {
            throw RpcException.serverError("transaction gas limit too high (cap: " + MAX_TX_GAS + ", tx: "
                    + Long.toUnsignedString(tx.gas()) + ")");
        }
        if (Long.compareUnsigned(head.gasLimit(), tx.gas()) < 0) {
            throw RpcException.serverError("exceeds block gas limit");
        }
        if (feeCap(tx).bitLength() > 256) {
            throw RpcException.serverError("max fee per gas higher than 2^256-1");
        }
        if (tip(tx).bitLength() > 256) {
            throw RpcException.serverError("max priority fee per gas higher than 2^256-1");
        }
        if (feeCap(tx).compareTo(tip(tx)) < 0) {
            throw RpcException.serverError("max priority fee per gas higher than max fee per gas");
        }
    }

    private byte[] sender(Transaction tx) throws RpcException {
        if (tx.isProtected() && !tx.chainId().equals(config.chainId())) {
            throw RpcException.serverError("invalid sender: invalid chain id for signer: have " + tx.chainId()
                    + " want " + config.chainId());
        }
        if (!validSignatureValues(tx)) {
            throw RpcException.serverError("invalid sender: invalid transaction v, r, s values");
        }
        try {
            return tx.sender();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw RpcException.serverError("invalid sender: invalid transaction v, r, s values");
        }
    }

    /** geth's {@code ValidateSignatureValues} with Homestead's low-s rule, and the recovery id in range. */
    private static boolean validSignatureValues(Transaction tx) {
        BigInteger v = tx.v();
        boolean recoveryOk = tx.type() != Transaction.LEGACY ? v.compareTo(BigInteger.ONE) <= 0
                : tx.isProtected() || v.equals(BigInteger.valueOf(27)) || v.equals(BigInteger.valueOf(28));
        BigInteger r = tx.r();
        BigInteger s = tx.s();
        return recoveryOk && r.signum() > 0 && s.signum() > 0 && r.compareTo(SECP256K1_N) < 0
                && s.compareTo(SECP256K1_HALF_N) <= 0;
    }

    private void checkGas(Transaction tx, ForkRules rules) throws RpcException {
        if (tx.nonce() == -1L) {
            throw RpcException.serverError("nonce has max value");
        }
        long intrinsic = IntrinsicGas.of(tx, rules);
        if (Long.compareUnsigned(tx.gas(), intrinsic) < 0) {
            throw RpcException.serverError("intrinsic gas too low: gas " + Long.toUnsignedString(tx.gas())
                    + ", minimum needed " + intrinsic);
        }
        if (rules.prague()) {
            long floor = IntrinsicGas.floorData(tx.input());
            if (Long.compareUnsigned(tx.gas(), floor) < 0) {
                throw RpcException.serverError("insufficient gas for floor data gas cost: gas "
                        + Long.toUnsignedString(tx.gas()) + ", minimum needed " + floor);
            }
        }
        if (tip(tx).compareTo(limits.minTip()) < 0) {
            throw RpcException.serverError("transaction gas price below minimum: gas tip cap " + tip(tx)
                    + ", minimum needed " + limits.minTip());
        }
    }

    private static void checkTypeSpecific(Transaction tx, boolean hasSidecar) throws RpcException {
        if (tx.type() == Transaction.BLOB) {
            if (!hasSidecar) {
                throw RpcException.serverError("missing sidecar in blob transaction");
            }
            if (tx.maxFeePerBlobGas().signum() == 0) {
                throw RpcException.serverError("transaction gas price below minimum: blob fee cap 0, minimum "
                        + "needed 1");
            }
            if (tx.blobVersionedHashes().isEmpty()) {
                throw RpcException.serverError("blobless blob transaction");
            }
        }
        if (tx.type() == Transaction.SET_CODE && tx.authorizationList().isEmpty()) {
            throw RpcException.serverError("set code tx must have at least one authorization tuple");
        }
    }

    private void checkState(Transaction tx, byte[] sender, Header head) throws RpcException {
        if (state == null) {
            return;
        }
        Optional<Account> account;
        try {
            account = state.account(head.stateRoot(), sender);
        } catch (MissingTrieNodeException e) {
            return; // the store holds blocks but not the head's state: the node checks nonce and balance
        }
        long next = account.map(Account::nonce).orElse(0L);
        if (Long.compareUnsigned(next, tx.nonce()) > 0) {
            throw RpcException.serverError("nonce too low: next nonce " + Long.toUnsignedString(next)
                    + ", tx nonce " + Long.toUnsignedString(tx.nonce()));
        }
        BigInteger balance = account.map(Account::balance).orElse(BigInteger.ZERO);
        BigInteger cost = cost(tx);
        if (balance.compareTo(cost) < 0) {
            throw RpcException.serverError("insufficient funds for gas * price + value: balance " + balance
                    + ", tx cost " + cost + ", overshot " + cost.subtract(balance));
        }
    }

    /** geth's {@code tx.Cost()}: gas times the fee cap (or gas price), plus value, plus blob gas times its cap. */
    static BigInteger cost(Transaction tx) {
        BigInteger cost = feeCap(tx).multiply(unsigned(tx.gas())).add(tx.value());
        if (tx.type() == Transaction.BLOB) {
            cost = cost.add(tx.maxFeePerBlobGas().multiply(
                    BigInteger.valueOf(BLOB_GAS_PER_BLOB * tx.blobVersionedHashes().size())));
        }
        return cost;
    }

    private static BigInteger feeCap(Transaction tx) {
        return tx.gasPrice() != null ? tx.gasPrice() : tx.maxFeePerGas();
    }

    private static BigInteger tip(Transaction tx) {
        return tx.gasPrice() != null ? tx.gasPrice() : tx.maxPriorityFeePerGas();
    }

    private static BigInteger unsigned(long value) {
        return BigInteger.valueOf(value).and(U64_MASK);
    }

    private static double ether(BigInteger wei) {
        return new BigDecimal(wei).divide(new BigDecimal(PoolLimits.ETHER)).doubleValue();
    }
}
