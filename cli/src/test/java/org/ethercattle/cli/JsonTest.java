package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    @DisplayName("objects keep their order; arrays, numbers, booleans and null are written as JSON")
    void shapes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ready", false);
        m.put("lag", 12L);
        m.put("seconds", 0.5);
        m.put("none", null);
        m.put("list", Arrays.asList(1, "a", null));
        assertThat(Json.write(m)).isEqualTo("{\"ready\":false,\"lag\":12,\"seconds\":0.5,\"none\":null,"
                + "\"list\":[1,\"a\",null]}");
    }

    @Test
    @DisplayName("quotes, backslashes and control characters are escaped; NaN and infinities become null")
    void escapes() {
        assertThat(Json.write("a\"b\\c\nd\te\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001\"");
        assertThat(Json.write(Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY))).isEqualTo("[null,null]");
    }
}
