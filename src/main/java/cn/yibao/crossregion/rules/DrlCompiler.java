package cn.yibao.crossregion.rules;

import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Compiles the DRL files of a ruleset into one KieBase (Drools executable model, at run time). */
final class DrlCompiler {

    private static final String KJAR_FOLDER = "src/main/resources/crossregion/";

    record Compiled(KieBase kieBase, Map<String, String> fileOfRule) {
    }

    Compiled compile(RulesetSource source, List<RuleProblem> problems) {
        List<RuleFile> drlFiles = source.withExtension("drl");
        Map<String, String> fileOfRule = mapRulesToFiles(drlFiles, problems);
        if (!problems.isEmpty()) {
            return null;
        }

        KieServices kieServices = KieServices.Factory.get();
        ReleaseId releaseId = kieServices.newReleaseId("cn.yibao.rules", "ruleset",
                "1.0.0-" + source.version().substring("sha256:".length(), "sha256:".length() + 16));
        KieFileSystem kfs = kieServices.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        for (RuleFile file : drlFiles) {
            kfs.write(KJAR_FOLDER + file.name(), file.content());
        }
        KieBuilder builder = kieServices.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        for (Message message : builder.getResults().getMessages(Message.Level.ERROR)) {
            problems.add(new RuleProblem(originalPath(message.getPath(), drlFiles), message.getLine(), message.getText()));
        }
        if (!problems.isEmpty()) {
            return null;
        }
        KieBase kieBase = kieServices.newKieContainer(releaseId).getKieBase();
        return new Compiled(kieBase, fileOfRule);
    }

    /** Rule names are unique across files: the fired-rule list and the audit trail name a rule by it. */
    private Map<String, String> mapRulesToFiles(List<RuleFile> drlFiles, List<RuleProblem> problems) {
        Map<String, String> fileOfRule = new HashMap<>();
        for (RuleFile file : drlFiles) {
            DrlParser parser = new DrlParser();
            try {
                PackageDescr descr = parser.parse(false, file.content());
                parser.getErrors().forEach(error -> problems.add(new RuleProblem(file.path(), lineOf(error.getLines()), error.getMessage())));
                if (descr == null) {
                    continue;
                }
                for (RuleDescr rule : descr.getRules()) {
                    String earlier = fileOfRule.putIfAbsent(rule.getName(), file.path());
                    if (earlier != null) {
                        problems.add(new RuleProblem(file.path(), rule.getLine(),
                                "rule \"" + rule.getName() + "\" is also defined in " + earlier));
                    }
                }
            } catch (DroolsParserException e) {
                problems.add(new RuleProblem(file.path(), 0, e.getMessage()));
            }
        }
        return fileOfRule;
    }

    private static int lineOf(int[] lines) {
        return lines == null || lines.length == 0 ? 0 : lines[0];
    }

    private static String originalPath(String kjarPath, List<RuleFile> drlFiles) {
        if (kjarPath == null) {
            return "rules-drl";
        }
        String name = kjarPath.substring(kjarPath.lastIndexOf('/') + 1);
        return drlFiles.stream().filter(file -> file.name().equals(name)).map(RuleFile::path).findFirst().orElse(kjarPath);
    }
}
