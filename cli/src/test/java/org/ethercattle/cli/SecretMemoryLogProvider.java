package org.ethercattle.cli;

import java.util.Set;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.LogProvider;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;
import org.ethercattle.core.memory.MemoryLogProvider;

/**
 * A test log that takes credentials like a broker log does ({@code secretmemory://user:pass@vault/name?password=..
 * &token=..}) and is the in-process {@code memory:name} log behind them, so the commands' startup path can be
 * run with a spec holding secrets and no broker. Registered in the test resources' {@code META-INF/services}.
 */
public final class SecretMemoryLogProvider implements LogProvider {

    /** The only password this log takes; any other fails, as a broker's authentication would. */
    static final String PASSWORD = "hunter2-Pa55";

    @Override
    public String scheme() {
        return "secretmemory";
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    @Override
    public String description() {
        return "test only: the memory log behind a password";
    }

    @Override
    public LogProducer openProducer(Spec spec) {
        return new MemoryLogProvider().openProducer(memory(spec));
    }

    @Override
    public LogConsumer openConsumer(Spec spec) {
        return new MemoryLogProvider().openConsumer(memory(spec));
    }

    private static Spec memory(Spec spec) {
        spec.requireOnly(Set.of("password", "token"));
        if (!PASSWORD.equals(spec.param("password", null))) {
            throw new SpecException("spec '" + spec + "': authentication failed; check the password");
        }
        return Spec.parse("memory:" + spec.path());
    }
}
