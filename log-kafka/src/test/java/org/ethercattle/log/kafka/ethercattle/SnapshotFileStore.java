package org.ethercattle.log.kafka.ethercattle;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.KeyValueWriter;
import org.ethercattle.core.memory.MemoryDatabase;

/**
 * A small store that survives SIGKILL, for replica processes in this module's tests (log-kafka has no disk
 * store on its classpath): the data lives in a {@link MemoryDatabase}, and every write (a batch's
 * {@code write()}, a single put or delete) rewrites the whole keyspace into one file, atomically (temporary
 * file, fsync, rename). A killed process leaves exactly its last completed write. Only for small test
 * keyspaces; one process at a time.
 */
final class SnapshotFileStore implements Database {

    private final Path file;
    private final Database memory = MemoryDatabase.open();

    private SnapshotFileStore(Path file) {
        this.file = file;
    }

    /** Opens the store kept in {@code file}, empty if the file does not exist. */
    static SnapshotFileStore open(Path file) {
        SnapshotFileStore store = new SnapshotFileStore(file);
        if (Files.exists(file)) {
            try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
                int count = in.readInt();
                for (int i = 0; i < count; i++) {
                    store.memory.put(in.readNBytes(in.readInt()), in.readNBytes(in.readInt()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading test store " + file, e);
            }
        }
        return store;
    }

    @Override
    public byte[] get(byte[] key) {
        return memory.get(key);
    }

    @Override
    public boolean has(byte[] key) {
        return memory.has(key);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        memory.put(key, value);
        persist();
    }

    @Override
    public void delete(byte[] key) {
        memory.delete(key);
        persist();
    }

    @Override
    public Batch newBatch() {
        Batch inner = memory.newBatch();
        return new Batch() {
            @Override
            public void put(byte[] key, byte[] value) {
                inner.put(key, value);
            }

            @Override
            public void delete(byte[] key) {
                inner.delete(key);
            }

            @Override
            public long valueSize() {
                return inner.valueSize();
            }

            @Override
            public int count() {
                return inner.count();
            }

            @Override
            public void write() {
                inner.write();
                persist();
            }

            @Override
            public void reset() {
                inner.reset();
            }

            @Override
            public void replay(KeyValueWriter writer) {
                inner.replay(writer);
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    @Override
    public Cursor cursor(byte[] prefix, byte[] start) {
        return memory.cursor(prefix, start);
    }

    @Override
    public void close() {
        memory.close();
    }

    private synchronized void persist() {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            int count = 0;
            try (Cursor cursor = memory.cursor()) {
                while (cursor.next()) {
                    count++;
                }
            }
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp)));
                    Cursor cursor = memory.cursor()) {
                out.writeInt(count);
                while (cursor.next()) {
                    out.writeInt(cursor.key().length);
                    out.write(cursor.key());
                    out.writeInt(cursor.value().length);
                    out.write(cursor.value());
                }
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("writing test store " + file, e);
        }
    }
}
