package org.ethercattle.ethereum.roundtrip;

import java.math.BigInteger;
import java.util.List;

/**
 * The fields of a generated transaction before signing, of any of the five types. Fields a type does not have
 * are {@code null} (objects) or empty lists, as EIP-2718 leaves them out of the encoding. Arrays are owned by the
 * record and not modified.
 *
 * @param type 0 legacy, 1 access list, 2 dynamic fee, 3 blob, 4 set code
 * @param chainId the chain id signed over; {@code null} only for an unprotected (pre-EIP-155) legacy transaction
 * @param gasPrice types 0 and 1
 * @param tip the max priority fee per gas, types 2 to 4
 * @param feeCap the max fee per gas, types 2 to 4
 * @param to the recipient, {@code null} for a contract creation (types 0 to 2 only)
 * @param blobFeeCap the max fee per blob gas, type 3
 */
record UnsignedTransaction(int type, BigInteger chainId, long nonce, BigInteger gasPrice, BigInteger tip,
        BigInteger feeCap, long gas, byte[] to, BigInteger value, byte[] input, List<AccessEntry> accessList,
        BigInteger blobFeeCap, List<byte[]> blobHashes, List<SignedAuthorization> authorizations) {

    /**
     * One EIP-2930 access-list entry.
     *
     * @param address 20 bytes
     * @param storageKeys 32 bytes each
     */
    record AccessEntry(byte[] address, List<byte[]> storageKeys) {}

    /**
     * One signed EIP-7702 authorization.
     *
     * @param yParity 0 or 1
     */
    record SignedAuthorization(BigInteger chainId, byte[] address, long nonce, int yParity, BigInteger r,
            BigInteger s) {}
}
