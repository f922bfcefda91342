package cn.yibao.crossregion.facts;

/**
 * A condition the filing fails. It refuses a filing application; inside a claim it only means
 * that the claim has no valid filing, and POLICY.md §4 decides the claim.
 */
public class FilingDefect extends Finding {

    public FilingDefect(String code) {
        super(code);
    }
}
