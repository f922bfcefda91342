package cn.yibao.crossregion.decision;

import cn.yibao.crossregion.api.ClaimRequest;
import cn.yibao.crossregion.api.FilingAction;
import cn.yibao.crossregion.api.FilingRequest;

import java.time.LocalDate;

/**
 * The date whose policy decides a request (POLICY.md §8), and the request field it comes from:
 * a claim's admission date (a stay that spans a change is decided wholly by the policy of its
 * first day), a filing application's filed date, a cancellation's request date.
 */
public record PolicyDate(String field, LocalDate date) {

    public static PolicyDate of(ClaimRequest request) {
        return new PolicyDate("treatment.admissionDate", request.treatment().admissionDate());
    }

    public static PolicyDate of(FilingRequest request) {
        return request.action() == FilingAction.CANCEL
                ? new PolicyDate("requestDate", request.requestDate())
                : new PolicyDate("filing.filedDate", request.filing().filedDate());
    }
}
