package org.ethercattle.ethereum.rpc;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The one {@link ObjectMapper} of the RPC server, set up to read numbers exactly and to write strings as
 * Go's {@code encoding/json} does: HTML-safe ({@code <}, {@code >}, {@code &} as {@code &#92;u003c},
 * {@code &#92;u003e}, {@code &#92;u0026}), U+2028 and U+2029 escaped, other control characters as lowercase
 * {@code &#92;u00XX}. geth's responses pass through that encoder, so byte-exact answers need the same.
 */
final class GoJsonWriter {

    private GoJsonWriter() {
    }

    /** A new mapper with Go's escaping; thread-safe once built. */
    static ObjectMapper mapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .build();
        mapper.getFactory().setCharacterEscapes(new GoEscapes());
        return mapper;
    }

    private static final class GoEscapes extends CharacterEscapes {
        private final int[] asciiEscapes;

        GoEscapes() {
            asciiEscapes = standardAsciiEscapesForJSON();
            asciiEscapes['<'] = ESCAPE_CUSTOM;
            asciiEscapes['>'] = ESCAPE_CUSTOM;
            asciiEscapes['&'] = ESCAPE_CUSTOM;
            for (int c = 0; c < 0x20; c++) {
                if (c != '\b' && c != '\f' && c != '\n' && c != '\r' && c != '\t') {
                    asciiEscapes[c] = ESCAPE_CUSTOM;
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return asciiEscapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return switch (ch) {
                case 0x2028, 0x2029, '<', '>', '&' -> new SerializedString(String.format("\\u%04x", ch));
                default -> ch < 0x20 ? new SerializedString(String.format("\\u%04x", ch)) : null;
            };
        }
    }
}
