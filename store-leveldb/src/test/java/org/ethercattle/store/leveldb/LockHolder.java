package org.ethercattle.store.leveldb;

import java.nio.file.Path;
import org.ethercattle.api.spi.OpenMode;

/**
 * A separate process for {@link LevelDbLifecycleTest}: opens the store named by its argument, prints
 * {@code locked}, and holds it until its standard input closes.
 */
public final class LockHolder {

    private LockHolder() {}

    public static void main(String[] args) throws Exception {
        try (LevelDbDatabase db = LevelDbDatabase.open(Path.of(args[0]), LevelDbOptions.defaults(),
                OpenMode.READ_WRITE)) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the parent closes our stdin
            }
        }
    }
}
