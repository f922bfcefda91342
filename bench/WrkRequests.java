import cn.yibao.crossregion.rules.RulesetSource;
import cn.yibao.crossregion.scenarios.Scenario;
import cn.yibao.crossregion.scenarios.ScenarioSuite;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Writes the request mix of bench/run.sh for bench/load.lua: COUNT requests made from the shipped
 * scenarios (rules-tests/, merged over base-requests.yaml), one a line, "PATH JSON". Each has a
 * claimId of its own (claims) and a person id of its own: the insured region's 6 digits, a birth
 * date, 3 digits and the check digit of GB 11643.
 *
 * java -cp target/classes:<dependencies> bench/WrkRequests.java OUT COUNT (bench/run.sh does)
 */
public class WrkRequests {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = "10X98765432".toCharArray();

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        List<Scenario> scenarios = new ArrayList<>(ScenarioSuite.parse(
                RulesetSource.read(Path.of("rules-drl"), Path.of("rules-dmn"), Path.of("rules-tests")), new ArrayList<>()));
        Random random = new Random(42);  // the same mix every run
        Collections.shuffle(scenarios, random);
        ObjectMapper json = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);  // 23000, not 2.3E+4
        int claims = 0;
        try (PrintWriter lines = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            for (int i = 0; i < count; i++) {
                Scenario scenario = scenarios.get(i % scenarios.size());
                ObjectNode body = (ObjectNode) scenario.request().deepCopy();
                if (scenario.decision().equals("claim")) {
                    body.put("claimId", "bench-" + i);
                    claims++;
                }
                if (body.get("insured") instanceof ObjectNode insured) {
                    insured.put("personId", personId(insured.path("region").asText(insured.path("personId").asText()), random));
                }
                lines.print(scenario.path() + " " + json.writeValueAsString(body) + "\n");  // JSON has no raw newlines
            }
        }
        long scenarioClaims = scenarios.stream().filter(s -> s.decision().equals("claim")).count();
        System.out.printf("request mix: %d requests (%d claims, %d filings), each with its own claim and person id, from the %d scenarios"
                + " of rules-tests/ (%d claims, %d filings)%n", count, claims, count - claims, scenarios.size(), scenarioClaims,
                scenarios.size() - scenarioClaims);
    }

    /** 18 digits: the region's 6, a birth date between 1950 and 2005, 3 random digits, and a check digit that is not X. */
    static String personId(String region, Random random) {
        String prefix = region.matches("\\d{6}.*") ? region.substring(0, 6) : "440700";
        while (true) {
            LocalDate born = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(56 * 365));
            String id = prefix + born.toString().replace("-", "") + String.format("%03d", random.nextInt(1000));
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                sum += (id.charAt(i) - '0') * WEIGHTS[i];
            }
            if (CHECK[sum % 11] != 'X') {
                return id + CHECK[sum % 11];
            }
        }
    }
}
