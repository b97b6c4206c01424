package org.ethercattle.ethereum.state;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import org.ethercattle.api.Database;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.ethereum.trie.MissingTrieNodeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

class StateReaderTest {

    private static final byte[] ADDRESS = HexFormat.of().parseHex("00000000000000000000000000000000000000aa");

    private final Database db = MemoryDatabase.open();
    private final StateReader reader = new StateReader(db);

    @AfterEach
    void close() {
        db.close();
    }

    private static byte[] slot(int n) {
        byte[] slot = new byte[32];
        slot[31] = (byte) n;
        return slot;
    }

    @Test
    void an_absent_account_is_empty_and_its_storage_reads_as_zero() {
        byte[] root = new StateImporter(db).write(List.of());

        assertThat(reader.account(root, ADDRESS)).isEmpty();
        assertThat(reader.storage(root, ADDRESS, slot(1))).isEqualTo(new byte[32]);
    }

    @Test
    void storage_values_read_back_as_32_byte_words_and_zero_values_are_not_stored() {
        TreeMap<BigInteger, BigInteger> storage = new TreeMap<>();
        storage.put(BigInteger.ONE, BigInteger.valueOf(0x1234));
        storage.put(BigInteger.TWO, BigInteger.ZERO);
        byte[] root = new StateImporter(db).write(
                List.of(new AccountState(ADDRESS, 3, BigInteger.TEN, new byte[0], storage)));

        byte[] expected = new byte[32];
        expected[30] = 0x12;
        expected[31] = 0x34;
        assertThat(reader.storage(root, ADDRESS, slot(1))).isEqualTo(expected);
        assertThat(reader.storage(root, ADDRESS, slot(2))).isEqualTo(new byte[32]);
        assertThat(reader.account(root, ADDRESS)).get().isEqualTo(new Account(3, BigInteger.TEN,
                reader.account(root, ADDRESS).orElseThrow().storageRoot(), Account.emptyCodeHash()));
    }

    @Test
    void code_is_read_from_the_prefixed_key_first_then_from_the_legacy_bare_hash() {
        byte[] code = "legacy".getBytes(US_ASCII);
        byte[] hash = Hash.sha3(code);
        db.put(hash, code);

        assertThat(reader.code(hash)).isEqualTo(code);

        byte[] prefixed = new byte[33];
        prefixed[0] = 'c';
        System.arraycopy(hash, 0, prefixed, 1, 32);
        db.put(prefixed, "new-form".getBytes(US_ASCII));
        assertThat(reader.code(hash)).isEqualTo("new-form".getBytes(US_ASCII));
    }

    @Test
    void the_empty_code_hash_is_empty_code_and_an_unknown_hash_is_an_error_naming_it() {
        assertThat(reader.code(Account.emptyCodeHash())).isEmpty();

        byte[] unknown = Hash.sha3("nothing".getBytes(US_ASCII));
        assertThatThrownBy(() -> reader.code(unknown))
                .isInstanceOf(MissingCodeException.class)
                .hasMessageContaining(HexFormat.of().formatHex(unknown));
    }

    @Test
    void a_state_root_the_database_lacks_is_a_missing_trie_node() {
        byte[] root = Hash.sha3("pruned".getBytes(US_ASCII));

        assertThatThrownBy(() -> reader.account(root, ADDRESS))
                .isInstanceOf(MissingTrieNodeException.class)
                .hasMessageStartingWith("missing trie node 0x" + HexFormat.of().formatHex(root));
    }

    @Test
    void account_rlp_round_trips() {
        Account account = new Account(7, new BigInteger("1000000000000000000000"), Account.emptyRoot(),
                Hash.sha3(new byte[] {1}));

        assertThat(Account.fromRlp(account.toRlp())).isEqualTo(account);
        assertThat(account.hasCode()).isTrue();
        assertThat(Account.of(0, BigInteger.ZERO).hasCode()).isFalse();
    }
}
