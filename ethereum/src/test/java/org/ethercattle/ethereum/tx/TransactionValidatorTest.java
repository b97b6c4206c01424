package org.ethercattle.ethereum.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ethercattle.ethereum.tx.SignedTransactions.EMPTY;
import static org.ethercattle.ethereum.tx.SignedTransactions.FUNDED;
import static org.ethercattle.ethereum.tx.SignedTransactions.GWEI;
import static org.ethercattle.ethereum.tx.SignedTransactions.TEST_CHAIN_ID;
import static org.ethercattle.ethereum.tx.SignedTransactions.dynamicFee;
import static org.ethercattle.ethereum.tx.SignedTransactions.legacy;
import static org.ethercattle.ethereum.tx.SignedTransactions.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ethercattle.api.Database;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.ethereum.chain.ChainConfig;
import org.ethercattle.ethereum.eth.ChainView;
import org.ethercattle.ethereum.rawdb.Ancients;
import org.ethercattle.ethereum.rawdb.ChainReader;
import org.ethercattle.ethereum.rpc.RpcException;
import org.ethercattle.ethereum.state.StateReader;
import org.ethercattle.ethereum.testchain.ImportedTestChain;
import org.ethercattle.ethereum.testchain.TestChain;
import org.ethercattle.ethereum.types.Hex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks {@code eth_sendRawTransaction} makes on a replica of the execution-apis test chain (head 0x36, time
 * 0x21c: Osaka rules, gas limit 200M), each answered with geth's exact text, against transactions signed by web3j.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactionValidatorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Database db;
    private ChainConfig config;
    private ChainView view;
    private TransactionValidator validator;

    @BeforeAll
    void importTheTestChain(@TempDir Path dir) throws Exception {
        db = ImportedTestChain.importInto(dir.resolve("db"));
        config = ChainConfig.fromJson(MAPPER.readTree(TestChain.tests("genesis.json").toFile()).get("config"));
        view = new ChainView(new ChainReader(db, Ancients.none()));
        validator = new TransactionValidator(config, view::latest, new StateReader(db), PoolLimits.GETH_DEFAULTS);
    }

    @AfterAll
    void close() {
        db.close();
    }

    private void rejects(byte[] raw, String message) {
        assertThatThrownBy(() -> validator.validate(raw)).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(-32000);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    @DisplayName("the transactions geth accepted in the eth_sendRawTransaction fixtures pass, with geth's hashes")
    void fixtureTransactionsPass() throws Exception {
        for (String name : List.of("send-legacy-transaction", "send-access-list-transaction",
                "send-dynamic-fee-access-list-transaction")) {
            List<String> lines = Files.readAllLines(TestChain.tests("eth_sendRawTransaction/" + name + ".io"));
            JsonNode request = MAPPER.readTree(lines.stream().filter(l -> l.startsWith(">>")).findFirst()
                    .orElseThrow().substring(2));
            JsonNode response = MAPPER.readTree(lines.stream().filter(l -> l.startsWith("<<")).findFirst()
                    .orElseThrow().substring(2));
            byte[] raw = Hex.bytes(request.path("params").get(0).asText());
            assertThat(Hex.data(validator.validate(raw).hash())).as(name)
                    .isEqualTo(response.path("result").asText());
        }
    }

    @Test
    @DisplayName("a transaction signed for the chain, at the sender's next nonce, with funds, passes")
    void validTransferPasses() throws Exception {
        assertThat(validator.validate(transfer(FUNDED, 249, 21_000)).nonce()).isEqualTo(249);
    }

    @Test
    @DisplayName("another chain's transaction: invalid sender: invalid chain id for signer: have X want Y")
    void wrongChainId() {
        rejects(dynamicFee(FUNDED, 1, 249, 21_000, GWEI, GWEI, BigInteger.ONE, ""),
                "invalid sender: invalid chain id for signer: have 1 want 3503995874084926");
        rejects(legacy(FUNDED, 1L, 249, 21_000, GWEI),
                "invalid sender: invalid chain id for signer: have 1 want 3503995874084926");
    }

    @Test
    @DisplayName("a signature that recovers nothing: invalid sender: invalid transaction v, r, s values")
    void invalidSignature() {
        byte[] raw = transfer(FUNDED, 249, 21_000);
        // The last 32 bytes are s: a high s breaks Homestead's low-s rule.
        for (int i = raw.length - 32; i < raw.length; i++) {
            raw[i] = (byte) 0xff;
        }
        rejects(raw, "invalid sender: invalid transaction v, r, s values");
    }

    @Test
    @DisplayName("less gas than a transfer needs: intrinsic gas too low: gas X, minimum needed 21000")
    void intrinsicGas() {
        rejects(transfer(FUNDED, 249, 20_999), "intrinsic gas too low: gas 20999, minimum needed 21000");
        // Calldata costs 16 per non-zero byte and 4 per zero byte; Prague's floor costs more: 21000 + 10*(4+1).
        rejects(dynamicFee(FUNDED, TEST_CHAIN_ID, 249, 21_020, GWEI, GWEI, BigInteger.ONE, "0x0100"),
                "insufficient gas for floor data gas cost: gas 21020, minimum needed 21050");
        rejects(dynamicFee(FUNDED, TEST_CHAIN_ID, 249, 21_019, GWEI, GWEI, BigInteger.ONE, "0x0100"),
                "intrinsic gas too low: gas 21019, minimum needed 21020");
    }

    @Test
    @DisplayName("init code above EIP-3860's limit: max initcode size exceeded: code size X, limit 49152; and its "
            + "words are priced")
    void initCode() throws Exception {
        rejects(SignedTransactions.creation(FUNDED, 249, 3_000_000, "0x" + "01".repeat(49_153)),
                "max initcode size exceeded: code size 49153, limit 49152");
        // 53000 for a creation + 16 for the one byte + 2 for its 32-byte word
        rejects(SignedTransactions.creation(FUNDED, 249, 53_017, "0x01"),
                "intrinsic gas too low: gas 53017, minimum needed 53018");
        assertThat(validator.validate(SignedTransactions.creation(FUNDED, 249, 53_018, "0x01")).to()).isNull();
    }

    @Test
    @DisplayName("a nonce already used at the head: nonce too low: next nonce 249, tx nonce 5")
    void nonceTooLow() {
        rejects(transfer(FUNDED, 5, 21_000), "nonce too low: next nonce 249, tx nonce 5");
    }

    @Test
    @DisplayName("an account without funds: insufficient funds for gas * price + value: balance, tx cost, overshot")
    void insufficientFunds() {
        // cost = 21000 gas * 2 gwei fee cap + 1 wei
        rejects(transfer(EMPTY, 0, 21_000), "insufficient funds for gas * price + value: balance 0, tx cost "
                + "42000000000001, overshot 42000000000001");
    }

    @Test
    @DisplayName("more than 128 KiB: oversized data: transaction size X, limit 131072")
    void oversized() {
        String data = "0x" + "01".repeat(131_072);
        byte[] raw = dynamicFee(FUNDED, TEST_CHAIN_ID, 249, 3_000_000, GWEI, GWEI, BigInteger.ONE, data);
        rejects(raw, "oversized data: transaction size " + raw.length + ", limit 131072");
    }

    @Test
    @DisplayName("a legacy transaction without EIP-155: only replay-protected (EIP-155) transactions allowed over RPC")
    void unprotected() {
        rejects(legacy(FUNDED, null, 249, 21_000, GWEI),
                "only replay-protected (EIP-155) transactions allowed over RPC");
    }

    @Test
    @DisplayName("a fee above 1 ether: tx fee (2.10 ether) exceeds the configured cap (1.00 ether)")
    void feeCap() {
        rejects(legacy(FUNDED, TEST_CHAIN_ID, 249, 21_000, BigInteger.TEN.pow(14)),
                "tx fee (2.10 ether) exceeds the configured cap (1.00 ether)");
    }

    @Test
    @DisplayName("gas above Osaka's cap: transaction gas limit too high (cap: 16777216, tx: X)")
    void gasCap() {
        rejects(transfer(FUNDED, 249, 16_777_217), "transaction gas limit too high (cap: 16777216, tx: 16777217)");
    }

    @Test
    @DisplayName("fee and tip sanity: tip above the fee cap, and a tip below the pool's minimum of 1 wei")
    void feeSanity() {
        rejects(dynamicFee(FUNDED, TEST_CHAIN_ID, 249, 21_000, GWEI.multiply(BigInteger.TWO), GWEI, BigInteger.ONE,
                ""), "max priority fee per gas higher than max fee per gas");
        rejects(dynamicFee(FUNDED, TEST_CHAIN_ID, 249, 21_000, BigInteger.ZERO, GWEI, BigInteger.ONE, ""),
                "transaction gas price below minimum: gas tip cap 0, minimum needed 1");
    }

    @Test
    @DisplayName("bytes that are no transaction: transaction type not supported, typed transaction too short")
    void undecodable() {
        rejects(new byte[] {0x05, (byte) 0xc0}, "transaction type not supported");
        rejects(new byte[0], "typed transaction too short");
        assertThatThrownBy(() -> validator.validate(new byte[] {(byte) 0xc3, 1, 2, 3}))
                .isInstanceOf(RpcException.class).hasMessageStartingWith("rlp: ");
    }

    @Test
    @DisplayName("a blob transaction without its sidecar: missing sidecar in blob transaction")
    void blobWithoutSidecar() throws Exception {
        // A blob transaction as a block body holds it (the test chain's, signed for this chain) has no sidecar.
        byte[] raw = TestChain.blocks().stream().flatMap(b -> b.body().transactions().stream())
                .filter(t -> t.type() == 3).findFirst().orElseThrow().encoded();
        rejects(raw, "missing sidecar in blob transaction");
    }

    @Test
    @DisplayName("a store without the head state (follower-fed): nonce and balance are not checked, the rest is")
    void withoutState() throws Exception {
        try (Database stateless = MemoryDatabase.open()) {
            TransactionValidator blind = new TransactionValidator(config, view::latest, new StateReader(stateless),
                    PoolLimits.GETH_DEFAULTS);
            assertThat(blind.validate(transfer(FUNDED, 5, 21_000)).nonce()).isEqualTo(5);
            assertThat(blind.validate(transfer(EMPTY, 0, 21_000)).nonce()).isZero();
            assertThatThrownBy(() -> blind.validate(transfer(FUNDED, 5, 20_000)))
                    .hasMessage("intrinsic gas too low: gas 20000, minimum needed 21000");
        }
    }
}
