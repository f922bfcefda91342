package cn.yibao.crossregion.facts;

/** The claim needs a filing and has none that is eligible and covers the care. */
public class NoValidFiling {
}
