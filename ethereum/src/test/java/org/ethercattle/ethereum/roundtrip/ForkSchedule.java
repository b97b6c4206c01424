package org.ethercattle.ethereum.roundtrip;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;

/**
 * When the generated chain's forks activate: London by block number, the later ones by timestamp (blocks are
 * twelve seconds apart), with the blob parameters of Cancun and Prague (EIP-4844, EIP-7691).
 */
record ForkSchedule(BigInteger chainId, long londonBlock, long shanghaiTime, long cancunTime, long pragueTime,
        BigInteger terminalTotalDifficulty) {

    /** Cancun's blob base fee update fraction. */
    static final long CANCUN_FRACTION = 3_338_477;
    /** Prague's (EIP-7691). */
    static final long PRAGUE_FRACTION = 5_007_716;
    /** Gas per blob. */
    static final long GAS_PER_BLOB = 131_072;

    boolean london(long number) {
        return number >= londonBlock;
    }

    boolean shanghai(long time) {
        return time >= shanghaiTime;
    }

    boolean cancun(long time) {
        return time >= cancunTime;
    }

    boolean prague(long time) {
        return time >= pragueTime;
    }

    /** The most blobs a block at {@code time} may carry. */
    int maxBlobs(long time) {
        return prague(time) ? 9 : 6;
    }

    /** The blob base fee update fraction in force at {@code time} (a Cancun block's). */
    long blobFraction(long time) {
        return prague(time) ? PRAGUE_FRACTION : CANCUN_FRACTION;
    }

    /** The {@code config} object of a geth genesis file with these forks, as geth stores it. */
    ObjectNode configJson() {
        ObjectNode c = new ObjectMapper().createObjectNode();
        c.put("chainId", chainId);
        for (String block : new String[] {"homesteadBlock", "eip150Block", "eip155Block", "eip158Block",
                "byzantiumBlock", "constantinopleBlock", "petersburgBlock", "istanbulBlock", "berlinBlock"}) {
            c.put(block, 0);
        }
        c.put("londonBlock", londonBlock);
        c.put("terminalTotalDifficulty", terminalTotalDifficulty);
        c.put("shanghaiTime", shanghaiTime);
        c.put("cancunTime", cancunTime);
        c.put("pragueTime", pragueTime);
        ObjectNode schedule = c.putObject("blobSchedule");
        schedule.putObject("cancun").put("target", 3).put("max", 6).put("baseFeeUpdateFraction", CANCUN_FRACTION);
        schedule.putObject("prague").put("target", 6).put("max", 9).put("baseFeeUpdateFraction", PRAGUE_FRACTION);
        return c;
    }
}
