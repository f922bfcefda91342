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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compiles the DRL files of a ruleset into one KieBase (Drools executable model, at run time). */
final class DrlCompiler {

    private static final Pattern WORD = Pattern.compile("\\b[A-Za-z_]\\w{2,}\\b");
    private static final String KJAR_FOLDER = "src/main/resources/crossregion/";

    record Compiled(KieBase kieBase, Map<String, String> fileOfRule) {
    }

    Compiled compile(RulesetSource source, List<RuleProblem> problems) {
        List<RuleFile> drlFiles = source.in(RulesetSource.DRL, "drl");
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
            String path = originalPath(message.getPath(), drlFiles);
            int line = message.getLine() > 0 ? message.getLine()
                    : drlFiles.stream().filter(file -> file.path().equals(path)).findFirst()
                    .map(file -> lineNamedBy(message.getText(), file.content())).orElse(0);
            problems.add(new RuleProblem(path, line, message.getText()));
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

    /**
     * The executable-model compiler reports some type errors without a line ("Method isAfterr on
     * class java.time.LocalDate ... is missing"). The line is then the one line of the file that
     * holds a word of the message that occurs nowhere else in the file.
     */
    static int lineNamedBy(String message, String content) {
        Matcher word = WORD.matcher(message);
        while (word.find()) {
            Matcher inFile = Pattern.compile("\\b" + Pattern.quote(word.group()) + "\\b").matcher(content);
            if (inFile.find()) {
                int at = inFile.start();
                if (!inFile.find()) {
                    return RulesetCompiler.lineAt(content, at);
                }
            }
        }
        return 0;
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
