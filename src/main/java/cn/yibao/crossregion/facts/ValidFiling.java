package cn.yibao.crossregion.facts;

/** A filing against which no rule found a defect: accepted, or covering the claim's care. */
public class ValidFiling {

    private final Filing filing;

    public ValidFiling(Filing filing) {
        this.filing = filing;
    }

    public Filing getFiling() { return filing; }
    public FilingType getType() { return filing.getType(); }
    public boolean isExtensionApproved() { return filing.isExtensionApproved(); }
}
