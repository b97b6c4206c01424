package org.ethercattle.ethereum.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A method's positional parameters, decoded against its declared signature exactly as geth's
 * {@code parsePositionalArguments} decodes them: left to right, each with its Go type's rules, then missing
 * required ones. Failures are -32602 {@link RpcException}s with geth's texts: "non-array args",
 * "too many arguments, want at most N", "invalid argument N: ...", "missing value for required argument N".
 *
 * <p>The typed accessors return the decoded values; each must match the declared {@link ParamType}, and an
 * optional parameter must be checked with {@link #present} first; a mismatch is a programming error and
 * throws {@link IllegalStateException}. Byte arrays returned are fresh copies. Instances are immutable.
 */
public final class Params {

    private static final Params NONE = new Params(List.of(), new Object[0]);

    private final List<Param> signature;
    private final Object[] values;

    private Params(List<Param> signature, Object[] values) {
        this.signature = signature;
        this.values = values;
    }

    /**
     * Decodes {@code raw} (the request's {@code params}, or null when the request has none) against a
     * signature.
     *
     * @throws RpcException -32602 with geth's text when the parameters do not fit the signature
     */
    public static Params decode(JsonNode raw, List<Param> signature) throws RpcException {
        List<JsonNode> given = new ArrayList<>();
        if (raw != null && !raw.isNull()) {
            if (!raw.isArray()) {
                throw RpcException.invalidParams("non-array args");
            }
            raw.forEach(given::add);
        }
        Object[] values = new Object[signature.size()];
        for (int i = 0; i < given.size(); i++) {
            if (i >= signature.size()) {
                throw RpcException.invalidParams("too many arguments, want at most " + signature.size());
            }
            Param param = signature.get(i);
            JsonNode node = given.get(i);
            if (param.optional() && node.isNull()) {
                continue; // a nil Go pointer
            }
            try {
                values[i] = decodeOne(param.type(), node);
            } catch (GoDecoder.Failure e) {
                throw RpcException.invalidParams("invalid argument " + i + ": " + e.getMessage());
            }
        }
        for (int i = given.size(); i < signature.size(); i++) {
            if (!signature.get(i).optional()) {
                throw RpcException.invalidParams("missing value for required argument " + i);
            }
        }
        return values.length == 0 ? NONE : new Params(List.copyOf(signature), values);
    }

    private static Object decodeOne(ParamType type, JsonNode node) throws GoDecoder.Failure {
        return switch (type) {
            case HASH -> GoDecoder.fixed(node, 32, type.goType());
            case ADDRESS -> GoDecoder.fixed(node, 20, type.goType());
            case BIG -> GoDecoder.quantity(node, 64, type.goType());
            case UINT64, UINT -> GoDecoder.quantity(node, 16, type.goType()).longValue();
            case BYTES -> GoDecoder.bytes(node, type.goType());
            case BOOL -> GoDecoder.bool(node);
            case STRING, SUBSCRIPTION_ID -> GoDecoder.string(node, type.goType());
            case BLOCK_NUMBER -> GoDecoder.blockNumber(node);
            case BLOCK_NUMBER_OR_HASH -> GoDecoder.blockNumberOrHash(node);
            case JSON -> node;
        };
    }

    /** The number of declared parameters. */
    public int size() {
        return signature.size();
    }

    /** Whether parameter {@code i} was given (and, if optional, not null). Required ones always are. */
    public boolean present(int i) {
        checkIndex(i);
        return values[i] != null;
    }

    /** A {@link ParamType#HASH} parameter: 32 bytes. */
    public byte[] hash(int i) {
        return ((byte[]) value(i, ParamType.HASH)).clone();
    }

    /** An {@link ParamType#ADDRESS} parameter: 20 bytes. */
    public byte[] address(int i) {
        return ((byte[]) value(i, ParamType.ADDRESS)).clone();
    }

    /** A {@link ParamType#BIG} parameter: non-negative, at most 256 bits. */
    public BigInteger quantity(int i) {
        return (BigInteger) value(i, ParamType.BIG);
    }

    /** A {@link ParamType#UINT64} or {@link ParamType#UINT} parameter, as an unsigned long. */
    public long uint64(int i) {
        return (Long) value(i, ParamType.UINT64, ParamType.UINT);
    }

    /** A {@link ParamType#BYTES} parameter. */
    public byte[] bytes(int i) {
        return ((byte[]) value(i, ParamType.BYTES)).clone();
    }

    /** A {@link ParamType#BOOL} parameter. */
    public boolean bool(int i) {
        return (Boolean) value(i, ParamType.BOOL);
    }

    /** A {@link ParamType#STRING} or {@link ParamType#SUBSCRIPTION_ID} parameter. */
    public String string(int i) {
        return (String) value(i, ParamType.STRING, ParamType.SUBSCRIPTION_ID);
    }

    /** A {@link ParamType#BLOCK_NUMBER} parameter. */
    public BlockNumber blockNumber(int i) {
        return (BlockNumber) value(i, ParamType.BLOCK_NUMBER);
    }

    /** A {@link ParamType#BLOCK_NUMBER_OR_HASH} parameter. */
    public BlockNumberOrHash blockNumberOrHash(int i) {
        return (BlockNumberOrHash) value(i, ParamType.BLOCK_NUMBER_OR_HASH);
    }

    /** A {@link ParamType#JSON} parameter, as sent (JSON null for a required one sent as null). */
    public JsonNode node(int i) {
        return (JsonNode) value(i, ParamType.JSON);
    }

    private Object value(int i, ParamType... expected) {
        checkIndex(i);
        ParamType declared = signature.get(i).type();
        if (!List.of(expected).contains(declared)) {
            throw new IllegalStateException("argument " + i + " is declared as " + declared + ", not "
                    + List.of(expected) + "; read it with the accessor of its declared type");
        }
        if (values[i] == null) {
            throw new IllegalStateException("optional argument " + i + " is absent; check present(" + i
                    + ") before reading it");
        }
        return values[i];
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= signature.size()) {
            throw new IllegalStateException("argument " + i + " is not declared; the method declares "
                    + signature.size() + " parameters");
        }
    }
}
