package org.ethercattle.ethereum.state;

import java.util.HexFormat;

/**
 * Contract code an account's code hash names is in the database neither under {@code 'c' + hash}
 * nor under the bare hash. Usually the database was copied without its code; re-sync it.
 */
public final class MissingCodeException extends IllegalStateException {

    private final byte[] codeHash;

    /** @param codeHash the 32-byte code hash looked up (copied) */
    public MissingCodeException(byte[] codeHash) {
        super("missing code 0x" + HexFormat.of().formatHex(codeHash)
                + ": neither 'c'+hash nor the bare hash is in the database; it was copied without its code, re-sync it");
        this.codeHash = codeHash.clone();
    }

    /** The code hash looked up; a fresh copy. */
    public byte[] codeHash() {
        return codeHash.clone();
    }
}
