package org.ethercattle.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.Op;

/**
 * The {@code cattle-vector} blocks of {@code docs/wire-format.md}, parsed as that page describes them.
 */
record WireFormatVectors(String name, ChangeRecord record, int maxMessageBytes, List<byte[]> messages) {

    static final String DOC = "docs/wire-format.md";

    /** Finds the page from the working directory (the core module or the repository root) upwards. */
    static Path locateDoc() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(DOC);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(DOC + " not found above " + Path.of("").toAbsolutePath());
    }

    static List<WireFormatVectors> load() {
        try {
            return parse(Files.readAllLines(locateDoc()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<WireFormatVectors> parse(List<String> lines) {
        List<WireFormatVectors> vectors = new ArrayList<>();
        List<String> block = null;
        for (String line : lines) {
            if (block == null && line.trim().equals("```cattle-vector")) {
                block = new ArrayList<>();
            } else if (block != null && line.trim().equals("```")) {
                vectors.add(vector(block));
                block = null;
            } else if (block != null) {
                block.add(line);
            }
        }
        assertThat(block).as("unterminated cattle-vector block").isNull();
        return vectors;
    }

    private static WireFormatVectors vector(List<String> block) {
        String name = null;
        UUID producer = null;
        long sequence = -2;
        long time = -2;
        String kind = null;
        int max = -1;
        List<Op> ops = new ArrayList<>();
        List<byte[]> messages = new ArrayList<>();
        for (String line : block) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            switch (field) {
                case "name" -> name = value;
                case "producer" -> producer = UUID.fromString(value);
                case "sequence" -> sequence = Long.parseLong(value);
                case "time" -> time = value.equals("unknown") ? ChangeRecord.NO_TIME : Long.parseLong(value);
                case "kind" -> kind = value;
                case "put" -> {
                    String[] parts = value.split("\\s+");
                    ops.add(Op.put(hex(parts[0]), hex(parts[1])));
                }
                case "delete" -> ops.add(Op.delete(hex(value)));
                case "max-message-bytes" -> max = Integer.parseInt(value);
                case "message" -> messages.add(hex(value));
                default -> throw new IllegalArgumentException("unknown vector field '" + field + "' in " + block);
            }
        }
        ChangeRecord record = switch (kind) {
            case "batch" -> ChangeRecord.batch(producer, sequence, time, ops);
            case "heartbeat" -> ChangeRecord.heartbeat(producer, sequence, time);
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        };
        return new WireFormatVectors(name, record, max, messages);
    }

    private static byte[] hex(String text) {
        return text.equals("-") ? new byte[0] : HexFormat.of().parseHex(text);
    }

    @Override
    public String toString() {
        return name;
    }
}
