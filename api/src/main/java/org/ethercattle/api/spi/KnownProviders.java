package org.ethercattle.api.spi;

import java.util.Map;
import java.util.TreeMap;

/**
 * The providers Cattle ships, by kind and scheme, with the artifact that holds each: used to tell a
 * user which jar to add when a scheme is missing.
 */
final class KnownProviders {

    private static final Map<String, Map<String, String>> ARTIFACTS = Map.of(
            "store", Map.of(
                    "memory", "cattle-core",
                    "rocksdb", "cattle-store-rocksdb",
                    "leveldb", "cattle-store-leveldb",
                    "lmdb", "cattle-store-lmdb",
                    "layered", "cattle-layered-store"),
            "log", Map.of(
                    "memory", "cattle-core",
                    "file", "cattle-log-file",
                    "kafka", "cattle-log-kafka",
                    "pulsar", "cattle-log-pulsar",
                    "nats", "cattle-log-nats"),
            "codec", Map.of(
                    "cattle", "cattle-core",
                    "ethercattle", "cattle-ethereum"));

    private KnownProviders() {}

    static String artifactFor(String kind, String scheme) {
        return ARTIFACTS.getOrDefault(kind, Map.of()).get(scheme);
    }

    static String describe(String kind) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(ARTIFACTS.getOrDefault(kind, Map.of())).forEach((scheme, artifact) ->
                out.append(out.length() == 0 ? "" : ", ").append(scheme).append(" (").append(artifact).append(')'));
        return out.toString();
    }
}
