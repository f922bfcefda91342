package cn.yibao.crossregion.rules;

import cn.yibao.crossregion.policy.Parameters;
import cn.yibao.crossregion.policy.PolicyCalendar;
import cn.yibao.crossregion.policy.ReasonCatalogue;
import cn.yibao.crossregion.policy.RegionCodes;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.ast.DecisionNode;
import org.kie.dmn.model.api.DecisionRule;
import org.kie.dmn.model.api.DecisionTable;
import org.kie.dmn.model.api.LiteralExpression;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns rule files into a {@link Ruleset}, or refuses them with every problem it finds, each
 * naming its file and line. Beyond what Drools and the DMN validator check, it checks that the
 * files agree with each other: every parameter a rule reads exists, every reason code a rule or
 * table row produces has its texts, and the DMN decisions the service calls are there.
 */
@ApplicationScoped
public class RulesetCompiler {

    private static final Logger LOG = Logger.getLogger(RulesetCompiler.class);

    private static final Pattern PARAMETER_USE = Pattern.compile("parameters\\.\\w+\\(\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern CODE_USE = Pattern.compile("new\\s+(?:Rejection|Note|FilingDefect)\\(\\s*\"([^\"]+)\"\\s*\\)");

    /** DRL files and what they compiled to, kept for the next compile. */
    private record CompiledDrl(List<RuleFile> files, DrlCompiler.Compiled compiled) {
    }

    /**
     * The DRL of the last ruleset this compiler built. The KieBase depends on the DRL files alone
     * (parameters and the calendar are globals, set on each session), so a ruleset with the same
     * DRL files (a draft that changes a table or a parameter, a mutant of the mutation check)
     * shares it instead of compiling it again: the executable model is most of a compile.
     */
    private final AtomicReference<CompiledDrl> lastDrl = new AtomicReference<>();

    public Ruleset compile(RulesetSource source) {
        long started = System.nanoTime();
        List<RuleProblem> problems = new ArrayList<>();

        PolicyFiles policyFiles = new PolicyFiles(source, problems);
        Parameters parameters = policyFiles.parameters();
        PolicyCalendar calendar = policyFiles.calendar();
        ReasonCatalogue reasons = policyFiles.reasons(parameters);
        RegionCodes regionCodes = regionCodes(parameters, problems);
        checkDrlReferences(source, parameters, reasons, problems);

        DrlCompiler.Compiled drl = drl(source, problems);
        DmnCompiler.Compiled dmn = new DmnCompiler().compile(source, problems);
        if (dmn != null) {
            checkDmnContract(dmn, reasons, problems);
        }
        Map<String, Object> globals = drl == null ? Map.of() : drlGlobals(drl, parameters, calendar, problems);
        if (!problems.isEmpty()) {
            throw new RulesetInvalidException(problems);
        }
        dmn.warnings().forEach(warning -> LOG.debugf("ruleset %s: %s", source.version(), warning));
        LOG.infof("compiled ruleset %s (%d files, %d DMN analysis notes) in %d ms", source.version(), source.files().size(),
                dmn.warnings().size(), (System.nanoTime() - started) / 1_000_000);
        Map<String, DMNModel> models = new HashMap<>();
        dmn.runtime().getModels().forEach(model -> models.put(model.getName(), model));
        return new Ruleset(source, drl.kieBase(), drl.fileOfRule(), globals, dmn.runtime(), Map.copyOf(models), dmn.fileOfModel(),
                parameters, calendar, regionCodes, reasons, dmn.warnings());
    }

    private DrlCompiler.Compiled drl(RulesetSource source, List<RuleProblem> problems) {
        List<RuleFile> files = source.in(RulesetSource.DRL, "drl");
        CompiledDrl last = lastDrl.get();
        if (last != null && last.files().equals(files)) {
            return last.compiled();
        }
        DrlCompiler.Compiled compiled = new DrlCompiler().compile(source, problems);
        if (compiled != null) {
            lastDrl.set(new CompiledDrl(files, compiled));
        }
        return compiled;
    }

    /**
     * The values of the globals the DRL files declare, resolved once per ruleset. A rule file may
     * declare {@code parameters} and {@code calendar}; any other global would stay null and fail
     * a decision, so it stops the ruleset instead.
     */
    private static Map<String, Object> drlGlobals(DrlCompiler.Compiled drl, Parameters parameters, PolicyCalendar calendar,
                                                  List<RuleProblem> problems) {
        Map<String, Object> known = new HashMap<>();
        known.put("parameters", parameters);
        known.put("calendar", calendar);
        Map<String, Object> globals = new HashMap<>();
        drl.kieBase().getKiePackages().forEach(pkg -> pkg.getGlobalVariables().forEach(global -> {
            if (known.containsKey(global.getName())) {
                globals.put(global.getName(), known.get(global.getName()));
            } else {
                problems.add(new RuleProblem(RulesetSource.DRL, 0, "global " + global.getName()
                        + " is not provided by the service (only parameters and calendar are)"));
            }
        }));
        return globals;
    }

    private static RegionCodes regionCodes(Parameters parameters, List<RuleProblem> problems) {
        try {
            return new RegionCodes(new HashSet<>(parameters.strings("municipalityProvinces")));
        } catch (IllegalArgumentException e) {
            problems.add(new RuleProblem("rules-drl/" + PolicyFiles.PARAMETERS, 0, e.getMessage()));
            return null;
        }
    }

    private static void checkDrlReferences(RulesetSource source, Parameters parameters, ReasonCatalogue reasons,
                                           List<RuleProblem> problems) {
        for (RuleFile file : source.in(RulesetSource.DRL, "drl")) {
            Matcher parameter = PARAMETER_USE.matcher(file.content());
            while (parameter.find()) {
                if (!parameters.names().contains(parameter.group(1))) {
                    problems.add(new RuleProblem(file.path(), lineAt(file.content(), parameter.start()),
                            "parameter \"" + parameter.group(1) + "\" is not in " + PolicyFiles.PARAMETERS));
                }
            }
            Matcher code = CODE_USE.matcher(file.content());
            while (code.find()) {
                if (reasons.find(code.group(1)).isEmpty()) {
                    problems.add(new RuleProblem(file.path(), lineAt(file.content(), code.start()),
                            "reason code " + code.group(1) + " is not in " + PolicyFiles.REASONS));
                } else if (!reasons.get(code.group(1)).rowOutputs().isEmpty()) {
                    problems.add(new RuleProblem(file.path(), lineAt(file.content(), code.start()), "reason code " + code.group(1)
                            + " quotes a table row's outputs " + reasons.get(code.group(1)).rowOutputs()
                            + " in " + PolicyFiles.REASONS + ", but a DRL rule, which has no row, reports it"));
                }
            }
        }
    }

    private static void checkDmnContract(DmnCompiler.Compiled dmn, ReasonCatalogue reasons, List<RuleProblem> problems) {
        DmnContract.REQUIRED_DECISIONS.forEach((modelName, decisions) -> {
            DMNModel model = dmn.runtime().getModels().stream().filter(m -> m.getName().equals(modelName)).findFirst().orElse(null);
            if (model == null) {
                problems.add(new RuleProblem("rules-dmn", 0, "no DMN model named \"" + modelName + "\""));
                return;
            }
            for (String decision : decisions) {
                if (model.getDecisionByName(decision) == null) {
                    problems.add(new RuleProblem(dmn.fileOfModel().get(modelName), 0,
                            "model \"" + modelName + "\" has no decision \"" + decision + "\""));
                }
            }
        });
        for (DMNModel model : dmn.runtime().getModels()) {
            for (DecisionNode decision : model.getDecisions()) {
                if (decision.getDecision().getExpression() instanceof DecisionTable table) {
                    checkCodes(dmn.fileOfModel().get(model.getName()), decision.getName(), table, reasons, problems);
                }
            }
        }
    }

    private static void checkCodes(String file, String decision, DecisionTable table, ReasonCatalogue reasons,
                                   List<RuleProblem> problems) {
        int codeColumn = -1;
        for (int i = 0; i < table.getOutput().size(); i++) {
            if (DmnContract.CODE_OUTPUT.equals(table.getOutput().get(i).getName())) {
                codeColumn = i;
            }
        }
        if (codeColumn < 0) {
            return;
        }
        List<String> outputs = table.getOutput().stream().map(output -> output.getName()).toList();
        List<DecisionRule> rows = table.getRule();
        for (int row = 0; row < rows.size(); row++) {
            LiteralExpression entry = rows.get(row).getOutputEntry().get(codeColumn);
            String code = entry.getText().trim().replace("\"", "");
            if (code.equals("null") || code.isEmpty()) {
                continue;
            }
            if (reasons.find(code).isEmpty()) {
                problems.add(new RuleProblem(file, 0, "\"" + decision + "\" row " + (row + 1) + ": reason code " + code
                        + " is not in " + PolicyFiles.REASONS));
            } else if (!outputs.containsAll(reasons.get(code).rowOutputs())) {
                problems.add(new RuleProblem(file, 0, "\"" + decision + "\" row " + (row + 1) + ": the text of " + code + " in "
                        + PolicyFiles.REASONS + " quotes " + reasons.get(code).rowOutputs() + ", but the table's outputs are " + outputs));
            }
        }
    }

    static int lineOf(String content, Pattern pattern) {
        Matcher matcher = pattern.matcher(content);
        return matcher.find() ? lineAt(content, matcher.start()) : 0;
    }

    static int lineAt(String content, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (content.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
