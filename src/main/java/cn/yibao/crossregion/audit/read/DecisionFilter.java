package cn.yibao.crossregion.audit.read;

import cn.yibao.crossregion.api.validation.FieldError;
import cn.yibao.crossregion.api.validation.FieldProblem;
import cn.yibao.crossregion.audit.PersonIdHasher;
import cn.yibao.crossregion.facts.DecisionType;
import cn.yibao.crossregion.facts.Outcome;
import jakarta.ws.rs.QueryParam;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/**
 * The query parameters that select decisions, shared by the list and the export. A person is
 * found by the raw id, which is hashed here and goes no further.
 */
public class DecisionFilter {

    @QueryParam("type") String type;
    @QueryParam("outcome") String outcome;
    @QueryParam("reasonCode") String reasonCode;
    /** A DRL rule name, or model/decision/row of a DMN table row. */
    @QueryParam("rule") String rule;
    @QueryParam("claimId") String claimId;
    @QueryParam("personId") String personId;
    @QueryParam("insuredRegion") String insuredRegion;
    @QueryParam("treatmentRegion") String treatmentRegion;
    @QueryParam("rulesetVersion") String rulesetVersion;
    /** An instant, or a day in audit.time-zone (from its start). */
    @QueryParam("from") String from;
    /** An instant (exclusive), or a day in audit.time-zone (to its end). */
    @QueryParam("to") String to;

    DecisionQuery toQuery(ZoneId zone, PersonIdHasher personIds, List<FieldError> errors) {
        String[][] texts = {{"type", type}, {"outcome", outcome}, {"reasonCode", reasonCode}, {"rule", rule}, {"claimId", claimId},
                {"personId", personId}, {"insuredRegion", insuredRegion}, {"treatmentRegion", treatmentRegion},
                {"rulesetVersion", rulesetVersion}, {"from", from}, {"to", to}};
        for (String[] text : texts) {
            // A database refuses some control characters (PostgreSQL: NUL) in a query; no real value has any.
            if (text[1] != null && text[1].codePoints().anyMatch(Character::isISOControl)) {
                errors.add(FieldProblem.CONTROL_CHARACTERS.at(text[0]));
            }
        }
        return new DecisionQuery(oneOf("type", type, DecisionType.values(), errors), oneOf("outcome", outcome, Outcome.values(), errors),
                blankToNull(reasonCode), blankToNull(rule), blankToNull(claimId), personIds.hash(blankToNull(personId)),
                blankToNull(insuredRegion), blankToNull(treatmentRegion), blankToNull(rulesetVersion),
                TimeBounds.parse("from", from, zone, false, errors), TimeBounds.parse("to", to, zone, true, errors));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String oneOf(String field, String value, Enum<?>[] allowed, List<FieldError> errors) {
        String given = blankToNull(value);
        if (given != null && Arrays.stream(allowed).noneMatch(candidate -> candidate.name().equals(given))) {
            errors.add(FieldProblem.ONE_OF.at(field, String.join(", ", Arrays.stream(allowed).map(Enum::name).toList())));
        }
        return given;
    }
}
