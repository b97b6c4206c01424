package org.ethercattle.ethereum.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.ethereum.trie.ProofVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.crypto.Hash;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpString;

/** {@code eth_getProof} over the imported head state, against geth's answers in execution-apis. */
class StateProofTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A contract with storage in the head state (the EIP-7002 withdrawal request contract). */
    private static final byte[] WITHDRAWALS = hex("0x00000961ef480eb55e80d19ad83579a64c007002");

    private static Database db;
    private static StateReader reader;
    private static byte[] root;

    @BeforeAll
    static void importHeadState() {
        db = MemoryDatabase.open();
        try (Batch batch = db.newBatch()) {
            root = new StateImporter(batch).write(StateJson.readDump(ExecutionApis.headState()));
            batch.write();
        }
        reader = new StateReader(db);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static byte[] hex(String text) {
        return HEX.parseHex(text.substring(2));
    }

    private static byte[] slot(int n) {
        byte[] slot = new byte[32];
        slot[31] = (byte) n;
        return slot;
    }

    static Stream<Path> fixtures() throws IOException {
        return Files.list(ExecutionApis.file("tests/eth_getProof")).filter(p -> p.toString().endsWith(".io")).sorted();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void the_proof_is_byte_for_byte_the_one_geth_answers(Path fixture) throws IOException {
        JsonNode request = null;
        JsonNode response = null;
        for (String line : Files.readAllLines(fixture)) {
            if (line.startsWith(">> ")) {
                request = JSON.readTree(line.substring(3));
            } else if (line.startsWith("<< ")) {
                response = JSON.readTree(line.substring(3));
            }
        }
        JsonNode params = request.get("params");
        List<byte[]> slots = new ArrayList<>();
        params.get(1).forEach(slot -> slots.add(hex(slot.asText())));
        JsonNode expected = response.get("result");

        AccountProof proof = reader.proof(root, hex(params.get(0).asText()), slots);

        List<String> nodes = proof.accountProof().stream().map(n -> "0x" + HEX.formatHex(n)).toList();
        List<String> expectedNodes = new ArrayList<>();
        expected.get("accountProof").forEach(n -> expectedNodes.add(n.asText()));
        assertThat(nodes).containsExactlyElementsOf(expectedNodes);
        assertThat(proof.balance()).isEqualTo(new BigInteger(expected.get("balance").asText().substring(2), 16));
        assertThat(proof.nonce()).isEqualTo(Long.decode(expected.get("nonce").asText()));
        assertThat(proof.codeHash()).isEqualTo(hex(expected.get("codeHash").asText()));
        assertThat(proof.storageHash()).isEqualTo(hex(expected.get("storageHash").asText()));
        assertThat(proof.storageProof()).hasSize(expected.get("storageProof").size());
    }

    @Test
    void every_account_proof_of_the_head_state_verifies_against_the_root() {
        for (AccountState account : StateJson.readDump(ExecutionApis.headState())) {
            AccountProof proof = reader.proof(root, account.address(), List.of());

            Optional<byte[]> proven = ProofVerifier.verify(root, Hash.sha3(account.address()), proof.accountProof());

            assertThat(proven).get().satisfies(rlp -> {
                Account decoded = Account.fromRlp(rlp);
                assertThat(decoded.balance()).isEqualTo(proof.balance());
                assertThat(decoded.nonce()).isEqualTo(proof.nonce());
                assertThat(decoded.storageRoot()).isEqualTo(proof.storageHash());
                assertThat(decoded.codeHash()).isEqualTo(proof.codeHash());
            });
        }
    }

    @Test
    void storage_proofs_prove_set_slots_and_unset_slots_under_the_storage_root() {
        List<byte[]> slots = List.of(slot(4), slot(5), slot(6), slot(0x77));

        AccountProof proof = reader.proof(root, WITHDRAWALS, slots);

        assertThat(proof.storageProof()).hasSize(4);
        for (StorageProof entry : proof.storageProof()) {
            Optional<byte[]> proven = ProofVerifier.verify(proof.storageHash(), Hash.sha3(entry.key()), entry.proof());
            if (entry.value().signum() == 0) {
                assertThat(proven).isEmpty();
            } else {
                assertThat(proven).get().isEqualTo(RlpEncoder.encode(RlpString.create(entry.value())));
            }
        }
        assertThat(proof.storageProof().get(0).value())
                .isEqualTo(new BigInteger("7435ed30a8b4aeb0877cef0c6e8cffe834eb865f", 16));
        assertThat(proof.storageProof().get(0).key()).isEqualTo(slot(4));
        assertThat(proof.storageProof().get(3).value()).isZero();
        assertThat(proof.storageProof().get(3).proof()).isNotEmpty();
    }

    @Test
    void an_absent_account_is_proven_absent_with_geths_zero_hashes() {
        byte[] absent = hex("0xc1cadaffffffffffffffffffffffffffffffffff");

        AccountProof proof = reader.proof(root, absent, List.of(slot(1)));

        assertThat(ProofVerifier.verify(root, Hash.sha3(absent), proof.accountProof())).isEmpty();
        assertThat(proof.accountProof()).isNotEmpty();
        assertThat(proof.balance()).isZero();
        assertThat(proof.nonce()).isZero();
        assertThat(proof.codeHash()).isEqualTo(new byte[32]);
        assertThat(proof.storageHash()).isEqualTo(new byte[32]);
        assertThat(proof.storageProof()).singleElement().satisfies(entry -> {
            assertThat(entry.value()).isZero();
            assertThat(entry.proof()).isEmpty();
        });
    }

    @Test
    void an_account_without_storage_has_empty_storage_proofs() {
        byte[] plain = hex("0x0000000000000000000000000000000000000000");

        AccountProof proof = reader.proof(root, plain, List.of(slot(0)));

        assertThat(proof.storageHash()).isEqualTo(Account.emptyRoot());
        assertThat(proof.storageProof()).singleElement().satisfies(entry -> {
            assertThat(entry.value()).isZero();
            assertThat(entry.proof()).isEmpty();
        });
    }
}
