package cn.yibao.crossregion.facts;

/** The claim is paid in full only on an eligible filing that covers it (POLICY.md §4). */
public class NeedsFiling {
}
