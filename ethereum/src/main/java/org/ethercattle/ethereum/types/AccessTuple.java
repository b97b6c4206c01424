package org.ethercattle.ethereum.types;

import java.util.List;

/**
 * One entry of an EIP-2930 access list: an address and the storage slots the transaction declares it touches.
 *
 * @param address 20 bytes
 * @param storageKeys 32 bytes each
 */
public record AccessTuple(byte[] address, List<byte[]> storageKeys) {}
