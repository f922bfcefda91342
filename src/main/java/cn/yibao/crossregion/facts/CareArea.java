package cn.yibao.crossregion.facts;

/** Where the care happened, seen from the insured region (POLICY.md §1). */
public class CareArea {

    private final Area area;

    public CareArea(Area area) {
        this.area = area;
    }

    public Area getArea() { return area; }
}
