package cn.yibao.crossregion.rules;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which ruleset version decides which dates (POLICY.md §8): the entries in force, each from its
 * {@code effectiveFrom} until the day before the next one. Immutable; the workflow builds a new one
 * whenever the activations on the database change.
 */
public final class PolicyTimeline {

    /** One date's entry: the activation that put {@code version} in force from {@code effectiveFrom}. */
    public record Entry(LocalDate effectiveFrom, String version, long activationId) {
    }

    public static final PolicyTimeline EMPTY = new PolicyTimeline(Map.of());

    private final NavigableMap<LocalDate, Entry> byDate;

    private PolicyTimeline(Map<LocalDate, Entry> entries) {
        this.byDate = new TreeMap<>(entries);
    }

    /** One entry per date: a later entry of a date replaces an earlier one. */
    public static PolicyTimeline of(Collection<Entry> entriesInActivationOrder) {
        Map<LocalDate, Entry> byDate = new TreeMap<>();
        entriesInActivationOrder.forEach(entry -> byDate.put(entry.effectiveFrom(), entry));
        return new PolicyTimeline(byDate);
    }

    /** The entry whose policy decides care (or a filing) on this date; empty before the first entry. */
    public Optional<Entry> on(LocalDate date) {
        return Optional.ofNullable(byDate.floorEntry(date)).map(Map.Entry::getValue);
    }

    public Optional<LocalDate> start() {
        return byDate.isEmpty() ? Optional.empty() : Optional.of(byDate.firstKey());
    }

    public boolean isEmpty() {
        return byDate.isEmpty();
    }

    public Collection<Entry> entries() {
        return byDate.values();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PolicyTimeline timeline && timeline.byDate.equals(byDate);
    }

    @Override
    public int hashCode() {
        return byDate.hashCode();
    }

    @Override
    public String toString() {
        return byDate.values().toString();
    }
}
