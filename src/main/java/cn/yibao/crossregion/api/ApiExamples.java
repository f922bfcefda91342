package cn.yibao.crossregion.api;

/** The request examples of API.md, shown in the OpenAPI description and Swagger UI. */
final class ApiExamples {

    static final String CLAIM = """
            {
              "claimId": "caller's own reference, optional",
              "insured": { "personId": "440703199001011234", "scheme": "EMPLOYEE", "status": "EMPLOYED", "region": "440700" },
              "treatment": {
                "location": "DOMESTIC", "region": "110105", "careType": "INPATIENT", "emergency": false, "cause": "ILLNESS",
                "provider": { "name": "某某医院", "kind": "HOSPITAL", "designated": true, "level": 3 },
                "admissionDate": "2026-03-02", "dischargeDate": "2026-03-12"
              },
              "filing": { "type": "LONG_TERM_RESIDENCE", "filedDate": "2026-01-05", "residenceStartDate": "2025-06-01" },
              "settlement": "DIRECT", "submittedDate": "2026-03-12", "emergencyReportDate": null,
              "expenses": { "total": 23000.00, "selfPay": 3000.00 },
              "priorPaidThisYear": 0.00
            }
            """;

    static final String FILING = """
            {
              "action": "APPLY",
              "insured": { "personId": "440703199001011234", "scheme": "EMPLOYEE", "status": "EMPLOYED", "region": "440700" },
              "treatment": { "location": "DOMESTIC", "region": "110105", "emergency": false, "admissionDate": null, "dischargeDate": null },
              "filing": { "type": "POSTED_WORKER", "filedDate": "2026-02-01", "postingStartDate": "2025-07-15", "employerCertificate": true },
              "requestDate": "2026-02-01"
            }
            """;

    private ApiExamples() {
    }
}
