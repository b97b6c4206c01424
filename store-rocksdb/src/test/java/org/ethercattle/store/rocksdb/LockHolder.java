package org.ethercattle.store.rocksdb;

import java.io.IOException;
import org.ethercattle.api.Database;
import org.ethercattle.api.Stores;

/**
 * A second process for the lock test: opens the store its argument names, prints "open", and keeps it
 * open until its standard input closes.
 */
public final class LockHolder {

    private LockHolder() {}

    public static void main(String[] args) throws IOException {
        Database db = Stores.open(args[0]);
        try {
            System.out.println("open " + db.has(new byte[0]));
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the store until the parent closes our stdin
            }
        } finally {
            db.close();
        }
    }
}
