package org.ethercattle.ethereum.trie;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.ethercattle.api.Database;
import org.ethercattle.core.memory.MemoryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

class TrieTest {

    private final Database db = MemoryDatabase.open();
    private final TrieReader reader = new TrieReader(NodeSource.of(db));

    @AfterEach
    void close() {
        db.close();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(US_ASCII);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    void an_empty_trie_has_the_empty_root_and_writes_nothing() {
        byte[] root = new TrieBuilder().build(db);

        assertThat(hex(root)).isEqualTo("56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
        assertThat(db.cursor().next()).isFalse();
        assertThat(reader.get(root, ascii("dog"))).isEmpty();
        assertThat(reader.proof(root, ascii("dog"))).isEmpty();
    }

    @Test
    void the_root_matches_the_ethereum_trie_test_vector_with_shared_prefixes() {
        // ethereum/tests TrieTests/trietest.json "dogs".
        byte[] root = new TrieBuilder()
                .put(ascii("doe"), ascii("reindeer"))
                .put(ascii("dog"), ascii("puppy"))
                .put(ascii("dogglesworth"), ascii("cat"))
                .build(db);

        assertThat(hex(root)).isEqualTo("8aad789dff2f538bca5d8ea56e8abe10f4c7ba3a5dea95fea4cd6e7c3a1168d3");
        assertThat(reader.get(root, ascii("dog"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(ascii("puppy")));
        assertThat(reader.get(root, ascii("dogglesworth"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(ascii("cat")));
        assertThat(reader.get(root, ascii("do"))).isEmpty();
        assertThat(reader.get(root, ascii("doge"))).isEmpty();
    }

    @Test
    void an_empty_value_removes_the_key_and_a_second_put_replaces_the_first() {
        byte[] root = new TrieBuilder()
                .put(ascii("doe"), ascii("reindeer"))
                .put(ascii("dog"), ascii("puppy"))
                .put(ascii("dogglesworth"), ascii("cat"))
                .put(ascii("horse"), ascii("stallion"))
                .put(ascii("horse"), new byte[0])
                .put(ascii("dog"), ascii("puppy"))
                .build(db);

        assertThat(hex(root)).isEqualTo("8aad789dff2f538bca5d8ea56e8abe10f4c7ba3a5dea95fea4cd6e7c3a1168d3");
    }

    @Test
    void every_key_of_a_large_hashed_trie_reads_back_and_its_proof_verifies() {
        Random random = new Random(42);
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        TrieBuilder builder = new TrieBuilder();
        for (int i = 0; i < 2000; i++) {
            byte[] key = Hash.sha3(new byte[] {(byte) i, (byte) (i >> 8)});
            byte[] value = new byte[1 + random.nextInt(40)];
            random.nextBytes(value);
            value[0] |= 1;
            keys.add(key);
            values.add(value);
            builder.put(key, value);
        }
        byte[] root = builder.build(db);

        for (int i = 0; i < keys.size(); i++) {
            assertThat(reader.get(root, keys.get(i))).get().isEqualTo(values.get(i));
            List<byte[]> proof = reader.proof(root, keys.get(i));
            assertThat(proof.get(0)).isEqualTo(db.get(root));
            assertThat(ProofVerifier.verify(root, keys.get(i), proof)).get().isEqualTo(values.get(i));
        }
        byte[] absent = Hash.sha3(ascii("absent"));
        assertThat(reader.get(root, absent)).isEmpty();
        assertThat(ProofVerifier.verify(root, absent, reader.proof(root, absent))).isEmpty();
    }

    @Test
    void a_proof_lists_only_nodes_stored_by_hash_and_embeds_short_nodes_in_their_parent() {
        // Two one-byte values under short keys: the leaves are embedded, only the root is hashed.
        byte[] root = new TrieBuilder().put(new byte[] {0x01}, new byte[] {0x0a})
                .put(new byte[] {0x02}, new byte[] {0x0b}).build(db);

        List<byte[]> proof = reader.proof(root, new byte[] {0x01});

        assertThat(proof).hasSize(1);
        assertThat(Hash.sha3(proof.get(0))).isEqualTo(root);
        assertThat(reader.get(root, new byte[] {0x02})).get().isEqualTo(new byte[] {0x0b});
    }

    @Test
    void a_proof_missing_a_node_is_rejected() {
        byte[] root = new TrieBuilder().put(Hash.sha3(ascii("a")), ascii("value-a-long-enough-to-be-hashed-on-its-own"))
                .put(Hash.sha3(ascii("b")), ascii("value-b-long-enough-to-be-hashed-on-its-own")).build(db);
        List<byte[]> proof = reader.proof(root, Hash.sha3(ascii("a")));
        assertThat(proof).hasSizeGreaterThan(1);

        assertThatThrownBy(() -> ProofVerifier.verify(root, Hash.sha3(ascii("a")), proof.subList(0, 1)))
                .isInstanceOf(ProofVerifier.InvalidProofException.class)
                .hasMessageContaining("lacks node");
    }

    @Test
    void a_missing_node_names_its_hash_and_path() {
        byte[] keyA = Hash.sha3(ascii("a"));
        byte[] root = new TrieBuilder().put(keyA, ascii("value-a-long-enough-to-be-hashed-on-its-own"))
                .put(Hash.sha3(ascii("b")), ascii("value-b-long-enough-to-be-hashed-on-its-own")).build(db);
        byte[] child = Hash.sha3(reader.proof(root, keyA).get(1));
        db.delete(child);

        assertThatThrownBy(() -> reader.get(root, keyA))
                .isInstanceOf(MissingTrieNodeException.class)
                .hasMessageStartingWith("missing trie node 0x" + hex(child) + " (path " + hex(keyA).charAt(0) + ")");
    }

    @Test
    void a_root_the_database_lacks_is_a_missing_node_with_the_empty_path() {
        byte[] root = Hash.sha3(ascii("no such root"));

        assertThatThrownBy(() -> reader.get(root, ascii("k")))
                .isInstanceOf(MissingTrieNodeException.class)
                .hasMessageStartingWith("missing trie node 0x" + hex(root) + " (path )");
    }

    @Test
    void hex_prefix_encoding_round_trips_for_odd_and_even_paths() {
        byte[] nibbles = {1, 2, 3, 4, 5};

        assertThat(Nibbles.compact(nibbles, 0, 5, true)).isEqualTo(new byte[] {0x31, 0x23, 0x45});
        assertThat(Nibbles.compact(nibbles, 1, 5, false)).isEqualTo(new byte[] {0x00, 0x23, 0x45});
        assertThat(Nibbles.fromCompact(new byte[] {0x31, 0x23, 0x45})).isEqualTo(nibbles);
        assertThat(Nibbles.isLeaf(new byte[] {0x20})).isTrue();
        assertThat(Nibbles.isLeaf(new byte[] {0x10})).isFalse();
    }
}
