package org.ethercattle.ethereum.rpc;

/**
 * The Go types geth's API methods declare for their parameters, each decoded with that type's exact
 * {@code UnmarshalJSON} rules and error texts. {@link #goType()} is the name geth prints in
 * "json: cannot unmarshal ... into Go value of type X".
 */
public enum ParamType {
    /** {@code common.Hash}: a 0x-prefixed 32-byte hex string. Read with {@link Params#hash}. */
    HASH("common.Hash"),
    /** {@code common.Address}: a 0x-prefixed 20-byte hex string. Read with {@link Params#address}. */
    ADDRESS("common.Address"),
    /** {@code *hexutil.Big}: a hex quantity of at most 256 bits. Read with {@link Params#quantity}. */
    BIG("*hexutil.Big"),
    /** {@code hexutil.Uint64}: a hex quantity of at most 64 bits. Read with {@link Params#uint64}. */
    UINT64("hexutil.Uint64"),
    /** {@code hexutil.Uint}: as {@link #UINT64} on a 64-bit platform. Read with {@link Params#uint64}. */
    UINT("hexutil.Uint"),
    /** {@code hexutil.Bytes}: a 0x-prefixed, even-length hex string. Read with {@link Params#bytes}. */
    BYTES("hexutil.Bytes"),
    /** Go {@code bool}. Read with {@link Params#bool}. */
    BOOL("bool"),
    /** Go {@code string}. Read with {@link Params#string}. */
    STRING("string"),
    /** {@code rpc.ID}, a subscription id (a Go string). Read with {@link Params#string}. */
    SUBSCRIPTION_ID("rpc.ID"),
    /** {@code rpc.BlockNumber}: a tag or a hex number. Read with {@link Params#blockNumber}. */
    BLOCK_NUMBER("rpc.BlockNumber"),
    /** {@code rpc.BlockNumberOrHash} (EIP-1898). Read with {@link Params#blockNumberOrHash}. */
    BLOCK_NUMBER_OR_HASH("rpc.BlockNumberOrHash"),
    /** Any JSON value, decoded by the method itself (geth structs such as call arguments). Read with {@link Params#node}. */
    JSON("any");

    private final String goType;

    ParamType(String goType) {
        this.goType = goType;
    }

    /** The Go type name geth uses in its error texts, such as {@code common.Hash}. */
    public String goType() {
        return goType;
    }
}
