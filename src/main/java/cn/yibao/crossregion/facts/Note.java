package cn.yibao.crossregion.facts;

/** Reported with the decision, without changing its outcome. */
public class Note extends Finding {

    public Note(String code) {
        super(code);
    }
}
