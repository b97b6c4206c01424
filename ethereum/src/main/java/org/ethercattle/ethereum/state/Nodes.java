package org.ethercattle.ethereum.state;

import java.util.Arrays;
import java.util.List;

/** Value equality for lists of node RLPs, which {@code List.equals} compares by array identity. */
final class Nodes {

    private Nodes() {
    }

    static boolean equal(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    static int hash(List<byte[]> nodes) {
        int hash = 1;
        for (byte[] node : nodes) {
            hash = 31 * hash + Arrays.hashCode(node);
        }
        return hash;
    }
}
