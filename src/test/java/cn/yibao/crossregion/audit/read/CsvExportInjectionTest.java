package cn.yibao.crossregion.audit.read;

import cn.yibao.crossregion.TestUsers;
import cn.yibao.crossregion.api.Requests;
import cn.yibao.crossregion.audit.IsolatedAuditDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A claim id is the caller's text and lands in the auditors' CSV: a cell that starts like a formula
 * (=, +, -, @, a tab, a carriage return) must reach the spreadsheet as text, with a leading quote,
 * and the file must parse back to one row per decision and one column per header name.
 * Tab and carriage return are refused in a claim id by validation, so those two are written into
 * stored records with SQL (this class's database is its own) and put back afterwards.
 */
@QuarkusTest
@TestProfile(IsolatedAuditDatabase.class)
class CsvExportInjectionTest extends TestUsers {

    @Inject
    EntityManager entityManager;

    @Test
    void shouldNeutraliseEveryCellThatASpreadsheetWouldRunAsAFormula() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> claimIds = new LinkedHashMap<>();   // decisionId -> the claim id as stored
        for (String claimId : List.of("=HYPERLINK(\"http://evil.example/" + run + "\",\"a, b\")", "+1+cmd|' /C calc'!A0 " + run,
                "-2+3 " + run, "@SUM(1+1) " + run, "plain " + run)) {
            claimIds.put(decide(claimId), claimId);
        }
        List<String> ids = List.copyOf(claimIds.keySet());
        String tab = "\t=1+1 " + run;
        String carriageReturn = "\r=1+1 " + run;
        String tabbed = decide("to be tabbed " + run);
        String returned = decide("to be returned " + run);
        claimIds.put(tabbed, tab);
        claimIds.put(returned, carriageReturn);
        setClaimId(tabbed, tab);
        setClaimId(returned, carriageReturn);
        try {
            String body = given().queryParam("format", "csv").get("/api/v1/decisions/export")
                    .then().statusCode(200).header("Content-Type", containsString("text/csv")).extract().asString();
            int total = given().queryParam("size", 1).get("/api/v1/decisions").then().statusCode(200).extract().path("total");

            List<CSVRecord> rows;
            try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(body))) {
                assertEquals(List.of(ExportResource.CSV_HEADER), parser.getHeaderNames());
                rows = parser.getRecords();
            }
            assertEquals(total, rows.size(), "one row per recorded decision");
            for (CSVRecord row : rows) {
                assertEquals(ExportResource.CSV_HEADER.length, row.size(), "columns of row " + row.getRecordNumber());
            }
            Map<String, CSVRecord> byId = rows.stream().collect(Collectors.toMap(row -> row.get("decisionId"), Function.identity()));

            assertEquals("'" + claimIds.get(ids.get(0)), byId.get(ids.get(0)).get("claimId"));
            assertEquals("'" + claimIds.get(ids.get(1)), byId.get(ids.get(1)).get("claimId"));
            assertEquals("'" + claimIds.get(ids.get(2)), byId.get(ids.get(2)).get("claimId"));
            assertEquals("'" + claimIds.get(ids.get(3)), byId.get(ids.get(3)).get("claimId"));
            assertEquals("plain " + run, byId.get(ids.get(4)).get("claimId"), "text that is no formula stays as it is");
            assertEquals("'" + tab, byId.get(tabbed).get("claimId"));
            assertEquals("'" + carriageReturn, byId.get(returned).get("claimId"));
            for (CSVRecord row : rows) {
                for (String cell : row.values()) {
                    assertTrue(cell.isEmpty() || "=+-@\t\r".indexOf(cell.charAt(0)) < 0, () -> "a cell starts like a formula: " + row);
                }
                // The number columns stay numbers a spreadsheet can sum.
                assertTrue(row.get("payable").matches("\\d+\\.\\d{2}|"), row::toString);
                assertTrue(row.get("chainSeq").matches("\\d+"), row::toString);
            }
            assertEquals("15200.00", byId.get(ids.get(0)).get("payable"));
        } finally {
            setClaimId(tabbed, "to be tabbed " + run);
            setClaimId(returned, "to be returned " + run);
        }
        given().get("/api/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true));
    }

    @Test
    void shouldKeepANegativeNumberANumberAndNeutraliseTextThatIsNoNumber() {
        assertEquals("-12.50", ExportResource.number("-12.50"));
        assertEquals("15200.00", ExportResource.number("15200.00"));
        assertEquals("'-1+2", ExportResource.number("-1+2"));
        assertEquals("'-12.50", ExportResource.text("-12.50"));
        assertEquals("'\tx", ExportResource.text("\tx"));
        assertEquals("'\rx", ExportResource.text("\rx"));
        assertEquals("", ExportResource.number(""));
    }

    private static String decide(String claimId) {
        return given().contentType("application/json")
                .body(Requests.WORKED_EXAMPLE.replace("\"worked-example\"", quoted(claimId)))
                .post("/api/v1/decisions/claim").then().statusCode(200).extract().path("decisionId");
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void setClaimId(String decisionId, String claimId) {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("update decision_record set claim_id = ?1 where id = ?2")
                .setParameter(1, claimId).setParameter(2, decisionId).executeUpdate());
    }
}
