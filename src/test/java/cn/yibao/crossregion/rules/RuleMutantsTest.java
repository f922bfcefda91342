package cn.yibao.crossregion.rules;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mutants of the mutation check (README "Mutation check"), made from the shipped rule files:
 * each changes one literal on one line and nothing else, and every kind of number is reached.
 */
class RuleMutantsTest {

    private final RulesetSource shipped = RulesetSource.read(Path.of(RulesetSource.DRL), Path.of(RulesetSource.DMN), null);
    private final List<RuleMutants.Mutant> mutants = RuleMutants.of(shipped);

    @Test
    void shouldChangeOneLineOfOneFileForEachMutant() {
        for (RuleMutants.Mutant mutant : mutants) {
            String[] before = shipped.file(mutant.file()).orElseThrow().content().split("\n", -1);
            String[] after = mutant.mutatedContent().split("\n", -1);
            assertEquals(before.length, after.length, mutant.location());
            int changed = 0;
            for (int i = 0; i < before.length; i++) {
                if (!before[i].equals(after[i])) {
                    changed++;
                    assertEquals(mutant.line(), i + 1, mutant.location());
                }
            }
            assertEquals(1, changed, mutant.location());
            assertNotEquals(mutant.original(), mutant.mutated(), mutant.location());
        }
    }

    @Test
    void shouldReachEveryDmnModelAndTheParameters() {
        Set<String> files = mutants.stream().map(RuleMutants.Mutant::file).collect(Collectors.toSet());
        shipped.in(RulesetSource.DMN, "dmn").forEach(file -> assertTrue(files.contains(file.path()), file.path()));
        assertTrue(files.contains(RuleMutants.PARAMETERS));
        Set<String> operators = mutants.stream().map(RuleMutants.Mutant::operator).collect(Collectors.toSet());
        assertEquals(Set.of("nudge", "boundary", "code"), operators);
    }

    @Test
    void shouldNudgeByOneUnitOfTheLastDigitAndMoveBoundariesByOne() {
        assertEquals("301", RuleMutants.nudge("300"));
        assertEquals("0.86", RuleMutants.nudge("0.85"));
        assertEquals("0.91", RuleMutants.nudge("0.90"));
        assertEquals("0100", RuleMutants.nextCode("0099"));
        RuleFile cells = new RuleFile("rules-dmn/t.dmn", """
                <decision id="d" name="D"><decisionTable id="t">
                <input id="i1" label="Days"/><output id="o1" name="points"/>
                <rule id="r1"><inputEntry id="e1"><text>[0..6)</text></inputEntry><outputEntry id="e2"><text>&gt;= 2</text></outputEntry></rule>
                </decisionTable></decision>""");
        List<String> mutated = RuleMutants.dmn(cells).stream().map(RuleMutants.Mutant::mutated).toList();
        assertEquals(List.of("(0..6)", "[0..6]", "> 2"), mutated);
    }
}
