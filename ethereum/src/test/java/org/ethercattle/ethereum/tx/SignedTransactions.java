package org.ethercattle.ethereum.tx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Map;
import org.ethercattle.ethereum.testchain.TestChain;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * Transactions signed with web3j (an implementation independent of the one under test) for the tests of this
 * package: EIP-1559 and legacy, for a chosen chain id.
 */
final class SignedTransactions {

    /** The execution-apis test chain's id. */
    static final long TEST_CHAIN_ID = 3503995874084926L;
    /** A funded account of the test chain whose head nonce is 249; its key is read from tools/chain/accounts.json. */
    static final Credentials FUNDED = testChainAccount("0x7435ed30a8b4aeb0877cef0c6e8cffe834eb865f");
    /** An account with nothing at the head. */
    static final Credentials EMPTY = Credentials.create(
            "0x1111111111111111111111111111111111111111111111111111111111111111");
    static final String TO = "0x000000000000000000000000000000000000dead";
    static final BigInteger GWEI = BigInteger.TEN.pow(9);

    private SignedTransactions() {}

    /** The credentials of {@code address}, from the upstream test data (read in place, not copied). */
    static Credentials testChainAccount(String address) {
        try {
            JsonNode accounts = new ObjectMapper().readTree(
                    TestChain.root().resolve("tools/chain/accounts.json").toFile());
            for (Map.Entry<String, JsonNode> e : accounts.properties()) {
                if (e.getKey().equalsIgnoreCase(address)) {
                    return Credentials.create(e.getValue().path("key").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("tools/chain/accounts.json holds no key for " + address);
    }

    /** A dynamic-fee transfer. */
    static byte[] dynamicFee(Credentials from, long chainId, long nonce, long gas, BigInteger tip, BigInteger feeCap,
            BigInteger value, String data) {
        RawTransaction raw = RawTransaction.createTransaction(chainId, BigInteger.valueOf(nonce),
                BigInteger.valueOf(gas), TO, value, data, tip, feeCap);
        return TransactionEncoder.signMessage(raw, chainId, from);
    }

    /** A dynamic-fee contract creation with init code {@code data}. */
    static byte[] creation(Credentials from, long nonce, long gas, String data) {
        RawTransaction raw = RawTransaction.createTransaction(TEST_CHAIN_ID, BigInteger.valueOf(nonce),
                BigInteger.valueOf(gas), "", BigInteger.ZERO, data, GWEI, GWEI.multiply(BigInteger.TWO));
        return TransactionEncoder.signMessage(raw, TEST_CHAIN_ID, from);
    }

    /** A dynamic-fee transfer of 1 wei on the test chain with fees well above its base fee. */
    static byte[] transfer(Credentials from, long nonce, long gas) {
        return dynamicFee(from, TEST_CHAIN_ID, nonce, gas, GWEI, GWEI.multiply(BigInteger.TWO), BigInteger.ONE, "");
    }

    /** A legacy transfer, EIP-155 protected for {@code chainId}, or unprotected when it is null. */
    static byte[] legacy(Credentials from, Long chainId, long nonce, long gas, BigInteger gasPrice) {
        RawTransaction raw = RawTransaction.createTransaction(BigInteger.valueOf(nonce), gasPrice,
                BigInteger.valueOf(gas), TO, BigInteger.ONE, "");
        return chainId == null ? TransactionEncoder.signMessage(raw, from)
                : TransactionEncoder.signMessage(raw, chainId, from);
    }

    static String hex(byte[] bytes) {
        return Numeric.toHexString(bytes);
    }
}
