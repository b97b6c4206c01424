package org.ethercattle.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.Codec;
import org.ethercattle.api.record.CorruptRecordException;
import org.ethercattle.api.record.Op;
import org.ethercattle.api.record.RecordDecoder;
import org.ethercattle.api.spi.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/**
 * {@code cattle log inspect SPEC [--from OFFSET] [--count N] [--codec NAME]}: what a stretch of a log holds,
 * one line per entry, decoded as a replica would decode it: position, size, then the records the entry
 * completes (kind, producer, sequence, time, ops) or that it is one part of a record still missing parts,
 * and the checksum verdict. A damaged entry is reported on its line and inspection goes on after it, so one
 * run shows every damaged entry in the stretch; the exit code says whether there was one. Read-only: it
 * opens a consumer and nothing else.
 */
@Command(
        mixinStandardHelpOptions = true,
        versionProvider = CattleVersion.class,
        name = "inspect",
        description = "Print a log's entries, decoded: position, size, records (producer, sequence, ops), checksum.",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  every entry inspected decoded",
            "  1  at least one entry is damaged (its line says CORRUPT and why)",
            "  2  error"
        })
final class LogInspectCommand implements Callable<Integer> {

    /** Exit code when an inspected entry did not decode. */
    static final int EXIT_CORRUPT = 1;

    /** How long to wait for entries the log says it holds before concluding there are no more. */
    private static final Duration POLL = Duration.ofSeconds(2);

    @Parameters(index = "0", paramLabel = "SPEC", description = "The log, e.g. file:/var/lib/cattle/log")
    String logSpec;

    @Option(names = "--from", paramLabel = "OFFSET",
            description = "The first entry's numeric offset (logs with dense offsets: file, Kafka, JetStream, memory);"
                    + " default: the oldest entry the log holds")
    Long from;

    @Option(names = "--count", paramLabel = "N", defaultValue = "20",
            description = "How many entries to print at most (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--codec", paramLabel = "NAME", defaultValue = Codecs.DEFAULT,
            description = "The stream's record format: cattle or ethercattle (default: ${DEFAULT-VALUE})")
    String codecName;

    @picocli.CommandLine.Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "--count " + count + ": must be 1 or more");
        }
        if (from != null && from < 0) {
            throw new ParameterException(spec.commandLine(), "--from " + from + ": must be an offset, 0 or more");
        }
        PrintWriter out = spec.commandLine().getOut();
        Codec codec = Codecs.get(codecName);
        try (LogConsumer log = Logs.openConsumer(logSpec)) {
            out.println("log inspect: " + Spec.redact(logSpec) + " (stream " + log.streamId() + ") holds "
                    + log.startPosition().map(Position::toString).orElse("nothing") + " .. "
                    + log.endPosition().map(Position::toString).orElse("nothing") + "; codec " + codec.name());
            Position end = log.endPosition().orElse(null);
            if (end == null) {
                return 0;
            }
            seek(log);
            return inspect(log, end, codec, out);
        }
    }

    private void seek(LogConsumer log) {
        if (from == null) {
            log.seekToStart();
            return;
        }
        if (log.positionAt(0).isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--from " + from + ": stream " + log.streamId()
                    + " has no numeric offsets (Pulsar); leave --from out to start at its oldest entry");
        }
        // A consumer seeks *after* a position: the entry before the wanted one, or the start for the first.
        Position before = from == 0 ? null : log.positionAt(from - 1).orElseThrow();
        if (before == null || log.startPosition().map(start -> before.compareTo(start) < 0).orElse(false)) {
            log.seekToStart();
        } else {
            log.seek(before);
        }
    }

    private int inspect(LogConsumer log, Position end, Codec codec, PrintWriter out) {
        // One decoder for the stretch, so chunks assemble; a damaged entry replaces it, as a chunk it held
        // can no longer complete.
        RecordDecoder decoder = codec.newDecoder(null, Long.MAX_VALUE);
        int printed = 0;
        int corrupt = 0;
        Position last = null;
        while (printed < count && (last == null || last.compareTo(end) < 0)) {
            List<LogEntry> entries = log.poll(POLL);
            if (entries.isEmpty()) {
                break;
            }
            for (LogEntry entry : entries) {
                if (printed == count) {
                    break;
                }
                last = entry.position();
                try {
                    out.println(line(entry, decoder.decode(entry), codec));
                } catch (CorruptRecordException e) {
                    corrupt++;
                    out.println(prefix(entry) + "CORRUPT: " + e.getMessage());
                    decoder = codec.newDecoder(null, Long.MAX_VALUE);
                }
                printed++;
            }
        }
        out.println("log inspect: " + printed + " entries" + (last == null ? "" : " up to " + last) + ", "
                + (corrupt == 0 ? "none damaged" : corrupt + " damaged"));
        return corrupt == 0 ? 0 : EXIT_CORRUPT;
    }

    private static String prefix(LogEntry entry) {
        return entry.position() + "  " + entry.payload().length + " B  ";
    }

    private static String line(LogEntry entry, List<ChangeRecord> records, Codec codec) {
        StringBuilder line = new StringBuilder(prefix(entry));
        if (records.isEmpty()) {
            line.append("part of a record still missing parts");
        }
        for (int i = 0; i < records.size(); i++) {
            line.append(i == 0 ? "" : "; ").append(describe(records.get(i)));
        }
        // The native codec checks a CRC32C over every entry before it decodes; the original's format has none.
        line.append(codec.name().equals(Codecs.DEFAULT) ? "  crc ok" : "  (no checksum in this format)");
        return line.toString();
    }

    private static String describe(ChangeRecord record) {
        StringBuilder s = new StringBuilder(record.kind() == ChangeRecord.Kind.HEARTBEAT ? "heartbeat" : "batch");
        if (record.producerId() != null) {
            s.append(" producer ").append(record.producerId());
        }
        if (record.isSequenced()) {
            s.append(" seq ").append(record.sequence());
        }
        if (record.timeMillis() != ChangeRecord.NO_TIME) {
            s.append(" at ").append(Instant.ofEpochMilli(record.timeMillis()));
        }
        if (record.kind() == ChangeRecord.Kind.BATCH) {
            long deletes = record.ops().stream().filter(op -> op.type() == Op.Type.DELETE).count();
            s.append(", ").append(record.ops().size()).append(" ops (").append(record.ops().size() - deletes)
                    .append(" put, ").append(deletes).append(" delete), ").append(record.byteSize()).append(" B");
        }
        return s.toString();
    }

    /** The parent of {@code inspect}: {@code cattle log}. */
    @Command(
            mixinStandardHelpOptions = true,
            versionProvider = CattleVersion.class,
            name = "log",
            description = "Look into a log.",
            subcommands = {LogInspectCommand.class})
    static final class LogCommand implements Runnable {

        @picocli.CommandLine.Spec
        CommandSpec spec;

        @Override
        public void run() {
            throw new ParameterException(spec.commandLine(), "name a subcommand: inspect");
        }
    }
}
