package cn.yibao.crossregion.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** One moment a ruleset version went live, who made it so, and which version it replaced. */
@Entity
@Table(name = "ruleset_activation")
public class RulesetActivation extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String version;

    @Column(name = "previous_version")
    public String previousVersion;

    @Column(name = "activated_at", nullable = false)
    public Instant activatedAt;

    @Column(name = "activated_by", nullable = false)
    public String activatedBy;

    /** The version that is live now for every instance on this database. */
    public static Optional<RulesetActivation> latest() {
        return find("order by id desc").firstResultOptional();
    }

    public static Optional<RulesetActivation> latestOf(String version) {
        return find("version = ?1 order by activatedAt desc, id desc", version).firstResultOptional();
    }
}
