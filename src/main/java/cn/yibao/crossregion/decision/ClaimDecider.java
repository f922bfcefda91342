package cn.yibao.crossregion.decision;

import cn.yibao.crossregion.api.ClaimRequest;
import cn.yibao.crossregion.facts.Area;
import cn.yibao.crossregion.facts.CareArea;
import cn.yibao.crossregion.facts.Claim;
import cn.yibao.crossregion.facts.Finding;
import cn.yibao.crossregion.facts.NoValidFiling;
import cn.yibao.crossregion.facts.Outcome;
import cn.yibao.crossregion.facts.RegionPolicy;
import cn.yibao.crossregion.facts.Rejection;
import cn.yibao.crossregion.facts.SubmittedFiling;
import cn.yibao.crossregion.facts.ValidFiling;
import cn.yibao.crossregion.policy.Money;
import cn.yibao.crossregion.rules.DmnRun;
import cn.yibao.crossregion.rules.DrlRun;
import cn.yibao.crossregion.rules.FiredRule;
import cn.yibao.crossregion.rules.Ruleset;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.yibao.crossregion.rules.DmnContract.BASE_POLICY;
import static cn.yibao.crossregion.rules.DmnContract.FILING_REQUIRED_WITHIN_PROVINCE;
import static cn.yibao.crossregion.rules.DmnContract.PAYOUT;
import static cn.yibao.crossregion.rules.DmnContract.RATIO_REDUCTION;
import static cn.yibao.crossregion.rules.DmnContract.REFERRAL_DAY_LIMIT;
import static cn.yibao.crossregion.rules.DmnContract.REGIONS;

/**
 * Decides a claim in three steps: the insured region's settings (DMN {@code regions}), every
 * DRL rule (area, filing, exclusions, deadlines), then, unless a rule rejected the claim, the
 * payout tables (DMN {@code payout}) and the payout formula.
 */
@ApplicationScoped
public class ClaimDecider {

    public ClaimDecision decide(ClaimRequest request, Ruleset ruleset) {
        Claim claim = FactMapper.claim(request, ruleset.regionCodes());
        List<FiredRule> fired = new ArrayList<>();

        DmnRun regions = ruleset.evaluate(REGIONS, Map.of("Insured city", claim.getInsuredCity()));
        fired.addAll(regions.fired());
        boolean filingRequiredIntraProvince = Boolean.TRUE.equals(regions.results().get(FILING_REQUIRED_WITHIN_PROVINCE));

        List<Object> facts = new ArrayList<>(List.of(claim, new RegionPolicy(filingRequiredIntraProvince)));
        if (request.filing() != null) {
            facts.add(new SubmittedFiling(FactMapper.claimFiling(request)));
        }
        DrlRun rules = ruleset.fireRules(facts);
        fired.addAll(rules.fired());

        List<String> codes = new ArrayList<>(rules.all(Finding.class).stream().map(Finding::getCode).toList());
        Map<String, Map<String, Object>> rowOutputsByCode = new HashMap<>();
        Area area = rules.first(CareArea.class).map(CareArea::getArea).orElse(null);
        // Care abroad has no area and is rejected by EXCL_ABROAD; no payout is worked out for it.
        boolean rejected = rules.has(Rejection.class) || area == null;
        Amounts amounts;
        if (rejected) {
            amounts = Amounts.rejected(claim.getTotal(), claim.getSelfPay());
        } else {
            DmnRun payout = ruleset.evaluate(PAYOUT, payoutInputs(claim, area, rules));
            fired.addAll(payout.fired());
            rowOutputsByCode.putAll(payoutRows(payout));
            codes.addAll(rowOutputsByCode.keySet());
            amounts = PayoutCalculator.calculate(claim.getTotal(), claim.getSelfPay(),
                    Money.orZero(request.priorPaidThisYear()), claim.getStayDays(), terms(payout));
        }
        Outcome outcome = rejected ? Outcome.REJECTED : Outcome.APPROVED;
        return new ClaimDecision(outcome, area, amounts, ruleset.reasons().describe(codes, rowOutputsByCode), List.copyOf(fired));
    }

    private static Map<String, Object> payoutInputs(Claim claim, Area area, DrlRun rules) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("Insured city", claim.getInsuredCity());
        inputs.put("Scheme", claim.getScheme().name());
        inputs.put("Status", claim.getStatus().name());
        inputs.put("Care type", claim.getCareType().name());
        inputs.put("Provider kind", claim.getProviderKind().name());
        inputs.put("Hospital level", claim.getLevel());
        inputs.put("Designated", claim.isDesignated());
        inputs.put("Area", area.name());
        inputs.put("Unfiled", rules.has(NoValidFiling.class));
        inputs.put("Emergency", claim.isEmergency());
        inputs.put("Settlement", claim.getSettlement().name());
        inputs.put("Valid filing type", rules.first(ValidFiling.class).map(valid -> valid.getType().name()).orElse(null));
        inputs.put("Extension approved", rules.first(ValidFiling.class).map(ValidFiling::isExtensionApproved).orElse(false));
        inputs.put("Stay days", claim.getStayDays());
        return inputs;
    }

    private static PayoutTerms terms(DmnRun payout) {
        Map<String, Object> base = payout.structure(BASE_POLICY);
        Map<String, Object> reduction = payout.structure(RATIO_REDUCTION);
        Map<String, Object> referral = payout.structure(REFERRAL_DAY_LIMIT);
        if (base == null || reduction == null) {
            throw new IllegalStateException("the payout tables have no row for this claim (" + BASE_POLICY + ": " + base
                    + ", " + RATIO_REDUCTION + ": " + reduction + ")");
        }
        return new PayoutTerms((BigDecimal) base.get("deductible"), (BigDecimal) base.get("baseRatio"),
                (BigDecimal) base.get("annualCap"), (BigDecimal) reduction.get("points"),
                referral == null ? null : (BigDecimal) referral.get("coveredDays"));
    }

    /** The reason code of each payout table row that reports one, with that row's outputs (its text may quote them). */
    private static Map<String, Map<String, Object>> payoutRows(DmnRun payout) {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        for (String decision : List.of(RATIO_REDUCTION, REFERRAL_DAY_LIMIT)) {
            Map<String, Object> result = payout.structure(decision);
            if (result != null && result.get("code") != null) {
                rows.put((String) result.get("code"), result);
            }
        }
        return rows;
    }
}
