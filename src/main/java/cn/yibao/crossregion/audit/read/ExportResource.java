package cn.yibao.crossregion.audit.read;

import cn.yibao.crossregion.api.JsonSettings;
import cn.yibao.crossregion.api.validation.ErrorResponse;
import cn.yibao.crossregion.api.validation.FieldError;
import cn.yibao.crossregion.api.validation.FieldProblem;
import cn.yibao.crossregion.audit.DecisionRecord;
import cn.yibao.crossregion.audit.PersonIdHasher;
import cn.yibao.crossregion.security.Role;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Recorded decisions as CSV or JSON lines, streamed a batch at a time (DecisionSearch.forEachBatch), never loaded whole. */
@Path("/api/v1/decisions/export")
@Tag(name = "audit")
@RolesAllowed(Role.AUDITOR)
public class ExportResource {

    static final int BATCH = 500;
    static final String[] CSV_HEADER = {"decisionId", "type", "claimId", "outcome", "personId", "insuredRegion",
            "treatmentRegion", "rulesetVersion", "evaluatedAt", "payable", "reasonCodes", "firedRules", "chainId", "chainSeq",
            "recordHash"};
    /** RFC 4180 (CRLF between records), every field quoted as before; the header is printed by the format. */
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder()
            .setHeader(CSV_HEADER).setQuoteMode(QuoteMode.ALL).get();
    /** The first characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"). */
    private static final String FORMULA_STARTS = "=+-@\t\r";
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private final ObjectMapper json;
    private final ZoneId zone;
    private final PersonIdHasher personIds;
    private final DecisionSearch search;

    public ExportResource(ObjectMapper json, @ConfigProperty(name = "audit.time-zone", defaultValue = "Asia/Shanghai") ZoneId zone,
                          PersonIdHasher personIds, DecisionSearch search) {
        this.search = search;
        this.json = JsonSettings.exact(json);
        this.zone = zone;
        this.personIds = personIds;
    }

    @GET
    @Operation(summary = "Recorded decisions matching the filters of GET /api/v1/decisions, as format=csv or format=jsonl, streamed")
    public Response export(@BeanParam DecisionFilter filter, @QueryParam("format") @DefaultValue("csv") String format) {
        List<FieldError> errors = new ArrayList<>();
        DecisionQuery query = filter.toQuery(zone, personIds, errors);
        boolean csv = "csv".equals(format);
        if (!csv && !"jsonl".equals(format)) {
            errors.add(FieldProblem.ONE_OF.at("format", "csv, jsonl"));
        }
        if (!errors.isEmpty()) {
            return Response.status(Response.Status.BAD_REQUEST).entity(ErrorResponse.badRequest(errors)).build();
        }
        StreamingOutput body = output -> {
            // Each write to the response is a message to the event loop: hand it 64 KB at a time, not the encoder's 8 KB.
            Writer writer = new BufferedWriter(new OutputStreamWriter(new BufferedOutputStream(output, 1 << 16), StandardCharsets.UTF_8), 1 << 16);
            // Prints the header at once; each batch's rows go out and are flushed before the next batch is read.
            CSVPrinter printer = csv ? new CSVPrinter(writer, CSV) : null;
            search.forEachBatch(query, BATCH, rows -> {
                for (RecordRows.Row row : rows) {
                    if (csv) {
                        printer.printRecord(csvRow(row));
                    } else {
                        writer.write(jsonLine(row.inflate()));
                    }
                }
                writer.flush();
            });
            writer.flush();
        };
        return Response.ok(body, csv ? "text/csv; charset=UTF-8" : "application/x-ndjson; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=decisions." + format)
                .build();
    }

    /** One row in the order of {@link #CSV_HEADER}; every text cell neutralised, the two number columns left numbers. */
    private Object[] csvRow(RecordRows.Row row) {
        DecisionRecord record = row.record;
        String payable = record.payable != null ? record.payable.toPlainString()
                : read(row.inflateResponse().responseJson).path("amounts").path("payable").asText("");
        String fired = record.trace.firedRules.stream().map(rule -> rule.ruleKey).collect(Collectors.joining("; "));
        return new Object[] {text(record.id), text(record.decisionType), text(record.claimId), text(record.outcome),
                text(record.personIdMasked), text(record.insuredRegion), text(record.treatmentRegion), text(record.rulesetVersion),
                text(record.evaluatedAt.toString()), number(payable),
                text(String.join(";", record.trace.reasonCodes)), text(fired), text(record.chainId),
                number(record.chainSeq == null ? null : record.chainSeq.toString()), text(record.recordHash)};
    }

    /** One JSON line; the request and response go out as the very JSON text recorded, not parsed and written again. */
    private String jsonLine(DecisionRecord record) throws IOException {
        StringWriter line = new StringWriter(record.requestJson.length() + record.responseJson.length() + 400);
        try (JsonGenerator out = json.getFactory().createGenerator(line)) {
            out.writeStartObject();
            out.writeStringField("decisionId", record.id);
            out.writeStringField("type", record.decisionType);
            out.writeStringField("claimId", record.claimId);
            out.writeStringField("outcome", record.outcome);
            out.writeStringField("personId", record.personIdMasked);
            out.writeStringField("rulesetVersion", record.rulesetVersion);
            out.writeStringField("evaluatedAt", record.evaluatedAt.toString());
            out.writeStringField("chainId", record.chainId);
            if (record.chainSeq == null) {
                out.writeNullField("chainSeq");
            } else {
                out.writeNumberField("chainSeq", record.chainSeq);
            }
            out.writeStringField("recordHash", record.recordHash);
            out.writeFieldName("request");
            out.writeRawValue(record.requestJson);
            out.writeFieldName("response");
            out.writeRawValue(record.responseJson);
            out.writeEndObject();
        }
        return line.append('\n').toString();
    }

    /**
     * A text cell that a spreadsheet would read as a formula (it starts with =, +, -, @, a tab or a carriage return)
     * gets a leading single quote, so that it shows as the text it is (OWASP "CSV Injection"). Claim ids come from
     * the caller; rule names, chain ids and the rest are neutralised all the same.
     */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    /**
     * A number column (payable, chainSeq) keeps a plain decimal as it is, a negative one included: it cannot be a
     * formula, and a spreadsheet should sum it. Anything else in it is treated as text.
     */
    static String number(String value) {
        return value != null && PLAIN_NUMBER.matcher(value).matches() ? value : text(value);
    }

    private JsonNode read(String stored) {
        try {
            return json.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored decision is not JSON", e);
        }
    }
}
