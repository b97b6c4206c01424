package org.ethercattle.log.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ethercattle.api.log.Position;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FilePositionTest {

    @Test
    @DisplayName("toBytes is the index as 8 big-endian bytes, and fromBytes reads it back")
    void bytesAreTheIndexBigEndian() {
        FilePosition position = new FilePosition(0x0102030405060708L);
        assertThat(position.toBytes()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(FilePosition.fromBytes(position.toBytes())).isEqualTo(position);
        assertThat(FilePosition.fromBytes(new FilePosition(0).toBytes())).isEqualTo(new FilePosition(0));
    }

    @Test
    @DisplayName("toString is file:<index>")
    void toStringNamesTheKindAndIndex() {
        assertThat(new FilePosition(42)).hasToString("file:42");
    }

    @Test
    @DisplayName("positions order by index; another kind of position cannot be compared")
    void ordering() {
        assertThat(new FilePosition(3)).isLessThan(new FilePosition(4));
        assertThat(new FilePosition(4).compareTo(new FilePosition(4))).isZero();
        Position other = new Position() {
            @Override
            public byte[] toBytes() {
                return new byte[0];
            }

            @Override
            public int compareTo(Position o) {
                return 0;
            }
        };
        assertThatThrownBy(() -> new FilePosition(1).compareTo(other)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("bytes of the wrong length or a negative index are refused")
    void badBytesAreRefused() {
        assertThatThrownBy(() -> FilePosition.fromBytes(new byte[7])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8 bytes");
        assertThatThrownBy(() -> FilePosition.fromBytes(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FilePosition(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
