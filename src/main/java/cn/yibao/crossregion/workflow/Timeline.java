package cn.yibao.crossregion.workflow;

import cn.yibao.crossregion.rules.PolicyTimeline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The policy timeline as it stood at one moment ({@code asOf}), built from the activations
 * recorded by then (POLICY.md §8): per date, the latest activation not withdrawn is the entry;
 * the entry of a date decides from that date until the next entry's.
 */
public record Timeline(String inForceToday, LocalDate today, Instant asOf, List<TimelineEntry> entries) {

    /** {@code activations} in the order they were made; those after {@code asOf} are left out. */
    public static Timeline of(List<RulesetActivation> activations, Instant asOf, LocalDate today) {
        List<RulesetActivation> known = activations.stream().filter(a -> !a.activatedAt.isAfter(asOf)).toList();
        PolicyTimeline inForce = policyTimeline(known, asOf);
        Map<Long, LocalDate> untilOf = new HashMap<>();
        LocalDate next = null;
        for (PolicyTimeline.Entry entry : inForce.entries().stream()
                .sorted(Comparator.comparing(PolicyTimeline.Entry::effectiveFrom).reversed()).toList()) {
            untilOf.put(entry.activationId(), next == null ? null : next.minusDays(1));
            next = entry.effectiveFrom();
        }
        List<TimelineEntry> entries = new ArrayList<>();
        for (RulesetActivation activation : known.stream()
                .sorted(Comparator.comparing((RulesetActivation a) -> a.effectiveFrom).thenComparing(a -> a.id)).toList()) {
            boolean decides = untilOf.containsKey(activation.id);
            TimelineEntry.Status status = activation.withdrawnBy(asOf) ? TimelineEntry.Status.WITHDRAWN
                    : !decides ? TimelineEntry.Status.REPLACED
                    : activation.effectiveFrom.isAfter(today) ? TimelineEntry.Status.SCHEDULED
                    : TimelineEntry.Status.IN_FORCE;
            boolean withdrawn = status == TimelineEntry.Status.WITHDRAWN;
            entries.add(new TimelineEntry(activation.effectiveFrom, untilOf.get(activation.id), activation.version,
                    activation.activatedAt, activation.activatedBy, activation.note, status,
                    withdrawn ? activation.withdrawnAt : null, withdrawn ? activation.withdrawnBy : null));
        }
        return new Timeline(inForce.on(today).map(PolicyTimeline.Entry::version).orElse(null), today, asOf, entries);
    }

    /** What decides which dates, as it stood at {@code asOf}: per date, the latest activation not withdrawn. */
    public static PolicyTimeline policyTimeline(List<RulesetActivation> activationsInOrder, Instant asOf) {
        return PolicyTimeline.of(activationsInOrder.stream()
                .filter(a -> !a.activatedAt.isAfter(asOf) && !a.withdrawnBy(asOf))
                .map(a -> new PolicyTimeline.Entry(a.effectiveFrom, a.version, a.id))
                .toList());
    }

    public Optional<TimelineEntry> entryInForceOn(LocalDate date) {
        return entries.stream()
                .filter(e -> e.status() == TimelineEntry.Status.IN_FORCE || e.status() == TimelineEntry.Status.SCHEDULED)
                .filter(e -> !e.effectiveFrom().isAfter(date))
                .reduce((earlier, later) -> later);
    }
}
