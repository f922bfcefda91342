package cn.yibao.crossregion.audit;

import cn.yibao.crossregion.api.validation.ErrorResponse;
import cn.yibao.crossregion.api.validation.FieldError;
import cn.yibao.crossregion.api.validation.FieldProblem;
import cn.yibao.crossregion.api.JsonSettings;
import cn.yibao.crossregion.security.Role;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Recorded decisions as CSV or JSON lines, streamed a batch at a time, never loaded whole. */
@Path("/api/v1/decisions/export")
@Tag(name = "audit")
@RolesAllowed(Role.AUDITOR)
public class ExportResource {

    private static final int BATCH = 500;
    private static final String CSV_HEADER = "decisionId,type,claimId,outcome,personId,insuredRegion,treatmentRegion,"
            + "rulesetVersion,evaluatedAt,payable,reasonCodes,firedRules,chainId,chainSeq,recordHash";

    private final ObjectMapper json;
    private final ZoneId zone;
    private final PersonIdHasher personIds;

    public ExportResource(ObjectMapper json, @ConfigProperty(name = "audit.time-zone", defaultValue = "Asia/Shanghai") ZoneId zone,
                          PersonIdHasher personIds) {
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
            Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            if (csv) {
                writer.write(CSV_HEADER + "\n");
            }
            try {
                query.forEachBatch(BATCH, records -> {
                    try {
                        for (DecisionRecord record : records) {
                            writer.write(csv ? csvLine(record) : jsonLine(record));
                        }
                        writer.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            writer.flush();
        };
        return Response.ok(body, csv ? "text/csv; charset=UTF-8" : "application/x-ndjson; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=decisions." + format)
                .build();
    }

    private String csvLine(DecisionRecord record) {
        JsonNode response = read(record.responseJson);
        String fired = record.trace.firedRules.stream().map(row -> row.ruleKey).collect(Collectors.joining("; "));
        return String.join(",", csv(record.id), csv(record.decisionType), csv(record.claimId), csv(record.outcome),
                csv(record.personIdMasked), csv(record.insuredRegion), csv(record.treatmentRegion), csv(record.rulesetVersion),
                csv(record.evaluatedAt.toString()), csv(response.path("amounts").path("payable").asText("")),
                csv(String.join(";", record.trace.reasonCodes)), csv(fired), csv(record.chainId),
                csv(record.chainSeq == null ? null : record.chainSeq.toString()), csv(record.recordHash)) + "\n";
    }

    private String jsonLine(DecisionRecord record) throws JsonProcessingException {
        ObjectNode line = json.createObjectNode();
        line.put("decisionId", record.id);
        line.put("type", record.decisionType);
        line.put("claimId", record.claimId);
        line.put("outcome", record.outcome);
        line.put("personId", record.personIdMasked);
        line.put("rulesetVersion", record.rulesetVersion);
        line.put("evaluatedAt", record.evaluatedAt.toString());
        line.put("chainId", record.chainId);
        line.put("chainSeq", record.chainSeq);
        line.put("recordHash", record.recordHash);
        line.set("request", read(record.requestJson));
        line.set("response", read(record.responseJson));
        return json.writeValueAsString(line) + "\n";
    }

    /** RFC 4180 quoting; a leading =, +, - or @ is quoted away so that a spreadsheet never runs it as a formula. */
    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    private JsonNode read(String stored) {
        try {
            return json.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored decision is not JSON", e);
        }
    }
}
