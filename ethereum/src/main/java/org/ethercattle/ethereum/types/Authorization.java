package org.ethercattle.ethereum.types;

import java.math.BigInteger;

/**
 * One EIP-7702 authorization of a set-code transaction: the signer delegates its code to {@code address}.
 *
 * @param chainId the chain the authorization is valid on (0: any)
 * @param address the delegate, 20 bytes
 * @param nonce the signer's nonce the authorization is valid for
 * @param yParity the signature's recovery bit
 * @param r the signature's r
 * @param s the signature's s
 */
public record Authorization(BigInteger chainId, byte[] address, long nonce, int yParity, BigInteger r, BigInteger s) {}
