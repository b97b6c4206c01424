package org.ethercattle.ethereum.tx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The relay's checkpoint file: the stream it reads and the position of the last transaction it is done with
 * (submitted, rejected by the node, or dropped as too old), as JSON {@code {"stream":..,"position":"<hex>"}}.
 *
 * <p>{@link #save} replaces the file atomically (a temporary file in the same directory moved over it), so a crash
 * leaves either the old or the new checkpoint, never a torn one. A checkpoint written for one stream is refused for
 * another, so a relay pointed at a different log does not skip that log's start. Not thread-safe: one relay owns it.
 */
public final class RelayCheckpoint {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;

    /** The checkpoint at {@code file}, which need not exist yet (its directory must). */
    public RelayCheckpoint(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /**
     * The saved position's bytes for {@code streamId}, or empty when nothing was saved yet.
     *
     * @throws IllegalStateException when the file is unreadable or was written for another stream
     */
    public Optional<byte[]> load(String streamId) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("relay checkpoint " + file + " is not readable JSON (" + e.getMessage()
                    + "); delete it to start from the log's oldest transaction", e);
        }
        String stream = json.path("stream").asText();
        if (!stream.equals(streamId)) {
            throw new IllegalStateException("relay checkpoint " + file + " belongs to stream '" + stream
                    + "', not to '" + streamId + "'; give this log its own --checkpoint file");
        }
        return Optional.of(HexFormat.of().parseHex(json.path("position").asText()));
    }

    /** Saves {@code position} (a {@code Position.toBytes()}) as the last one done in {@code streamId}. */
    public void save(String streamId, byte[] position) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("stream", streamId);
        json.put("position", HexFormat.of().formatHex(position));
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(temp, MAPPER.writeValueAsBytes(json));
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write relay checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
