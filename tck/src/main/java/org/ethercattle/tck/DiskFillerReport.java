package org.ethercattle.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.assertj.core.description.Description;
import org.assertj.core.description.TextDescription;

/**
 * What a {@link DiskFiller} child printed: its {@code name: value} lines (the first of each name wins)
 * and its whole output for failure messages. Immutable.
 */
public final class DiskFillerReport {

    private final DiskFiller filler;
    private final String output;
    private final Map<String, String> lines;

    private DiskFillerReport(DiskFiller filler, String output, Map<String, String> lines) {
        this.filler = filler;
        this.output = output;
        this.lines = Map.copyOf(lines);
    }

    static DiskFillerReport parse(DiskFiller filler, String output) {
        Map<String, String> lines = new HashMap<>();
        for (String line : output.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                lines.putIfAbsent(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return new DiskFillerReport(filler, output, lines);
    }

    /** The message of the {@code StoreException} that stopped the writes, {@code none} if none did, or null. */
    public String failure() {
        return lines.get("failure");
    }

    /** The value of the line {@code name}, or null if the child printed none. */
    public String line(String name) {
        return lines.get(name);
    }

    /** An AssertJ description quoting the child's whole output, for assertions on this report. */
    public Description describe() {
        return new TextDescription("child output:%n%s", output);
    }

    /**
     * Asserts that at least two batches were acknowledged before the failure, that the
     * still-open store read the last acknowledged checkpoint back (if the filler was asked to), and that
     * the reopened store found it.
     */
    public void assertEveryAcknowledgedBatchKept() {
        String acknowledged = lines.get("acknowledged");
        assertThat(acknowledged).as(describe()).isNotNull();
        assertThat(Long.parseLong(acknowledged)).as(describe()).isPositive();
        if (filler.readAfterTheFailure()) {
            assertThat(lines.get("read after the failure")).as(describe()).isEqualTo(acknowledged);
        }
        assertThat(lines.get("reopened")).as("checkpoint found after reopening").isEqualTo(acknowledged);
    }
}
