package cn.yibao.crossregion.scenarios;

import com.fasterxml.jackson.databind.JsonNode;

/** One case of rules-tests/: a request (merged over its base) and what the decision must say. */
public record Scenario(String file, int line, String name, String source, String decision, JsonNode request, JsonNode expect) {

    public String path() {
        return "/api/v1/decisions/" + decision;
    }

    public String displayName() {
        return file + ": " + name;
    }
}
