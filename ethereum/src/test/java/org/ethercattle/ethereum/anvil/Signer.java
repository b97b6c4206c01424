package org.ethercattle.ethereum.anvil;

import java.math.BigInteger;
import java.util.List;
import org.ethercattle.ethereum.types.Hex;
import org.web3j.crypto.AccessListObject;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;

/**
 * One of Anvil's dev accounts sending transactions it signs itself (web3j's encoder), so the chain carries every
 * transaction type exactly as a wallet would build it. Tracks its own nonce; not thread-safe.
 */
final class Signer {

    static final BigInteger GAS_PRICE = BigInteger.valueOf(10_000_000_000L);
    static final BigInteger TIP = BigInteger.valueOf(1_000_000_000L);

    private final Anvil anvil;
    private final Credentials credentials;
    private long nonce;

    Signer(Anvil anvil, int account) {
        this.anvil = anvil;
        this.credentials = Credentials.create(anvil.privateKeys().get(account));
        this.nonce = Hex.number(anvil.rpc("eth_getTransactionCount",
                "[\"" + credentials.getAddress() + "\", \"pending\"]").asText()).longValueExact();
    }

    String address() {
        return credentials.getAddress();
    }

    /** An EIP-155 legacy transaction; {@code to == null} creates a contract from {@code data}. */
    String legacy(String to, BigInteger value, String data, long gas) {
        RawTransaction tx = to == null
                ? RawTransaction.createContractTransaction(next(), GAS_PRICE, BigInteger.valueOf(gas), value, data)
                : RawTransaction.createTransaction(next(), GAS_PRICE, BigInteger.valueOf(gas), to, value, data);
        return send(TransactionEncoder.signMessage(tx, anvil.chainId(), credentials));
    }

    /** An EIP-2930 transaction with {@code accessList}. */
    String accessList(String to, BigInteger value, String data, long gas, List<AccessListObject> accessList) {
        RawTransaction tx = RawTransaction.createTransaction(anvil.chainId(), next(), GAS_PRICE,
                BigInteger.valueOf(gas), to, value, data, accessList);
        return send(TransactionEncoder.signMessage(tx, credentials));
    }

    /** An EIP-1559 transaction; {@code to == null} creates a contract. */
    String dynamicFee(String to, BigInteger value, String data, long gas) {
        RawTransaction tx = RawTransaction.createTransaction(anvil.chainId(), next(), BigInteger.valueOf(gas),
                to == null ? "" : to, value, data, TIP, GAS_PRICE);
        return send(TransactionEncoder.signMessage(tx, credentials));
    }

    /** Sends an already signed transaction. */
    String send(byte[] signed) {
        return anvil.rpc("eth_sendRawTransaction", "[\"" + Hex.data(signed) + "\"]").asText();
    }

    /** Takes the next nonce. */
    BigInteger next() {
        return BigInteger.valueOf(nonce++);
    }

    /** Forgets nonces after a reorg dropped transactions: reads the account's nonce again. */
    void resync() {
        nonce = Hex.number(anvil.rpc("eth_getTransactionCount",
                "[\"" + credentials.getAddress() + "\", \"pending\"]").asText()).longValueExact();
    }

    Credentials credentials() {
        return credentials;
    }
}
