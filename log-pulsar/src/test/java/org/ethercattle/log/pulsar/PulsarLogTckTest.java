package org.ethercattle.log.pulsar;

import java.nio.file.Path;
import org.ethercattle.tck.LogTck;

/**
 * The log TCK on a fresh topic per test of the shared Pulsar standalone, with a 64 KiB message limit.
 *
 * <p>No retention hook: the suite needs old entries gone by the time an append returns, but Pulsar
 * removes whole ledgers, and only after a ledger rolls over (by size, entry count or age, or when the
 * topic is unloaded) and an asynchronous trim runs. {@link PulsarRetentionTest} drives that through the
 * admin API (unload, then trim) and checks the same rules.
 */
class PulsarLogTckTest extends LogTck {

    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return PulsarTopics.spec(emptyDirectory, "maxMessageBytes=64k");
    }
}
