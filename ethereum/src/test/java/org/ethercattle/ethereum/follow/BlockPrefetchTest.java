package org.ethercattle.ethereum.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BlockPrefetchTest {

    @Test
    @DisplayName("blocks come out in order even when later ones are read first")
    void inOrder() {
        // Block 1 is held until block 4 has been read: only reading ahead lets this finish.
        CountDownLatch fourRead = new CountDownLatch(1);
        List<Long> taken = new ArrayList<>();
        try (BlockPrefetch<Long> blocks = new BlockPrefetch<>(n -> {
            if (n == 1) {
                await(fourRead);
            }
            if (n == 4) {
                fourRead.countDown();
            }
            return n;
        }, 1, 10, 4)) {
            while (blocks.hasNext()) {
                taken.add(blocks.next());
            }
        }
        assertThat(taken).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }

    @Test
    @DisplayName("what reading a block threw is thrown when that block is taken, not before")
    void failureAtItsPlace() {
        try (BlockPrefetch<Long> blocks = new BlockPrefetch<>(n -> {
            if (n == 3) {
                throw new BlockMismatchException(n, "transactionsRoot", "bad");
            }
            return n;
        }, 1, 5, 4)) {
            assertThat(blocks.next()).isEqualTo(1L);
            assertThat(blocks.next()).isEqualTo(2L);
            assertThatThrownBy(blocks::next).isInstanceOf(BlockMismatchException.class)
                    .hasMessageContaining("block 3");
        }
    }

    @Test
    @DisplayName("reads stay within the window: no block beyond the taken one plus the window is asked for")
    void window() throws InterruptedException {
        Set<Long> asked = ConcurrentHashMap.newKeySet();
        CountDownLatch firstTwo = new CountDownLatch(2);
        try (BlockPrefetch<Long> blocks = new BlockPrefetch<>(n -> {
            asked.add(n);
            firstTwo.countDown();
            return n;
        }, 1, 100, 2)) {
            assertThat(firstTwo.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(asked).containsExactlyInAnyOrder(1L, 2L);
            assertThat(blocks.next()).isEqualTo(1L);
        }
        assertThat(asked).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(3L));
    }

    @Test
    @DisplayName("a window of zero is refused")
    void zeroWindow() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BlockPrefetch<>(n -> n, 1, 2, 0))
                .withMessageContaining("at least one block");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("block 4 was never read while block 1 waited");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
