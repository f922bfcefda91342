package cn.yibao.crossregion.decision;

import cn.yibao.crossregion.api.ClaimRequest;
import cn.yibao.crossregion.api.ClaimTreatment;
import cn.yibao.crossregion.api.FilingDetails;
import cn.yibao.crossregion.api.FilingRequest;
import cn.yibao.crossregion.api.FilingTreatment;
import cn.yibao.crossregion.api.InsuredPerson;
import cn.yibao.crossregion.api.Referral;
import cn.yibao.crossregion.facts.Cancellation;
import cn.yibao.crossregion.facts.Cause;
import cn.yibao.crossregion.facts.Claim;
import cn.yibao.crossregion.facts.Filing;
import cn.yibao.crossregion.facts.Location;
import cn.yibao.crossregion.policy.Money;
import cn.yibao.crossregion.policy.RegionCodes;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Turns requests into the facts the rules reason about, giving absent fields the meaning
 * API.md and POLICY.md §1 give them. No policy is decided here.
 */
final class FactMapper {

    private FactMapper() {
    }

    static Claim claim(ClaimRequest request, RegionCodes regions) {
        InsuredPerson insured = request.insured();
        ClaimTreatment treatment = request.treatment();
        LocalDate endDate = treatment.dischargeDate() != null ? treatment.dischargeDate() : treatment.admissionDate();
        return new Claim(insured.scheme(), insured.status(), regions.province(insured.region()), regions.city(insured.region()),
                treatment.location(), regions.province(treatment.region()), regions.city(treatment.region()),
                treatment.careType(), yes(treatment.emergency()), treatment.cause() != null ? treatment.cause() : Cause.ILLNESS,
                treatment.provider().kind(), treatment.provider().designated(), treatment.provider().level(),
                treatment.admissionDate(), endDate, stayDays(treatment.admissionDate(), endDate),
                request.settlement(), request.submittedDate(), request.emergencyReportDate(),
                request.expenses().total(), Money.orZero(request.expenses().selfPay()));
    }

    /** The filing a claim relies on; in a claim the care has ended (on the admission day if no discharge date). */
    static Filing claimFiling(ClaimRequest request) {
        ClaimTreatment treatment = request.treatment();
        LocalDate endDate = treatment.dischargeDate() != null ? treatment.dischargeDate() : treatment.admissionDate();
        return filing(request.filing(), request.insured(), treatment.location(), yes(treatment.emergency()),
                treatment.admissionDate(), endDate);
    }

    static Filing appliedFiling(FilingRequest request) {
        FilingTreatment treatment = request.treatment();
        return treatment == null
                ? filing(request.filing(), request.insured(), null, false, null, null)
                : filing(request.filing(), request.insured(), treatment.location(), yes(treatment.emergency()),
                treatment.admissionDate(), treatment.dischargeDate());
    }

    static Cancellation cancellation(FilingRequest request) {
        return new Cancellation(request.filing().type(), request.filing().filedDate(), request.requestDate());
    }

    /** Stay days: discharge minus admission, at least 1 (POLICY.md §3). */
    static long stayDays(LocalDate admission, LocalDate end) {
        return Math.max(1, ChronoUnit.DAYS.between(admission, end));
    }

    private static Filing filing(FilingDetails filing, InsuredPerson insured, Location location, boolean emergency,
                                 LocalDate admissionDate, LocalDate dischargeDate) {
        Referral referral = filing.referral() != null ? filing.referral()
                : new Referral(null, null, null, null, null, null, null);
        LocalDate transferDate = referral.transferDate() != null ? referral.transferDate() : admissionDate;
        return new Filing(filing.type(), filing.filedDate(), insured.scheme(), insured.status(), location, emergency,
                admissionDate, dischargeDate, filing.residenceStartDate(), filing.postingStartDate(),
                yes(filing.employerCertificate()), yes(filing.householdMoved()),
                yes(referral.certificate()), yes(referral.urgent()), transferDate,
                yes(referral.hospitalDesignated()), referral.hospitalLevel(), yes(referral.hospitalSpecialty()),
                yes(referral.extensionApproved()));
    }

    private static boolean yes(Boolean answer) {
        return Boolean.TRUE.equals(answer);
    }
}
