package org.ethercattle.ethereum.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.core.memory.MemoryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.rlp.RlpDecoder;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;

class StateImporterTest {

    private static final HexFormat HEX = HexFormat.of();

    private final Database db = MemoryDatabase.open();
    private final StateReader reader = new StateReader(db);

    @AfterEach
    void close() {
        db.close();
    }

    private byte[] importAtomically(Iterable<AccountState> accounts) {
        try (Batch batch = db.newBatch()) {
            byte[] root = new StateImporter(batch).write(accounts);
            batch.write();
            return root;
        }
    }

    private static byte[] hex(String text) {
        String digits = text.startsWith("0x") ? text.substring(2) : text;
        return HEX.parseHex((digits.length() & 1) == 1 ? "0" + digits : digits);
    }

    /** The hex quantity {@code text} as {@code size} big-endian bytes. */
    private static byte[] padded(String text, int size) {
        byte[] bytes = new BigInteger(1, hex(text)).toByteArray();
        byte[] out = new byte[size];
        int length = Math.min(bytes.length, size);
        System.arraycopy(bytes, bytes.length - length, out, size - length, length);
        return out;
    }

    private static byte[] word(String text) {
        return padded(text, 32);
    }

    @Test
    void importing_the_head_state_dump_gives_the_root_it_declares() {
        byte[] root = importAtomically(StateJson.readDump(ExecutionApis.headState()));

        assertThat(HEX.formatHex(root)).isEqualTo("6da8f636cdc85dbe8c1b5299e5db22f462c041febaf3b78cac1040152ee30b3b");
        assertThat(root).isEqualTo(StateJson.dumpRoot(ExecutionApis.headState()));
    }

    @Test
    void every_account_of_the_head_state_reads_back_as_the_dump_says() throws IOException {
        byte[] root = importAtomically(StateJson.readDump(ExecutionApis.headState()));
        JsonNode accounts = new ObjectMapper().readTree(ExecutionApis.headState().toFile()).get("accounts");

        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = accounts.fields(); it.hasNext(); checked++) {
            JsonNode expected = it.next().getValue();
            byte[] address = hex(expected.get("address").asText());
            Account account = reader.account(root, address).orElseThrow();

            assertThat(account.balance()).isEqualTo(new BigInteger(expected.get("balance").asText()));
            assertThat(account.nonce()).isEqualTo(expected.get("nonce").asLong());
            assertThat(account.storageRoot()).isEqualTo(hex(expected.get("root").asText()));
            assertThat(account.codeHash()).isEqualTo(hex(expected.get("codeHash").asText()));
            assertThat(reader.code(account.codeHash()))
                    .isEqualTo(expected.has("code") ? hex(expected.get("code").asText()) : new byte[0]);
            for (Iterator<Map.Entry<String, JsonNode>> slots = expected.path("storage").fields(); slots.hasNext(); ) {
                Map.Entry<String, JsonNode> slot = slots.next();
                assertThat(reader.storage(root, address, hex(slot.getKey())))
                        .as("slot %s of %s", slot.getKey(), expected.get("address").asText())
                        .isEqualTo(word(slot.getValue().asText()));
            }
        }
        assertThat(checked).isEqualTo(114);
    }

    @Test
    void importing_the_genesis_alloc_gives_the_state_root_block_one_builds_on() throws IOException {
        byte[] root = importAtomically(StateJson.readGenesisAlloc(ExecutionApis.genesis()));

        // No fixture states block 0's stateRoot, but block 1's parentHash is the hash of the genesis
        // header, which holds it; every other field of that header comes from genesis.json.
        assertThat(Hash.sha3(genesisHeader(root))).isEqualTo(blockOneParentHash());
    }

    @Test
    void every_genesis_account_reads_back_as_the_alloc_says() throws IOException {
        byte[] root = importAtomically(StateJson.readGenesisAlloc(ExecutionApis.genesis()));
        JsonNode alloc = new ObjectMapper().readTree(ExecutionApis.genesis().toFile()).get("alloc");

        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = alloc.fields(); it.hasNext(); checked++) {
            Map.Entry<String, JsonNode> entry = it.next();
            byte[] address = hex(entry.getKey());
            JsonNode expected = entry.getValue();
            Account account = reader.account(root, address).orElseThrow();

            assertThat(account.balance()).isEqualTo(new BigInteger(1, hex(expected.get("balance").asText())));
            assertThat(account.nonce())
                    .isEqualTo(expected.has("nonce") ? new BigInteger(1, hex(expected.get("nonce").asText())).longValue() : 0);
            assertThat(reader.code(account.codeHash()))
                    .isEqualTo(expected.has("code") ? hex(expected.get("code").asText()) : new byte[0]);
            for (Iterator<Map.Entry<String, JsonNode>> slots = expected.path("storage").fields(); slots.hasNext(); ) {
                Map.Entry<String, JsonNode> slot = slots.next();
                assertThat(reader.storage(root, address, hex(slot.getKey()))).isEqualTo(word(slot.getValue().asText()));
            }
        }
        assertThat(checked).isEqualTo(27);
    }

    /** The genesis header: pre-London (london is at block 27), so the 15 classic fields. */
    private static byte[] genesisHeader(byte[] stateRoot) throws IOException {
        JsonNode genesis = new ObjectMapper().readTree(ExecutionApis.genesis().toFile());
        byte[] emptyRoot = Account.emptyRoot();
        return RlpEncoder.encode(new RlpList(
                RlpString.create(hex(genesis.get("parentHash").asText())),
                RlpString.create(Hash.sha3(RlpEncoder.encode(new RlpList()))),
                RlpString.create(hex(genesis.get("coinbase").asText())),
                RlpString.create(stateRoot),
                RlpString.create(emptyRoot),
                RlpString.create(emptyRoot),
                RlpString.create(new byte[256]),
                RlpString.create(new BigInteger(1, hex(genesis.get("difficulty").asText()))),
                RlpString.create(new BigInteger(1, hex(genesis.get("number").asText()))),
                RlpString.create(new BigInteger(1, hex(genesis.get("gasLimit").asText()))),
                RlpString.create(new BigInteger(1, hex(genesis.get("gasUsed").asText()))),
                RlpString.create(new BigInteger(1, hex(genesis.get("timestamp").asText()))),
                RlpString.create(hex(genesis.get("extraData").asText())),
                RlpString.create(hex(genesis.get("mixHash").asText())),
                RlpString.create(padded(genesis.get("nonce").asText(), 8))));
    }

    private static byte[] blockOneParentHash() throws IOException {
        byte[] chain = Files.readAllBytes(ExecutionApis.file("tests/chain.rlp"));
        RlpList firstBlock = (RlpList) RlpDecoder.decode(chain).getValues().get(0);
        RlpList header = (RlpList) firstBlock.getValues().get(0);
        return ((RlpString) header.getValues().get(0)).getBytes();
    }
}
