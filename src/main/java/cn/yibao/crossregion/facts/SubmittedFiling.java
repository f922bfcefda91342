package cn.yibao.crossregion.facts;

/**
 * The filing a claim was sent with. The rules judge it only when the claim needs a filing
 * (POLICY.md §4: otherwise it is ignored), by inserting the wrapped {@link Filing}.
 */
public class SubmittedFiling {

    private final Filing filing;

    public SubmittedFiling(Filing filing) {
        this.filing = filing;
    }

    public Filing getFiling() { return filing; }
}
