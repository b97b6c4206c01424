package org.ethercattle.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Verifiable#verify()} pass found: an immutable list of findings, each saying where (a file,
 * a key range, a layer) and what. The store is sound as far as the pass can tell when no finding is
 * {@link Kind#DAMAGE} ({@link #ok()}); {@link Kind#UNCHECKED} findings say what the pass could not check.
 *
 * @param store    the store checked, as an operator names it (e.g. {@code rocksdb:/var/lib/cattle/db})
 * @param findings what was found, in the order found; copied, unmodifiable
 */
public record VerifyReport(String store, List<Finding> findings) {

    /** What a finding is. */
    public enum Kind {
        /** A part of the store was checked and is sound (e.g. "checksums of 12 table files match"). */
        CHECKED,
        /** A part of the store could not be checked (e.g. LMDB keeps no checksums). Not damage. */
        UNCHECKED,
        /** A part of the store is damaged: a checksum mismatch, an unreadable entry or file. */
        DAMAGE
    }

    /**
     * One finding.
     *
     * @param kind   what it is
     * @param where  the file, key range, layer or key it is about (never null; the store when nothing
     *               narrower is known)
     * @param detail what was found, for an operator (never null)
     */
    public record Finding(Kind kind, String where, String detail) {

        public Finding {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(where, "where");
            Objects.requireNonNull(detail, "detail");
        }

        /** A sound part. */
        public static Finding checked(String where, String detail) {
            return new Finding(Kind.CHECKED, where, detail);
        }

        /** A part that could not be checked. */
        public static Finding unchecked(String where, String detail) {
            return new Finding(Kind.UNCHECKED, where, detail);
        }

        /** A damaged part. */
        public static Finding damage(String where, String detail) {
            return new Finding(Kind.DAMAGE, where, detail);
        }

        /** The finding as seen from a containing store: {@code where} prefixed by {@code label}. */
        public Finding within(String label) {
            return new Finding(kind, label + " " + where, detail);
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + ": " + where + ": " + detail;
        }
    }

    public VerifyReport {
        Objects.requireNonNull(store, "store");
        findings = List.copyOf(findings);
    }

    /** A report of {@code store} with {@code findings}. */
    public static VerifyReport of(String store, Finding... findings) {
        return new VerifyReport(store, List.of(findings));
    }

    /** Whether no finding is damage. */
    public boolean ok() {
        return damage().isEmpty();
    }

    /** Whether every part was checked (no {@link Kind#UNCHECKED} finding). */
    public boolean fullyChecked() {
        return findings.stream().noneMatch(f -> f.kind() == Kind.UNCHECKED);
    }

    /** The damage findings, in order. */
    public List<Finding> damage() {
        return findings.stream().filter(f -> f.kind() == Kind.DAMAGE).toList();
    }

    /** This report with {@code more} findings after its own. */
    public VerifyReport plus(List<Finding> more) {
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(more);
        return new VerifyReport(store, all);
    }
}
