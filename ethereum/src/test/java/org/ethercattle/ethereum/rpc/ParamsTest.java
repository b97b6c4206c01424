package org.ethercattle.ethereum.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ethercattle.ethereum.rpc.Param.optional;
import static org.ethercattle.ethereum.rpc.Param.required;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parameters decode with geth's exact texts (rpc/json.go, common/hexutil, rpc/types.go). */
class ParamsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HASH = "0x" + "ab".repeat(32);

    private static Params decode(String params, Param... signature) throws RpcException {
        JsonNode raw = params == null ? null : read(params);
        return Params.decode(raw, List.of(signature));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static String errorOf(String params, Param... signature) {
        try {
            decode(params, signature);
        } catch (RpcException e) {
            assertThat(e.code()).isEqualTo(-32602);
            return e.getMessage();
        }
        throw new AssertionError("expected " + params + " to fail");
    }

    @ParameterizedTest(name = "{0} as common.Hash -> {1}")
    @CsvSource(delimiter = '|', value = {
        "[\"1000000000000000000000000000000000000000000000000000000000000001\"] | invalid argument 0: json: cannot unmarshal hex string without 0x prefix into Go value of type common.Hash",
        "[\"0xababababababababababababababababababababababababababababababab\"] | invalid argument 0: hex string has length 62, want 64 for common.Hash",
        "[\"0xabc\"] | invalid argument 0: json: cannot unmarshal hex string of odd length into Go value of type common.Hash",
        "[\"0xzz\"] | invalid argument 0: hex string has length 2, want 64 for common.Hash",
        "[\"\"] | invalid argument 0: hex string has length 0, want 64 for common.Hash",
        "[5] | invalid argument 0: json: cannot unmarshal non-string into Go value of type common.Hash",
        "[null] | invalid argument 0: json: cannot unmarshal non-string into Go value of type common.Hash",
        "[] | missing value for required argument 0",
        "{} | non-array args",
    })
    @DisplayName("a hash parameter fails as common.Hash.UnmarshalJSON does")
    void hashErrors(String params, String message) {
        assertThat(errorOf(params, required(ParamType.HASH))).isEqualTo(message);
    }

    @Test
    @DisplayName("a hash with a bad digit is an invalid hex string")
    void hashSyntax() {
        assertThat(errorOf("[\"0x" + "zz".repeat(32) + "\"]", required(ParamType.HASH)))
                .isEqualTo("invalid argument 0: json: cannot unmarshal invalid hex string into Go value of type common.Hash");
    }

    @Test
    @DisplayName("an address wants 40 hex digits")
    void addressLength() {
        assertThat(errorOf("[\"0x1234\"]", required(ParamType.ADDRESS)))
                .isEqualTo("invalid argument 0: hex string has length 4, want 40 for common.Address");
    }

    @ParameterizedTest(name = "{0} as rpc.BlockNumber -> {1}")
    @CsvSource(delimiter = '|', value = {
        "[\"2\"] | invalid argument 0: hex string without 0x prefix",
        "[2] | invalid argument 0: hex string without 0x prefix",
        "[null] | invalid argument 0: hex string without 0x prefix",
        "[\"\"] | invalid argument 0: empty hex string",
        "[\"0x\"] | invalid argument 0: hex string \"0x\"",
        "[\"0x01\"] | invalid argument 0: hex number with leading zero digits",
        "[\"0xg\"] | invalid argument 0: invalid hex string",
        "[\"0x10000000000000000\"] | invalid argument 0: hex number > 64 bits",
        "[\"0xffffffffffffffff\"] | invalid argument 0: block number larger than int64",
    })
    @DisplayName("a block number fails as rpc.BlockNumber.UnmarshalJSON does")
    void blockNumberErrors(String params, String message) {
        assertThat(errorOf(params, required(ParamType.BLOCK_NUMBER))).isEqualTo(message);
    }

    @Test
    @DisplayName("block tags and hex numbers decode")
    void blockNumbers() throws RpcException {
        Params p = decode("[\"latest\", \"0x1f\", \"finalized\", \"safe\", \"pending\", \"earliest\"]",
                required(ParamType.BLOCK_NUMBER), required(ParamType.BLOCK_NUMBER), required(ParamType.BLOCK_NUMBER),
                required(ParamType.BLOCK_NUMBER), required(ParamType.BLOCK_NUMBER), required(ParamType.BLOCK_NUMBER));
        assertThat(p.blockNumber(0)).isEqualTo(BlockNumber.of(BlockNumber.Tag.LATEST));
        assertThat(p.blockNumber(1)).isEqualTo(BlockNumber.of(31));
        assertThat(p.blockNumber(2).tag()).isEqualTo(BlockNumber.Tag.FINALIZED);
        assertThat(p.blockNumber(3).tag()).isEqualTo(BlockNumber.Tag.SAFE);
        assertThat(p.blockNumber(4).tag()).isEqualTo(BlockNumber.Tag.PENDING);
        assertThat(p.blockNumber(5).tag()).isEqualTo(BlockNumber.Tag.EARLIEST);
    }

    @ParameterizedTest(name = "{0} as rpc.BlockNumberOrHash -> {1}")
    @CsvSource(delimiter = '|', value = {
        "[\"2\"] | invalid argument 0: hex string without 0x prefix",
        "[2] | invalid argument 0: json: cannot unmarshal number into Go value of type string",
        "[true] | invalid argument 0: json: cannot unmarshal bool into Go value of type string",
        "[{\"blockNumber\":\"2\"}] | invalid argument 0: json: cannot unmarshal object into Go value of type string",
        "[{\"blockHash\":\"0x12\"}] | invalid argument 0: json: cannot unmarshal object into Go value of type string",
        "[{\"blockNumber\":\"0x1\",\"blockHash\":\"0xabababababababababababababababababababababababababababababababab\"}] | invalid argument 0: cannot specify both BlockHash and BlockNumber, choose one or the other",
        "[\"0xZZababababababababababababababababababababababababababababababab\"] | invalid argument 0: invalid hex string",
        "[\"0x8000000000000000\"] | invalid argument 0: blocknumber too high",
    })
    @DisplayName("a block number or hash fails as rpc.BlockNumberOrHash.UnmarshalJSON does")
    void blockNumberOrHashErrors(String params, String message) {
        assertThat(errorOf(params, required(ParamType.BLOCK_NUMBER_OR_HASH))).isEqualTo(message);
    }

    @Test
    @DisplayName("a block number or hash takes a tag, a number, a hash or the EIP-1898 object")
    void blockNumberOrHash() throws RpcException {
        Params p = decode("[\"latest\", \"0x5\", \"" + HASH + "\", {\"BLOCKHASH\":\"" + HASH
                + "\",\"requireCanonical\":true}, {\"blockNumber\":\"safe\"}, null]",
                required(ParamType.BLOCK_NUMBER_OR_HASH), required(ParamType.BLOCK_NUMBER_OR_HASH),
                required(ParamType.BLOCK_NUMBER_OR_HASH), required(ParamType.BLOCK_NUMBER_OR_HASH),
                required(ParamType.BLOCK_NUMBER_OR_HASH), required(ParamType.BLOCK_NUMBER_OR_HASH));
        assertThat(p.blockNumberOrHash(0).number()).isEqualTo(BlockNumber.of(BlockNumber.Tag.LATEST));
        assertThat(p.blockNumberOrHash(1).number()).isEqualTo(BlockNumber.of(5));
        assertThat(p.blockNumberOrHash(2).hash()).hasSize(32).startsWith((byte) 0xab);
        assertThat(p.blockNumberOrHash(3).requireCanonical()).isTrue();
        assertThat(p.blockNumberOrHash(4).number().tag()).isEqualTo(BlockNumber.Tag.SAFE);
        assertThat(p.blockNumberOrHash(5).number()).isNull();
        assertThat(p.blockNumberOrHash(5).hash()).isNull();
    }

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "[\"0x01\"] | BIG | invalid argument 0: json: cannot unmarshal hex number with leading zero digits into Go value of type *hexutil.Big",
        "[\"0x\"] | UINT64 | invalid argument 0: json: cannot unmarshal hex string \"0x\" into Go value of type hexutil.Uint64",
        "[\"0x10000000000000000\"] | UINT64 | invalid argument 0: json: cannot unmarshal hex number > 64 bits into Go value of type hexutil.Uint64",
        "[1] | UINT | invalid argument 0: json: cannot unmarshal non-string into Go value of type hexutil.Uint",
        "[\"1\"] | BIG | invalid argument 0: json: cannot unmarshal hex string without 0x prefix into Go value of type *hexutil.Big",
        "[\"0xabc\"] | BYTES | invalid argument 0: json: cannot unmarshal hex string of odd length into Go value of type hexutil.Bytes",
        "[\"0xzz\"] | BYTES | invalid argument 0: json: cannot unmarshal invalid hex string into Go value of type hexutil.Bytes",
        "[\"true\"] | BOOL | invalid argument 0: json: cannot unmarshal string into Go value of type bool",
        "[1] | BOOL | invalid argument 0: json: cannot unmarshal number into Go value of type bool",
        "[{}] | STRING | invalid argument 0: json: cannot unmarshal object into Go value of type string",
    })
    @DisplayName("quantities, bytes, bools and strings fail with hexutil's and Go's texts")
    void scalarErrors(String params, ParamType type, String message) {
        assertThat(errorOf(params, required(type))).isEqualTo(message);
    }

    @Test
    @DisplayName("the type error of argument 1 names argument 1")
    void argumentIndex() {
        assertThat(errorOf("[\"" + HASH + "\", 5]", required(ParamType.HASH), required(ParamType.BOOL)))
                .isEqualTo("invalid argument 1: json: cannot unmarshal number into Go value of type bool");
    }

    @Test
    @DisplayName("quantities decode; an empty string is zero as in hexutil")
    void quantities() throws RpcException {
        Params p = decode("[\"0xff\", \"\", \"0xffffffffffffffff\"]", required(ParamType.BIG), required(ParamType.BIG),
                required(ParamType.UINT64));
        assertThat(p.quantity(0)).isEqualTo(BigInteger.valueOf(255));
        assertThat(p.quantity(1)).isEqualTo(BigInteger.ZERO);
        assertThat(p.uint64(2)).isEqualTo(-1L);
    }

    @Test
    @DisplayName("too many arguments is reported after the declared ones decode")
    void tooMany() {
        assertThat(errorOf("[true, false, true]", required(ParamType.BOOL), optional(ParamType.BOOL)))
                .isEqualTo("too many arguments, want at most 2");
        assertThat(errorOf("[1, false, true]", required(ParamType.BOOL), optional(ParamType.BOOL)))
                .isEqualTo("invalid argument 0: json: cannot unmarshal number into Go value of type bool");
    }

    @Test
    @DisplayName("optional arguments may be missing or null; required null bool is false as in Go")
    void optionals() throws RpcException {
        Params p = decode("[null, null]", required(ParamType.BOOL), optional(ParamType.HASH), optional(ParamType.JSON));
        assertThat(p.bool(0)).isFalse();
        assertThat(p.present(1)).isFalse();
        assertThat(p.present(2)).isFalse();
        assertThat(decode(null, optional(ParamType.HASH)).present(0)).isFalse();
        assertThat(decode("null", optional(ParamType.HASH)).present(0)).isFalse();
        assertThatThrownBy(() -> p.hash(1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("present(1)");
        assertThatThrownBy(() -> p.address(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("BOOL");
    }

    @Test
    @DisplayName("returned byte arrays are copies")
    void copies() throws RpcException {
        Params p = decode("[\"" + HASH + "\"]", required(ParamType.HASH));
        p.hash(0)[0] = 0;
        assertThat(p.hash(0)[0]).isEqualTo((byte) 0xab);
    }
}
