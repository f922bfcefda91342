package cn.yibao.crossregion.api;

/** Request bodies shared by the hand-written tests. */
public final class Requests {

    /** The claim of API.md (src/test/resources/worked-example.json): it pays 15200.00. */
    public static final String WORKED_EXAMPLE = resource("/worked-example.json");

    /** The filing application of API.md: a posted worker, accepted. */
    public static final String POSTED_WORKER_FILING = """
            {
              "action": "APPLY",
              "insured": { "personId": "440703199001011234", "scheme": "EMPLOYEE", "status": "EMPLOYED", "region": "440700" },
              "treatment": { "location": "DOMESTIC", "region": "110105", "emergency": false, "admissionDate": null, "dischargeDate": null },
              "filing": { "type": "POSTED_WORKER", "filedDate": "2026-02-01", "postingStartDate": "2025-07-15", "employerCertificate": true },
              "requestDate": "2026-02-01"
            }
            """;

    private Requests() {
    }

    private static String resource(String name) {
        try (var in = Requests.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("test resource " + name + " is missing", e);
        }
    }
}
