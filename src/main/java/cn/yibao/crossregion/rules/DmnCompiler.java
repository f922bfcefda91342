package cn.yibao.crossregion.rules;

import org.kie.api.io.Resource;
import org.kie.dmn.api.core.DMNMessage;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.core.internal.utils.DMNRuntimeBuilder;
import org.kie.dmn.validation.DMNValidator;
import org.kie.dmn.validation.DMNValidatorFactory;
import org.kie.internal.io.ResourceFactory;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.kie.dmn.validation.DMNValidator.Validation.ANALYZE_DECISION_TABLE;
import static org.kie.dmn.validation.DMNValidator.Validation.VALIDATE_MODEL;
import static org.kie.dmn.validation.DMNValidator.Validation.VALIDATE_SCHEMA;

/**
 * Validates the DMN models of a ruleset (schema, model, decision-table analysis) and builds one
 * DMN runtime from them. Validation errors and warnings name the file and, where the validator
 * points at an element, its line.
 */
final class DmnCompiler {

    private static final Pattern LINE_IN_MESSAGE = Pattern.compile("lineNumber: (\\d+)");
    private static final Pattern RULE_ELEMENT = Pattern.compile("<(?:\\w+:)?rule[\\s>]");

    /**
     * The decision-table analysis (gaps, overlaps) grows with the square of the rows: 9 s at
     * 1,000 rows, beyond minutes at 16,000. Larger models are validated (schema, model) but not
     * analysed, and the draft says so; the scenarios still run.
     */
    static final int MAX_RULES_TO_ANALYSE = 1_000;

    record Compiled(DMNRuntime runtime, Map<String, String> fileOfModel, List<RuleProblem> warnings) {
    }

    Compiled compile(RulesetSource source, List<RuleProblem> problems) {
        List<RuleFile> dmnFiles = source.in(RulesetSource.DMN, "dmn");
        List<RuleProblem> warnings = new ArrayList<>();
        DMNValidator validator = DMNValidatorFactory.newValidator();
        try {
            for (RuleFile file : dmnFiles) {
                boolean analyse = rulesIn(file) <= MAX_RULES_TO_ANALYSE;
                if (!analyse) {
                    warnings.add(new RuleProblem(file.path(), 0, "NOT_ANALYSED: more than " + MAX_RULES_TO_ANALYSE
                            + " decision-table rules; the tables are validated but not analysed for gaps and overlaps"));
                }
                List<DMNMessage> messages = (analyse ? validator.validateUsing(VALIDATE_SCHEMA, VALIDATE_MODEL, ANALYZE_DECISION_TABLE)
                        : validator.validateUsing(VALIDATE_SCHEMA, VALIDATE_MODEL))
                        .theseModels(new StringReader(file.content()));
                for (DMNMessage message : messages) {
                    RuleProblem problem = new RuleProblem(file.path(), lineOf(message, file), describe(message));
                    if (message.getSeverity() == DMNMessage.Severity.ERROR) {
                        problems.add(problem);
                    } else if (message.getSeverity() == DMNMessage.Severity.WARN) {
                        warnings.add(problem);
                    }
                }
            }
        } finally {
            validator.dispose();
        }
        if (!problems.isEmpty()) {
            return null;
        }

        List<Resource> resources = dmnFiles.stream().map(file -> {
            Resource resource = ResourceFactory.newReaderResource(new StringReader(file.content()), "UTF-8");
            resource.setSourcePath(file.path());
            return resource;
        }).toList();
        DMNRuntime runtime;
        try {
            runtime = DMNRuntimeBuilder.fromDefaults().setDecisionLogicCompilerFactory(IndexingDecisionTableCompiler.factory())
                    .buildConfiguration().fromResources(resources)
                    .getOrElseThrow(e -> new IllegalStateException(e.getMessage(), e));
            runtime.addListener(new DmnRun.SelectedRows());
        } catch (RuntimeException e) {
            problems.add(new RuleProblem("rules-dmn", 0, e.getMessage()));
            return null;
        }
        Map<String, String> fileOfModel = new HashMap<>();
        for (DMNModel model : runtime.getModels()) {
            String file = model.getResource() != null && model.getResource().getSourcePath() != null
                    ? model.getResource().getSourcePath() : "rules-dmn";
            model.getMessages(DMNMessage.Severity.ERROR).forEach(message ->
                    problems.add(new RuleProblem(file, lineOf(message, source.file(file).orElse(null)), describe(message))));
            fileOfModel.put(model.getName(), file);
        }
        return problems.isEmpty() ? new Compiled(runtime, fileOfModel, warnings) : null;
    }

    private static int rulesIn(RuleFile file) {
        return (int) RULE_ELEMENT.matcher(file.content()).results().count();
    }

    private static String describe(DMNMessage message) {
        String where = message.getSourceId() != null ? " [element " + message.getSourceId() + "]" : "";
        return message.getMessageType() + ": " + message.getText() + where;
    }

    /** The line the validator names, or the line of the element it points at. */
    private static int lineOf(DMNMessage message, RuleFile file) {
        Matcher inText = LINE_IN_MESSAGE.matcher(String.valueOf(message.getText()));
        if (inText.find()) {
            return Integer.parseInt(inText.group(1));
        }
        if (file == null || message.getSourceId() == null) {
            return 0;
        }
        int at = file.content().indexOf("id=\"" + message.getSourceId() + "\"");
        return at < 0 ? 0 : RulesetCompiler.lineAt(file.content(), at);
    }
}
