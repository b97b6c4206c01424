package org.ethercattle.ethereum.tx;

import com.fasterxml.jackson.databind.JsonNode;
import org.ethercattle.ethereum.chain.ChainConfig;
import org.ethercattle.ethereum.types.Header;

/**
 * The forks active at one block that decide which transactions a pool accepts and what they cost, as geth's
 * {@code params.Rules}: block-number forks (Istanbul, Berlin, London) compared with the block's number, timestamp
 * forks (Shanghai, Cancun, Prague, Osaka) with its time. A fork the configuration does not name is not active.
 *
 * @param istanbul EIP-2028 calldata pricing
 * @param berlin access-list transactions (type 1)
 * @param london dynamic-fee transactions (type 2)
 * @param shanghai EIP-3860 init code limit and pricing
 * @param cancun blob transactions (type 3)
 * @param prague set-code transactions (type 4) and the EIP-7623 calldata floor
 * @param osaka the EIP-7825 transaction gas cap
 */
public record ForkRules(boolean istanbul, boolean berlin, boolean london, boolean shanghai, boolean cancun,
        boolean prague, boolean osaka) {

    /** The rules at {@code head} under {@code config}. */
    public static ForkRules at(ChainConfig config, Header head) {
        JsonNode json = config.json();
        long number = head.number();
        long time = head.time();
        return new ForkRules(byNumber(json, "istanbulBlock", number), byNumber(json, "berlinBlock", number),
                byNumber(json, "londonBlock", number), byTime(json, "shanghaiTime", time),
                byTime(json, "cancunTime", time), byTime(json, "pragueTime", time), byTime(json, "osakaTime", time));
    }

    private static boolean byNumber(JsonNode config, String field, long number) {
        JsonNode v = config.get(field);
        return v != null && !v.isNull() && v.asLong() <= number;
    }

    private static boolean byTime(JsonNode config, String field, long time) {
        JsonNode v = config.get(field);
        // Fork times are unsigned in geth; a negative long would be a time beyond 2^63 s, never reached.
        return v != null && !v.isNull() && v.asLong() >= 0 && v.asLong() <= time;
    }
}
