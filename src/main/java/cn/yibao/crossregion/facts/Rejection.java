package cn.yibao.crossregion.facts;

/** Rejects the decision it is found in: the claim is REJECTED, or the filing request refused. */
public class Rejection extends Finding {

    public Rejection(String code) {
        super(code);
    }
}
