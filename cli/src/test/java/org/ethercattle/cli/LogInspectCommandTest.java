package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogProducer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cattle log inspect}: one decoded line per entry, damaged entries reported and passed. */
class LogInspectCommandTest {

    @TempDir
    Path dir;

    private CapturedCattle cattle;

    private int cattle(String... args) {
        cattle = new CapturedCattle();
        return cattle.run(args);
    }

    private List<String> entryLines() {
        return cattle.out().lines().filter(line -> line.startsWith("file:")).toList();
    }

    @Test
    @DisplayName("a clean stretch: one line per entry with producer, sequence and ops, crc ok, exit 0; --from and --count choose the stretch")
    void cleanStretch() {
        String log = "file:" + dir.resolve("log");
        try (SnapshotMaster master = new SnapshotMaster(log, 21)) {
            master.write(10);
        }
        assertThat(cattle("log", "inspect", log)).as(cattle.err()).isZero();
        assertThat(cattle.out()).contains("holds file:0 .. file:9; codec cattle", "10 entries up to file:9, none damaged");
        assertThat(entryLines()).hasSize(10).allSatisfy(line -> assertThat(line)
                .matches("file:\\d+  \\d+ B  batch producer [0-9a-f-]{36} seq \\d+ at \\S+, \\d+ ops \\(\\d+ put, \\d+ delete\\), \\d+ B  crc ok"));
        assertThat(entryLines().get(0)).contains("seq 0");

        assertThat(cattle("log", "inspect", log, "--from", "5", "--count", "3")).as(cattle.err()).isZero();
        assertThat(entryLines()).extracting(line -> line.substring(0, line.indexOf(' ')))
                .containsExactly("file:5", "file:6", "file:7");
        assertThat(entryLines().get(0)).contains("seq 5");
    }

    @Test
    @DisplayName("a damaged entry gets a CORRUPT line naming the checksum, the entries after it still decode, exit 1")
    void damagedEntry() {
        String log = "file:" + dir.resolve("log");
        try (SnapshotMaster master = new SnapshotMaster(log, 22)) {
            master.write(2);
            try (LogProducer producer = Logs.openProducer(log)) {
                // A cattle/1-looking message whose checksum is wrong: what a replica would stop at.
                byte[] damaged = new byte[64];
                damaged[0] = (byte) 0xCA;
                damaged[1] = 0x77;
                damaged[2] = 1;
                producer.append(damaged).join();
            }
            master.write(2);
        }
        assertThat(cattle("log", "inspect", log)).isEqualTo(LogInspectCommand.EXIT_CORRUPT);
        List<String> lines = entryLines();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(2)).startsWith("file:2  64 B  CORRUPT: corrupt record at file:2: CRC32C mismatch");
        assertThat(lines.get(3)).contains("seq 2", "crc ok");
        assertThat(cattle.out()).contains("5 entries up to file:4, 1 damaged");
    }

    @Test
    @DisplayName("bad arguments are one-line errors with exit 2")
    void badArguments() {
        String log = "file:" + dir.resolve("log");
        assertThat(cattle("log", "inspect", log, "--count", "0")).isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err().lines()).hasSize(1).first().asString().contains("--count 0: must be 1 or more");
        assertThat(cattle("log", "inspect", log, "--from", "-1")).isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err().lines()).hasSize(1).first().asString().contains("--from -1");
    }
}
