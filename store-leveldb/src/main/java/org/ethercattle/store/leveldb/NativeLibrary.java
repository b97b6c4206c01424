package org.ethercattle.store.leveldb;

import org.ethercattle.api.StoreException;
import org.fusesource.leveldbjni.JniDBFactory;

/**
 * The leveldbjni factory, whose class initialisation extracts and loads the native LevelDB library
 * bundled in leveldbjni-all (linux32/64, osx, windows32/64). A platform it does not cover fails here
 * with a message saying so, rather than with a bare {@link UnsatisfiedLinkError} later.
 */
final class NativeLibrary {

    private NativeLibrary() {}

    /** The factory; throws {@link StoreException} when the native library cannot load on this machine. */
    static JniDBFactory factory() {
        try {
            return JniDBFactory.factory;
        } catch (LinkageError e) {
            throw new StoreException("the native LevelDB library in leveldbjni-all could not be loaded on "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + " (" + e
                    + "); leveldbjni-all ships linux32/64, osx and windows builds only: use the rocksdb store"
                    + " on other platforms, or check that java.io.tmpdir is writable and not mounted noexec", e);
        }
    }
}
