package cn.yibao.crossregion.audit.read;

import cn.yibao.crossregion.audit.AuditChain;
import cn.yibao.crossregion.audit.DecisionRecord;
import cn.yibao.crossregion.audit.DecisionTrace;
import cn.yibao.crossregion.audit.RecordHash;
import cn.yibao.crossregion.audit.RecordedPayable;
import cn.yibao.crossregion.audit.transparency.Frontier;
import cn.yibao.crossregion.audit.transparency.MerkleHash;
import cn.yibao.crossregion.audit.transparency.SignedCheckpoints;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Recomputes every hash chain from its first link to its head. A record changed in place
 * (outcome, an amount, a reason, a fired rule…) no longer matches its hash; a deleted one
 * leaves a gap in the sequence or a head that does not match the last link. A trace changed in
 * place no longer matches the records that name it, nor, where it is named by its content, its id.
 * <p>
 * The chain alone convinces only while no one can recompute it. So each chain's Merkle tree is
 * recomputed from the records too, and held against the stored tree (leaf by leaf) and against every
 * signed checkpoint, from the database and from the checkpoint file: a record rewritten with every
 * hash after it recomputed no longer gives the root that a checkpoint signed, and records deleted
 * after a checkpoint covered them leave the chain shorter than that checkpoint.
 * <p>
 * At volume: one thread reads the links with plain JDBC ({@link RecordRows}) in ranges of the chain's
 * sequence, a pool on every core inflates and hashes each range, and the reading thread checks the
 * hashed ranges in order (the links, the Merkle tree, the checkpoints). At most {@link #IN_FLIGHT}
 * ranges are read ahead, so memory stays the same whatever the length of the chain.
 */
@ApplicationScoped
public class AuditVerifier {

    /** Links are read this many at a time, by sequence range, so a chain of any length fits in memory. */
    static final int STRIDE = 4096;
    /** Ranges read and handed to the hashers but not yet checked in order. */
    private static final int IN_FLIGHT = 6;

    private final SignedCheckpoints signedCheckpoints;
    private final AgroalDataSource database;

    public AuditVerifier(SignedCheckpoints signedCheckpoints, AgroalDataSource database) {
        this.signedCheckpoints = signedCheckpoints;
        this.database = database;
    }

    public record Broken(String decisionId, String chainId, Long seq, String reason) {
    }

    /** {@code checkpoints}: signed checkpoints checked, from the database and the checkpoint file. */
    public record Report(boolean ok, long checked, int chains, Broken firstBroken, int checkpoints) {
    }

    /** A link as hashed off the reading thread: what it checked of the link alone, and its leaf hashes (recomputed and stored). */
    private record Hashed(DecisionRecord link, boolean hashIntact, boolean payableIntact, boolean traceIntact, byte[] leafHash, byte[] storedLeaf) {
    }

    public Report verify() {
        return verify(checkedSoFar -> {
        });
    }

    /** As {@link #verify()}, telling {@code progress} how many records it has checked, a stride at a time. */
    public Report verify(LongConsumer progress) {
        List<AuditChain> chains = QuarkusTransaction.requiringNew().call(() -> AuditChain.<AuditChain>listAll());
        SignedCheckpoints.Expected expected = QuarkusTransaction.requiringNew().call(
                () -> signedCheckpoints.check(chains.stream().map(chain -> chain.chainId).toList()));
        int checkpoints = expected.checked();
        if (expected.problem() != null) {
            SignedCheckpoints.Problem problem = expected.problem();
            String named = problem.chainId() == null ? null : decisionAt(problem.chainId(), problem.treeSize());
            return new Report(false, 0, chains.size(), new Broken(named, problem.chainId(),
                    problem.treeSize() < 0 ? null : problem.treeSize(), problem.reason()), checkpoints);
        }
        ExecutorService hashers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), task -> {
            Thread hashing = new Thread(task, "audit-verify-hash");
            hashing.setDaemon(true);
            return hashing;
        });
        try (Connection connection = database.getConnection()) {
            Run run = new Run(chains.size(), checkpoints, progress);
            RecordRows traces = new RecordRows();
            // Whether each trace's id is its content's, worked out once; legacy traces are named by their decision, not kept here.
            Map<String, Boolean> intactTraces = new HashMap<>();
            for (AuditChain head : chains) {
                Chain chain = new Chain(head, expected.roots().getOrDefault(head.chainId, new TreeMap<>()));
                Deque<Future<List<Hashed>>> inFlight = new ArrayDeque<>();
                for (long from = 0; from < head.lastSeq; from += STRIDE) {
                    List<RecordRows.Row> rows = links(connection, head.chainId, from, from + STRIDE);
                    traces.withTraces(connection, rows);
                    List<Boolean> tracesIntact = new ArrayList<>(rows.size());
                    for (RecordRows.Row row : rows) {
                        DecisionTrace trace = row.record.trace;
                        tracesIntact.add(trace != null && (trace.id.startsWith(DecisionTrace.LEGACY_PREFIX)
                                || intactTraces.computeIfAbsent(trace.id, id -> DecisionTrace.idOf(trace).equals(id))));
                    }
                    Map<Long, byte[]> storedLeaves = leafHashes(connection, head.chainId, from, from + STRIDE);
                    inFlight.add(hashers.submit(() -> hash(rows, tracesIntact, storedLeaves)));
                    if (inFlight.size() >= IN_FLIGHT) {
                        Report broken = run.check(chain, next(inFlight));
                        if (broken != null) {
                            return broken;
                        }
                    }
                }
                while (!inFlight.isEmpty()) {
                    Report broken = run.check(chain, next(inFlight));
                    if (broken != null) {
                        return broken;
                    }
                }
                long treeSize = treeSize(connection, head.chainId);
                Report broken = run.end(chain, treeSize);
                if (broken != null) {
                    return broken;
                }
            }
            return new Report(true, run.checked, chains.size(), null, checkpoints);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit trail", e);
        } finally {
            hashers.shutdownNow();
        }
    }

    /** The checks of each link in chain order, and of each chain's end. */
    private static final class Run {
        final int chains;
        final int checkpoints;
        final LongConsumer progress;
        long checked;

        Run(int chains, int checkpoints, LongConsumer progress) {
            this.chains = chains;
            this.checkpoints = checkpoints;
            this.progress = progress;
        }

        Report check(Chain chain, List<Hashed> range) {
            progress.accept(checked);
            String chainId = chain.head.chainId;
            for (Hashed hashed : range) {
                DecisionRecord link = hashed.link();
                checked++;
                if (link.chainSeq != chain.expectedSeq) {
                    return broken(link.id, chainId, chain.expectedSeq,
                            "link " + chain.expectedSeq + " of chain " + chainId + " is missing (deleted?); next is " + link.chainSeq);
                }
                if (!chain.previousHash.equals(link.previousHash)) {
                    return broken(link.id, chainId, link.chainSeq, "does not follow the link before it");
                }
                if (!hashed.hashIntact()) {
                    return broken(link.id, chainId, link.chainSeq, "was changed after it was recorded");
                }
                if (!hashed.payableIntact()) {
                    return broken(link.id, chainId, link.chainSeq,
                            "its payable column was changed after it was recorded: its recorded answer says otherwise");
                }
                if (!hashed.traceIntact()) {
                    return broken(link.id, chainId, link.chainSeq, link.trace == null
                            ? "its trace is missing" : "its trace " + link.trace.id + " was changed after it was recorded");
                }
                byte[] stored = hashed.storedLeaf();
                if (stored == null || !MessageDigest.isEqual(stored, hashed.leafHash())) {
                    return broken(link.id, chainId, link.chainSeq, stored == null
                            ? "is not in its chain's Merkle tree"
                            : "was changed after it was recorded: its leaf in the chain's Merkle tree is another record's");
                }
                Frontier recomputed = chain.recomputed;
                recomputed.append(hashed.leafHash());
                if (recomputed.size() == chain.confirmedSize + 1) {
                    chain.firstUnconfirmed = link.id;
                }
                byte[] signedRoot = chain.signedRoots.get(recomputed.size());
                if (signedRoot != null) {
                    if (!MessageDigest.isEqual(signedRoot, recomputed.root())) {
                        return broken(chain.firstUnconfirmed, chainId, chain.confirmedSize + 1,
                                "was changed after it was recorded: links " + (chain.confirmedSize + 1) + " to " + recomputed.size()
                                        + " of chain " + chainId + " no longer give the root of the signed checkpoint of size "
                                        + recomputed.size() + " (the chain's hashes were recomputed; the first of these links is named"
                                        + (recomputed.size() == chain.confirmedSize + 1 ? "" : ", one of them was changed or replaced") + ")");
                    }
                    chain.confirmedSize = recomputed.size();
                }
                chain.previousHash = link.recordHash;
                chain.lastId = link.id;
                chain.expectedSeq++;
            }
            return null;
        }

        Report end(Chain chain, long treeSize) {
            AuditChain head = chain.head;
            if (chain.expectedSeq - 1 != head.lastSeq || !chain.previousHash.equals(head.lastHash)) {
                return broken(head.lastDecisionId, head.chainId, head.lastSeq,
                        "the chain ends at link " + (chain.expectedSeq - 1) + " (" + chain.lastId + ") but its head says " + head.lastSeq
                                + ": the newest records were deleted or the head was changed");
            }
            if (!chain.signedRoots.isEmpty() && chain.signedRoots.lastKey() > head.lastSeq) {
                return broken(head.lastDecisionId, head.chainId, head.lastSeq,
                        "a signed checkpoint covers " + chain.signedRoots.lastKey() + " links of chain " + head.chainId + " but the chain ends at link "
                                + head.lastSeq + ": records were deleted after a checkpoint covered them (links " + (head.lastSeq + 1)
                                + " to " + chain.signedRoots.lastKey() + " are missing)");
            }
            if (treeSize != head.lastSeq) {
                return broken(head.lastDecisionId, head.chainId, head.lastSeq, "the chain's Merkle tree has " + treeSize
                        + " leaves but the chain " + head.lastSeq + " links" + (treeSize > head.lastSeq ? ": records were deleted" : ""));
            }
            return null;
        }

        private Report broken(String decisionId, String chainId, Long seq, String reason) {
            return new Report(false, checked, chains, new Broken(decisionId, chainId, seq, reason), checkpoints);
        }
    }

    /** One chain's state as its links are checked in order. */
    private static final class Chain {
        final AuditChain head;
        final TreeMap<Long, byte[]> signedRoots;
        final Frontier recomputed = Frontier.empty();
        long confirmedSize;
        String firstUnconfirmed;
        String previousHash = AuditChain.GENESIS;
        long expectedSeq = 1;
        String lastId;

        Chain(AuditChain head, TreeMap<Long, byte[]> signedRoots) {
            this.head = head;
            this.signedRoots = signedRoots;
        }
    }

    private static List<Hashed> next(Deque<Future<List<Hashed>>> inFlight) {
        try {
            return inFlight.poll().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the check of the audit trail was interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    /** What can be checked of each link alone: its hash, payable and trace, and its leaf hash; the rest needs the order. */
    private static List<Hashed> hash(List<RecordRows.Row> rows, List<Boolean> tracesIntact, Map<Long, byte[]> storedLeaves) {
        List<Hashed> hashed = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            DecisionRecord link = rows.get(i).inflate();
            boolean traceIntact = tracesIntact.get(i) && traceMatches(link);
            if (link.trace == null) {
                hashed.add(new Hashed(link, true, payableIntact(link), false, null, storedLeaves.get(link.chainSeq - 1)));
                continue;
            }
            byte[] leaf = RecordHash.leaf(link);
            hashed.add(new Hashed(link, RecordHash.linkOf(leaf).equals(link.recordHash), payableIntact(link), traceIntact,
                    MerkleHash.leaf(leaf), storedLeaves.get(link.chainSeq - 1)));
        }
        return hashed;
    }

    /** The record hash covers the trace's reasons and rules; its type, outcome and version must be the record's. */
    private static boolean traceMatches(DecisionRecord link) {
        DecisionTrace trace = link.trace;
        return trace != null && trace.decisionType.equals(link.decisionType) && trace.outcome.equals(link.outcome)
                && trace.rulesetVersion.equals(link.rulesetVersion);
    }

    /** The payable column (V9, for stats and export) is not under the hash; the response it is read from is. Null before V9. */
    private static boolean payableIntact(DecisionRecord link) {
        if (link.payable == null) {
            return link.requestJsonText != null || RecordedPayable.of(link.responseJson) == null;
        }
        java.math.BigDecimal recorded = RecordedPayable.of(link.responseJson);
        return recorded != null && recorded.compareTo(link.payable) == 0;
    }

    private static List<RecordRows.Row> links(Connection connection, String chainId, long afterSeq, long upToSeq) throws SQLException {
        List<RecordRows.Row> links = new ArrayList<>((int) (upToSeq - afterSeq));
        try (PreparedStatement statement = connection.prepareStatement("select " + RecordRows.COLUMNS
                + " from decision_record where chain_id = ? and chain_seq > ? and chain_seq <= ? order by chain_seq")) {
            statement.setString(1, chainId);
            statement.setLong(2, afterSeq);
            statement.setLong(3, upToSeq);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    links.add(RecordRows.row(rows));
                }
            }
        }
        return links;
    }

    /** The stored leaf hashes of leaves [from, to). */
    private static Map<Long, byte[]> leafHashes(Connection connection, String chainId, long from, long to) throws SQLException {
        Map<Long, byte[]> hashes = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select node_index, hash from merkle_node where chain_id = ? and node_level = 0 and node_index >= ? and node_index < ?")) {
            statement.setString(1, chainId);
            statement.setLong(2, from);
            statement.setLong(3, to);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    hashes.put(rows.getLong(1), rows.getBytes(2));
                }
            }
        }
        return hashes;
    }

    /** The number of leaves stored for the chain. */
    private static long treeSize(Connection connection, String chainId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select max(node_index) from merkle_node where chain_id = ? and node_level = 0")) {
            statement.setString(1, chainId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                long last = rows.getLong(1);
                return rows.wasNull() ? 0 : last + 1;
            }
        }
    }

    /** The decision at this link of the chain, if there is one. */
    private static String decisionAt(String chainId, long seq) {
        return QuarkusTransaction.requiringNew().call(() -> DecisionRecord.<DecisionRecord>find("chainId = ?1 and chainSeq = ?2", chainId, seq)
                .firstResultOptional().map(record -> record.id).orElse(null));
    }
}
