package org.ethercattle.log.pulsar;

import java.nio.file.Path;
import java.util.Optional;
import org.ethercattle.tck.LogTck;

/**
 * The log TCK on a fresh topic per test of the shared Pulsar standalone, with a 64 KiB message limit.
 *
 * <p>Retention runs through {@link RetainingPulsarLogProvider}: a namespace without retention, where the
 * broker deletes the ledgers a durable subscription has acknowledged when the topic is trimmed; the
 * producer rolls a ledger every {@code retainedEntries} entries (unload) and acknowledges and trims after
 * each append, so the expiry has happened when the append returns. {@link PulsarRetentionTest} checks the
 * same rules on a topic without any subscription.
 */
class PulsarLogTckTest extends LogTck {

    private static final String RETENTION_NAMESPACE = "cattle-tck-retention";

    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return PulsarTopics.spec(emptyDirectory, "maxMessageBytes=64k");
    }

    @Override
    protected Optional<String> newLogSpecRetaining(Path emptyDirectory, int retainedEntries) {
        RetainingPulsarLogProvider.namespaceWithoutRetention(RETENTION_NAMESPACE);
        return Optional.of(PulsarTopics.spec(RETENTION_NAMESPACE, emptyDirectory,
                "maxMessageBytes=64k&retainEntries=" + retainedEntries).replaceFirst("^pulsar:", "pulsar-retaining:"));
    }
}
