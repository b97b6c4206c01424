package org.ethercattle.ethereum.tx;

import org.ethercattle.ethereum.types.AccessTuple;
import org.ethercattle.ethereum.types.Transaction;

/**
 * The gas a transaction needs before its first instruction runs, computed as geth's {@code core.IntrinsicGas}
 * and {@code core.FloorDataGas}: a base of 21000 (53000 for a contract creation), calldata per byte (4 for a zero
 * byte, 16 for another from Istanbul on, 68 before), init code words (2 each, from Shanghai on), access-list
 * entries (2400 per address, 1900 per storage key) and authorizations (25000 each).
 */
public final class IntrinsicGas {

    private static final long TX_GAS = 21_000;
    private static final long TX_CREATION_GAS = 53_000;
    private static final long ZERO_BYTE_GAS = 4;
    private static final long NON_ZERO_BYTE_GAS_FRONTIER = 68;
    private static final long NON_ZERO_BYTE_GAS_ISTANBUL = 16;
    private static final long INIT_CODE_WORD_GAS = 2;
    private static final long ACCESS_LIST_ADDRESS_GAS = 2_400;
    private static final long ACCESS_LIST_SLOT_GAS = 1_900;
    private static final long AUTHORIZATION_GAS = 25_000;
    private static final long FLOOR_TOKEN_COST = 10;
    private static final long TOKENS_PER_NON_ZERO_BYTE = 4;

    private IntrinsicGas() {}

    /** The intrinsic gas of {@code tx} under {@code rules}. Never overflows: inputs are bounded by the tx size. */
    public static long of(Transaction tx, ForkRules rules) {
        boolean creation = tx.to() == null;
        long gas = creation ? TX_CREATION_GAS : TX_GAS;
        byte[] data = tx.input();
        long zeros = zeroBytes(data);
        long nonZeros = data.length - zeros;
        gas += zeros * ZERO_BYTE_GAS;
        gas += nonZeros * (rules.istanbul() ? NON_ZERO_BYTE_GAS_ISTANBUL : NON_ZERO_BYTE_GAS_FRONTIER);
        if (creation && rules.shanghai()) {
            gas += ((data.length + 31L) / 32) * INIT_CODE_WORD_GAS;
        }
        for (AccessTuple tuple : tx.accessList()) {
            gas += ACCESS_LIST_ADDRESS_GAS + tuple.storageKeys().size() * ACCESS_LIST_SLOT_GAS;
        }
        gas += tx.authorizationList().size() * AUTHORIZATION_GAS;
        return gas;
    }

    /** The EIP-7623 floor (Prague on): 21000 plus 10 per calldata token, a zero byte one token, another four. */
    public static long floorData(byte[] data) {
        long zeros = zeroBytes(data);
        long tokens = zeros + (data.length - zeros) * TOKENS_PER_NON_ZERO_BYTE;
        return TX_GAS + tokens * FLOOR_TOKEN_COST;
    }

    private static long zeroBytes(byte[] data) {
        long zeros = 0;
        for (byte b : data) {
            if (b == 0) {
                zeros++;
            }
        }
        return zeros;
    }
}
