package cn.yibao.crossregion.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.PostLoad;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One decision as it was made: the request as received (person id masked), the response,
 * the ruleset version, and its trace: the reason codes and fired rules as rows, to query by.
 * Written once, in the transaction that must commit before the caller gets its answer, and
 * never changed ({@link Immutable}: a record read is never flushed back).
 */
@Entity
@Immutable
@Table(name = "decision_record")
public class DecisionRecord extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "decision_type", nullable = false)
    public String decisionType;

    @Column(name = "claim_id")
    public String claimId;

    @Column(nullable = false)
    public String outcome;

    @Column(name = "person_id_masked")
    public String personIdMasked;

    /** HMAC of the raw person id under the configured key: searchable, not reversible. */
    @Column(name = "person_id_hash")
    public String personIdHash;

    @Column(name = "insured_region")
    public String insuredRegion;

    @Column(name = "treatment_region")
    public String treatmentRegion;

    @Column(name = "ruleset_version", nullable = false)
    public String rulesetVersion;

    /** The date whose policy decided (POLICY.md §8); null for decisions recorded before the timeline. */
    @Column(name = "policy_date")
    public LocalDate policyDate;

    /** The timeline entry (ruleset activation) that decided; null before the timeline. */
    @Column(name = "timeline_entry")
    public Long timelineEntry;

    @Column(name = "evaluated_at", nullable = false)
    public Instant evaluatedAt;

    @Column(name = "duration_micros", nullable = false)
    public long durationMicros;

    /** The request as received, person id masked; stored deflated (V9). */
    @Convert(converter = DeflatedJson.class)
    @Column(name = "request_deflated")
    public String requestJson;

    /** The answer as the caller got it; stored deflated (V9). */
    @Convert(converter = DeflatedJson.class)
    @Column(name = "response_deflated")
    public String responseJson;

    /** The text of records written before V9, read only. */
    @Column(name = "request_json", insertable = false, updatable = false)
    public String requestJsonText;

    @Column(name = "response_json", insertable = false, updatable = false)
    public String responseJsonText;

    /** The payable of a claim, as in its response; null for a filing. */
    public BigDecimal payable;

    /** The hash chain this record is a link of, its place in it, and the hashes that bind it (see AuditChain). */
    @Column(name = "chain_id")
    public String chainId;

    @Column(name = "chain_seq")
    public Long chainSeq;

    @Column(name = "previous_hash")
    public String previousHash;

    @Column(name = "record_hash")
    public String recordHash;

    /** Its reason codes and fired rules, shared with every decision that took the same path. */
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "trace_id", nullable = false)
    public DecisionTrace trace;

    @PostLoad
    void readTextOfOlderRecords() {
        if (requestJson == null) {
            requestJson = requestJsonText;
        }
        if (responseJson == null) {
            responseJson = responseJsonText;
        }
    }
}
