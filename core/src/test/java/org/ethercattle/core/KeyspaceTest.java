package org.ethercattle.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReservedKeys;
import org.ethercattle.core.memory.MemoryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KeyspaceTest {

    private final Database expected = MemoryDatabase.open();
    private final Database actual = MemoryDatabase.open();

    @AfterEach
    void close() {
        expected.close();
        actual.close();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void putBoth(String key, String value) {
        expected.put(b(key), b(value));
        actual.put(b(key), b(value));
    }

    @Test
    @DisplayName("equal user keyspaces compare equal whatever each store keeps in the reserved range")
    void equalIgnoringReservedKeys() {
        putBoth("a", "1");
        putBoth("b", "");
        actual.put(ReservedKeys.key("checkpoint/x"), b("42"));
        expected.put(ReservedKeys.key("guard"), b("7"));

        assertThat(Keyspace.firstDifference(expected, actual)).isEmpty();
        assertThat(Keyspace.countUserKeys(actual)).isEqualTo(2);
        assertThat(Keyspace.digest(actual)).isEqualTo(Keyspace.digest(expected));
    }

    @Test
    @DisplayName("the first difference names a missing key, an extra key, or a differing value in hex")
    void differences() {
        putBoth("a", "1");
        expected.put(b("b"), b("2"));
        assertThat(Keyspace.firstDifference(expected, actual))
                .hasValueSatisfying(d -> assertThat(d).contains("0x62", "missing from the actual store"));

        actual.put(b("b"), b("3"));
        assertThat(Keyspace.firstDifference(expected, actual))
                .hasValueSatisfying(d -> assertThat(d).contains("0x62", "0x33", "0x32"));

        actual.put(b("b"), b("2"));
        actual.put(b("c"), b("4"));
        assertThat(Keyspace.firstDifference(expected, actual))
                .hasValueSatisfying(d -> assertThat(d).contains("0x63", "missing from the expected store"));
        assertThat(Keyspace.digest(actual)).isNotEqualTo(Keyspace.digest(expected));
    }

    @Test
    @DisplayName("the digest tells apart keyspaces that concatenate to the same bytes")
    void digestIsLengthPrefixed() {
        expected.put(b("ab"), b("c"));
        actual.put(b("a"), b("bc"));

        assertThat(Keyspace.digest(actual)).isNotEqualTo(Keyspace.digest(expected));
        assertThat(Keyspace.digest(MemoryDatabase.open())).hasSize(32);
    }

    @Test
    @DisplayName("long values are abbreviated in descriptions")
    void abbreviates() {
        expected.put(b("k"), new byte[10_000]);
        assertThat(Keyspace.firstDifference(expected, actual))
                .hasValueSatisfying(d -> assertThat(d).contains("(10000 B)").hasSizeLessThan(300));
    }

    @Test
    @DisplayName("compare counts the equal keys, limits itself to a prefix and takes in reserved keys only when asked")
    void compareWithPrefixAndReservedKeys() {
        putBoth("a1", "1");
        putBoth("a2", "2");
        expected.put(b("b"), b("x"));
        expected.put(ReservedKeys.key("checkpoint/x"), b("42"));

        assertThat(Keyspace.compare(expected, actual, b("a"), false)).isEqualTo(
                new Keyspace.Comparison(2, java.util.Optional.empty()));
        Keyspace.Comparison whole = Keyspace.compare(expected, actual, new byte[0], false);
        assertThat(whole.equalKeys()).isEqualTo(2);
        assertThat(whole.difference()).hasValueSatisfying(d -> {
            assertThat(d.key()).isEqualTo(b("b"));
            assertThat(d.second()).isNull();
            assertThat(d.describe("A", "B")).isEqualTo("key 0x62 is missing from B (A holds 0x78)");
        });
        expected.delete(b("b"));
        assertThat(Keyspace.compare(expected, actual, new byte[0], false).difference()).isEmpty();
        assertThat(Keyspace.compare(expected, actual, new byte[0], true).difference())
                .hasValueSatisfying(d -> assertThat(d.key()).isEqualTo(ReservedKeys.key("checkpoint/x")));
    }
}
