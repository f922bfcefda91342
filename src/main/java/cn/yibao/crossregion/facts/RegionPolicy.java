package cn.yibao.crossregion.facts;

/** The insured region's own settings, as the DMN model {@code regions} decided them. */
public class RegionPolicy {

    private final boolean filingRequiredIntraProvince;

    public RegionPolicy(boolean filingRequiredIntraProvince) {
        this.filingRequiredIntraProvince = filingRequiredIntraProvince;
    }

    public boolean isFilingRequiredIntraProvince() { return filingRequiredIntraProvince; }
}
