package cn.yibao.crossregion.rules;

/** One file of a ruleset, named by its path from the repository top ({@code rules-drl/exclusions.drl}). */
public record RuleFile(String path, String content) {

    public String extension() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1);
    }

    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
