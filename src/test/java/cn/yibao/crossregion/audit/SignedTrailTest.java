package cn.yibao.crossregion.audit;

import cn.yibao.crossregion.TestUsers;
import cn.yibao.crossregion.api.Requests;
import cn.yibao.crossregion.audit.transparency.Checkpoint;
import cn.yibao.crossregion.audit.transparency.CheckpointConfig;
import cn.yibao.crossregion.audit.transparency.Frontier;
import cn.yibao.crossregion.audit.transparency.MerkleHash;
import cn.yibao.crossregion.audit.transparency.MerkleNode;
import cn.yibao.crossregion.audit.transparency.OfflineVerifier;
import cn.yibao.crossregion.audit.transparency.SignedNote;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trail as a transparency log: proofs that an auditor checks offline, and the attacks of a
 * database administrator who rewrites the trail and recomputes every hash the database holds, which
 * the signed checkpoints (in the database, in the checkpoint file, at the witness) expose. Each
 * attack is undone afterwards.
 */
@QuarkusTest
@TestProfile(WitnessedAuditDatabase.class)
class SignedTrailTest extends TestUsers {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager entityManager;

    @Inject
    CheckpointConfig config;

    @Test
    void shouldProveADecisionThatTheOfflineVerifierAcceptsAndNothingElse() throws Exception {
        String decisionId = decide();
        Response first = given().get("/api/v1/decisions/" + decisionId + "/proof");
        if (first.statusCode() == 409) {
            assertTrue(Integer.parseInt(first.header("Retry-After")) >= 1, "409 says when to ask again");
        }
        String proof = proofOf(decisionId);
        Path key = write("key", given().get("/api/v1/audit/public-key").then().statusCode(200)
                .body("algorithm", equalTo("Ed25519")).body("verifierKey", startsWith("cross-region-decisions+"))
                .extract().asString());

        assertTrue(offline(write("proof", proof).toString(), key.toString()).contains(decisionId));
        assertTrue(script(write("proof", proof), key).startsWith("VALID"), "scripts/verify-decision accepts it");

        ObjectNode changedLeaf = (ObjectNode) JSON.readTree(proof);
        byte[] leaf = Base64.getDecoder().decode(changedLeaf.get("leaf").asText());
        String leafText = new String(leaf, StandardCharsets.UTF_8).replace("\"outcome\":\"APPROVED\"", "\"outcome\":\"REJECTED\"");
        changedLeaf.put("leaf", Base64.getEncoder().encodeToString(leafText.getBytes(StandardCharsets.UTF_8)));
        assertInvalid(changedLeaf.toString(), key);

        decide();
        String later = proofOf(decide());
        ObjectNode otherCheckpoint = (ObjectNode) JSON.readTree(proof);
        otherCheckpoint.put("checkpoint", JSON.readTree(later).get("checkpoint").asText());
        assertInvalid(otherCheckpoint.toString(), key);
        otherCheckpoint.put("treeSize", JSON.readTree(later).get("treeSize").asLong());
        assertInvalid(otherCheckpoint.toString(), key);
    }

    @Test
    void shouldKeepEveryCheckpointInTheDatabaseTheFileAndAtTheWitness() throws Exception {
        String decisionId = decide();
        String note = JSON.readTree(proofOf(decisionId)).get("checkpoint").asText();
        String latest = given().get("/api/v1/audit/checkpoint").then().statusCode(200)
                .contentType(containsString("text/plain")).body(startsWith("cross-region-decisions/audit-chain/main\n")).extract().asString();
        Path key = write("key", given().get("/api/v1/audit/public-key").asString());

        String file = Files.readString(config.file());
        assertTrue(file.contains(note), "the checkpoint file holds the checkpoint of the proof");
        assertTrue(offline("checkpoints", config.file().toString(), key.toString()).contains("none shrinking"));
        String witnessed = waitFor(() -> witnessed().contains(latest) ? witnessed() : null);
        assertTrue(witnessed.contains(latest), "the witness got the latest checkpoint");

        long older = Checkpoint.of(SignedNote.parse(note)).size();
        long newer = Checkpoint.of(SignedNote.parse(latest)).size();
        String consistency = given().queryParam("chain", "main").queryParam("first", older).queryParam("second", newer)
                .get("/api/v1/audit/consistency").then().statusCode(200).extract().asString();
        assertTrue(offline("consistency", write("old", note).toString(), write("new", latest).toString(),
                write("consistency", consistency).toString(), key.toString()).contains("extends"));

        given().queryParam("chain", "main").queryParam("first", "two").queryParam("second", newer)
                .get("/api/v1/audit/consistency").then().statusCode(400).body("errors.field", hasItem("first"));
        given().queryParam("first", 1).queryParam("second", 1)
                .get("/api/v1/audit/consistency").then().statusCode(400).body("errors.field", hasItem("chain"));
        given().queryParam("chain", "main").queryParam("first", 1).queryParam("second", newer + 1000)
                .get("/api/v1/audit/consistency").then().statusCode(400).body("errors.field", hasItem("second"));
    }

    @Test
    void shouldNameADecisionRewrittenWithEveryHashOfTheDatabaseRecomputed() {
        List<String> decisions = decideEachUnderACheckpoint(3);
        String target = decisions.get(1);
        rewrite(target, "REJECTED");
        try {
            given().get("/api/v1/audit/verify").then().statusCode(200)
                    .body("ok", equalTo(false))
                    .body("firstBroken.decisionId", equalTo(target))
                    .body("firstBroken.reason", containsString("signed checkpoint"));
        } finally {
            rewrite(target, "APPROVED");
        }
        expectIntact();
    }

    @Test
    void shouldNoticeRecordsDeletedAfterACheckpointCoveredThemThoughTheDatabaseLooksWhole() {
        decideEachUnderACheckpoint(3);
        long length = chainLength();
        sql("create table aside_record as select * from decision_record where chain_id = 'main' and chain_seq > " + (length - 2));
        sql("create table aside_checkpoint as select * from audit_checkpoint where chain_id = 'main' and tree_size > " + (length - 2));
        sql("create table aside_head as select * from audit_chain where chain_id = 'main'");
        try {
            sql("delete from decision_record where chain_id = 'main' and chain_seq > " + (length - 2));
            sql("delete from audit_checkpoint where chain_id = 'main' and tree_size > " + (length - 2));
            sql("update audit_chain set last_seq = " + (length - 2) + ", last_hash = (select record_hash from decision_record where chain_id = 'main' and chain_seq = "
                    + (length - 2) + "), last_decision_id = (select id from decision_record where chain_id = 'main' and chain_seq = " + (length - 2)
                    + ") where chain_id = 'main'");
            rebuildTree();
            given().get("/api/v1/audit/verify").then().statusCode(200)
                    .body("ok", equalTo(false))
                    .body("firstBroken.chainId", equalTo("main"))
                    .body("firstBroken.reason", containsString("records were deleted after a checkpoint covered them"));
        } finally {
            sql("insert into decision_record select * from aside_record");
            sql("insert into audit_checkpoint select * from aside_checkpoint");
            sql("delete from audit_chain where chain_id = 'main'");
            sql("insert into audit_chain select * from aside_head");
            sql("drop table aside_record");
            sql("drop table aside_checkpoint");
            sql("drop table aside_head");
            rebuildTree();
        }
        expectIntact();
    }

    @Test
    void shouldNoticeACheckpointReplacedInTheDatabase() {
        decideEachUnderACheckpoint(1);
        long size = chainLength();
        String note = QuarkusTransaction.requiringNew().call(() -> (String) entityManager
                .createNativeQuery("select note from audit_checkpoint where chain_id = 'main' and tree_size = " + size).getSingleResult());
        Checkpoint signed = Checkpoint.of(SignedNote.parse(note));
        String forged = note.replace(Base64.getEncoder().encodeToString(signed.root()),
                Base64.getEncoder().encodeToString(MerkleHash.leaf("another tree".getBytes(StandardCharsets.UTF_8))));
        setNote(size, forged);
        try {
            given().get("/api/v1/audit/verify").then().statusCode(200)
                    .body("ok", equalTo(false))
                    .body("firstBroken.reason", containsString("signature fails"))
                    .body("firstBroken.reason", containsString("in the database"));
        } finally {
            setNote(size, note);
        }
        expectIntact();
    }

    private List<String> decideEachUnderACheckpoint(int count) {
        List<String> decisions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            decisions.add(decide());
            long length = chainLength();
            waitFor(() -> checkpointSize() >= length ? Boolean.TRUE : null);
        }
        return decisions;
    }

    /**
     * What an administrator can do with the database alone: give the decision another outcome (and a trace
     * that says so, named by its content), recompute every link hash of the chain, the head, and the Merkle tree.
     */
    private void rewrite(String decisionId, String outcome) {
        QuarkusTransaction.requiringNew().run(() -> {
            DecisionRecord record = DecisionRecord.findById(decisionId);
            DecisionTrace trace = new DecisionTrace();
            trace.decisionType = record.trace.decisionType;
            trace.outcome = outcome;
            trace.rulesetVersion = record.trace.rulesetVersion;
            trace.reasonCodes.addAll(record.trace.reasonCodes);
            trace.firedRules.addAll(record.trace.firedRules);
            trace.id = DecisionTrace.idOf(trace);
            if (DecisionTrace.findById(trace.id) == null) {
                trace.persist();
            }
            // Records are immutable entities: an administrator's rewrite goes straight to the tables.
            record.trace = DecisionTrace.findById(trace.id);
            record.outcome = outcome;
            record.responseJson = record.responseJson.replaceFirst("\"outcome\":\"[A-Z_]+\"", "\"outcome\":\"" + outcome + "\"");
            entityManager.createNativeQuery("update decision_record set outcome = ?1, trace_id = ?2, response_deflated = ?3 where id = ?4")
                    .setParameter(1, outcome).setParameter(2, trace.id)
                    .setParameter(3, new DeflatedJson().convertToDatabaseColumn(record.responseJson)).setParameter(4, decisionId)
                    .executeUpdate();
            String previous = AuditChain.GENESIS;
            List<DecisionRecord> chain = DecisionRecord.list("chainId = ?1 order by chainSeq", "main");
            for (DecisionRecord link : chain) {
                link.previousHash = previous;
                link.recordHash = RecordHash.of(link);
                previous = link.recordHash;
                entityManager.createNativeQuery("update decision_record set previous_hash = ?1, record_hash = ?2 where id = ?3")
                        .setParameter(1, link.previousHash).setParameter(2, link.recordHash).setParameter(3, link.id).executeUpdate();
            }
            AuditChain head = AuditChain.findById("main");
            head.lastHash = previous;
        });
        rebuildTree();
    }

    /** The Merkle tree of chain main, made again from its records as they now are. */
    private void rebuildTree() {
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("delete from merkle_node where chain_id = 'main'").executeUpdate();
            Frontier frontier = Frontier.empty();
            for (DecisionRecord link : DecisionRecord.<DecisionRecord>list("chainId = ?1 order by chainSeq", "main")) {
                for (Frontier.Made made : frontier.append(MerkleHash.leaf(RecordHash.leaf(link)))) {
                    MerkleNode node = new MerkleNode();
                    node.chainId = "main";
                    node.nodeLevel = made.node().level();
                    node.nodeIndex = made.node().index();
                    node.hash = made.hash();
                    entityManager.persist(node);
                }
            }
        });
    }

    private void setNote(long size, String note) {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("update audit_checkpoint set note = ?1 where chain_id = 'main' and tree_size = ?2")
                .setParameter(1, note).setParameter(2, size).executeUpdate());
    }

    private void sql(String statement) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(statement).executeUpdate());
    }

    private long chainLength() {
        return QuarkusTransaction.requiringNew().call(() -> AuditChain.<AuditChain>findById("main").lastSeq);
    }

    private static long checkpointSize() {
        Response response = given().get("/api/v1/audit/checkpoint");
        return response.statusCode() == 200 ? Long.parseLong(response.asString().split("\n")[1]) : 0;
    }

    private static void expectIntact() {
        given().get("/api/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true)).body("firstBroken", equalTo(null));
    }

    private static String decide() {
        return given().contentType("application/json").body(Requests.WORKED_EXAMPLE)
                .post("/api/v1/decisions/claim").then().statusCode(200).extract().path("decisionId");
    }

    private static String proofOf(String decisionId) {
        return waitFor(() -> {
            Response response = given().get("/api/v1/decisions/" + decisionId + "/proof");
            return response.statusCode() == 200 ? response.asString() : null;
        });
    }

    private String witnessed() {
        try {
            String url = config.witnesses().orElseThrow().get(0);
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T waitFor(java.util.function.Supplier<T> found) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < until) {
            T value = found.get();
            if (value != null) {
                return value;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("not within 15 s");
    }

    private static String offline(String... args) throws Exception {
        return OfflineVerifier.run(args);
    }

    private static void assertInvalid(String proof, Path key) throws Exception {
        Path file = write("proof", proof);
        assertThrows(OfflineVerifier.Invalid.class, () -> OfflineVerifier.run(new String[] {file.toString(), key.toString()}));
        assertTrue(script(file, key).startsWith("INVALID"), "scripts/verify-decision refuses it too");
    }

    /** scripts/verify-decision as an auditor runs it: a JDK, no database, no service. */
    private static String script(Path proof, Path key) throws Exception {
        Process process = new ProcessBuilder("scripts/verify-decision", proof.toString(), key.toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(out.startsWith("VALID") ? 0 : 1, process.exitValue(), out);
        return out;
    }

    private static Path write(String name, String content) throws Exception {
        Path file = Files.createTempFile("signed-trail-" + name, ".txt");
        Files.writeString(file, content);
        file.toFile().deleteOnExit();
        return file;
    }
}
