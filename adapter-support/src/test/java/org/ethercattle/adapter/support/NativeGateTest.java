package org.ethercattle.adapter.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ethercattle.api.StoreClosedException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class NativeGateTest {

    @Test
    @DisplayName("after close, enter and requireOpen throw StoreClosedException naming the store, and tryEnter returns 0")
    void closedGateRefusesCalls() {
        NativeGate gate = new NativeGate("test store at /data/db");
        gate.exit(gate.enter());
        gate.close(() -> {});

        assertThat(gate.isClosed()).isTrue();
        assertThatThrownBy(gate::enter).isInstanceOf(StoreClosedException.class)
                .hasMessageContaining("test store at /data/db");
        assertThatThrownBy(gate::requireOpen).isInstanceOf(StoreClosedException.class);
        assertThat(gate.tryEnter()).isZero();
    }

    @Test
    @DisplayName("close runs the release once, however often it is called")
    void releaseRunsOnce() {
        NativeGate gate = new NativeGate("test store");
        AtomicInteger releases = new AtomicInteger();

        gate.close(releases::incrementAndGet);
        gate.close(releases::incrementAndGet);

        assertThat(releases).hasValue(1);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("close waits for a native section in flight and releases only after it exits")
    void closeWaitsForCallsInFlight() throws InterruptedException {
        NativeGate gate = new NativeGate("test store");
        AtomicInteger releases = new AtomicInteger();
        long stamp = gate.enter();
        Thread closer = new Thread(() -> gate.close(releases::incrementAndGet), "closer");
        closer.start();
        while (closer.getState() != Thread.State.WAITING) {
            Thread.onSpinWait(); // parked in the exclusive lock, behind our shared stamp
        }

        assertThat(releases).as("released while a call was in flight").hasValue(0);
        gate.exit(stamp);
        closer.join();
        assertThat(releases).hasValue(1);
    }
}
