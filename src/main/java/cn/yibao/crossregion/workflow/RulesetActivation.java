package cn.yibao.crossregion.workflow;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One entry put on the policy timeline: from {@code effectiveFrom} on, {@code version} decides
 * (until a later entry's date, or a later activation of the same date). Never deleted; a scheduled
 * entry that is withdrawn keeps its row with who withdrew it and when.
 */
@Entity
@Table(name = "ruleset_activation")
public class RulesetActivation extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String version;

    /** The version that decided {@code effectiveFrom} before this activation, if any. */
    @Column(name = "previous_version")
    public String previousVersion;

    @Column(name = "effective_from", nullable = false)
    public LocalDate effectiveFrom;

    @Column(name = "activated_at", nullable = false)
    public Instant activatedAt;

    @Column(name = "activated_by", nullable = false)
    public String activatedBy;

    public String note;

    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;

    @Column(name = "withdrawn_by")
    public String withdrawnBy;

    /** Every activation ever recorded, in the order they were made. */
    public static List<RulesetActivation> inActivationOrder() {
        return list("order by id");
    }

    public static Optional<RulesetActivation> latestOf(String version) {
        return find("version = ?1 order by activatedAt desc, id desc", version).firstResultOptional();
    }

    public boolean withdrawnBy(Instant moment) {
        return withdrawnAt != null && !withdrawnAt.isAfter(moment);
    }
}
