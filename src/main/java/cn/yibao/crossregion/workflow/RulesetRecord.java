package cn.yibao.crossregion.workflow;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** A ruleset version the service has run, with its files, stored once per version. */
@Entity
@Table(name = "ruleset")
public class RulesetRecord extends PanacheEntityBase {

    @Id
    public String version;

    @Column(name = "first_loaded_at", nullable = false)
    public Instant firstLoadedAt;

    @Column(name = "last_loaded_at", nullable = false)
    public Instant lastLoadedAt;

    /** DISK (read from the rule folders) or DRAFT (submitted by an analyst). */
    @Column(name = "origin")
    public String origin;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "tests_passed")
    public Integer testsPassed;

    @Column(name = "tests_failed")
    public Integer testsFailed;

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "ruleset_file", joinColumns = @JoinColumn(name = "version"))
    @MapKeyColumn(name = "path")
    @Column(name = "content", nullable = false)
    public Map<String, String> files = new TreeMap<>();
}
