package cn.yibao.crossregion.rules;

/** Why a rule file cannot go live: the file, the line (0 when unknown) and the compiler's words. */
public record RuleProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
