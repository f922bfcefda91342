import cn.yibao.crossregion.audit.transparency.Frontier;
import cn.yibao.crossregion.audit.transparency.MerkleHash;
import cn.yibao.crossregion.audit.transparency.ProofCheck;
import cn.yibao.crossregion.audit.transparency.ProofPlan;
import cn.yibao.crossregion.audit.transparency.TreeNode;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * What an inclusion proof costs at a given tree size (README "Tamper evidence", cost): fills merkle_node
 * (the V8 table) with the complete subtrees of a tree of N leaves, as the audit writer stores them, then
 * times proofs of random leaves made with the queries TreeStore makes (one a level, the subtrees by primary
 * key) and checks each proof. Add "reuse" to time a tree stored by an earlier run. Run it against a database of its own:
 *   java -cp target/classes:<h2 or postgresql jar> bench/ProofCost.java jdbc:h2:file:./target/proof-cost sa 1000000
 */
public class ProofCost {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        long leaves = Long.parseLong(args[2]);
        boolean reuse = args.length > 3 && args[3].equals("reuse");
        try (Connection db = DriverManager.getConnection(url, user, "")) {
            db.setAutoCommit(false);
            if (!reuse) {
                try (Statement ddl = db.createStatement()) {
                    ddl.execute("drop table if exists merkle_node");
                    ddl.execute("create table merkle_node (chain_id varchar(64) not null, node_level integer not null, node_index bigint not null,"
                            + " hash bytea not null, primary key (chain_id, node_level, node_index))");
                }
            }
            db.commit();
            long started = System.nanoTime();
            Frontier frontier = Frontier.empty();
            List<byte[]> leafHashes = new ArrayList<>();
            try (PreparedStatement insert = db.prepareStatement("insert into merkle_node values ('bench', ?, ?, ?)")) {
                for (long i = 0; i < leaves; i++) {
                    if (reuse) {
                        byte[] leaf = MerkleHash.leaf(ByteBuffer.allocate(8).putLong(i).array());
                        leafHashes.add(leaf);
                        frontier.append(leaf);
                        continue;
                    }
                    byte[] leaf = MerkleHash.leaf(ByteBuffer.allocate(8).putLong(i).array());
                    leafHashes.add(leaf);
                    for (Frontier.Made made : frontier.append(leaf)) {
                        insert.setInt(1, made.node().level());
                        insert.setLong(2, made.node().index());
                        insert.setBytes(3, made.hash());
                        insert.addBatch();
                    }
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                        db.commit();
                    }
                }
                insert.executeBatch();
                db.commit();
            }
            System.out.printf("%d leaves stored in %.1f s%n", leaves, (System.nanoTime() - started) / 1e9);
            if (url.startsWith("jdbc:postgresql")) {
                try (Statement analyze = db.createStatement()) {
                    analyze.execute("analyze merkle_node");
                }
                db.commit();
            }
            byte[] root = frontier.root();
            Random random = new Random(1);
            int rounds = 2000;
            long[] micros = new long[rounds];
            for (int r = 0; r < rounds; r++) {
                long index = Math.floorMod(random.nextLong(), leaves);
                long t = System.nanoTime();
                List<List<TreeNode>> plan = ProofPlan.inclusion(index, leaves);
                Map<TreeNode, byte[]> found = read(db, plan);
                List<byte[]> proof = plan.stream().map(nodes -> ProofPlan.fold(nodes.stream().map(found::get).toList())).toList();
                micros[r] = (System.nanoTime() - t) / 1000;
                if (!ProofCheck.inclusion(index, leaves, leafHashes.get((int) index), proof, root)) {
                    throw new IllegalStateException("the proof of leaf " + index + " does not verify");
                }
            }
            Arrays.sort(micros);
            long[] warm = Arrays.copyOfRange(micros, 0, rounds);
            System.out.printf("inclusion proof at %d leaves, %d random leaves: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", leaves, rounds,
                    warm[rounds / 2] / 1000.0, warm[rounds * 99 / 100] / 1000.0, warm[rounds - 1] / 1000.0);
        }
    }

    /** The queries of TreeStore.read: one a level, the subtrees of that level by the primary key. */
    private static Map<TreeNode, byte[]> read(Connection db, List<List<TreeNode>> plan) throws Exception {
        Map<Integer, List<Long>> byLevel = new TreeMap<>();
        new LinkedHashSet<>(plan.stream().flatMap(List::stream).toList())
                .forEach(node -> byLevel.computeIfAbsent(node.level(), level -> new ArrayList<>()).add(node.index()));
        Map<TreeNode, byte[]> found = new HashMap<>();
        for (Map.Entry<Integer, List<Long>> level : byLevel.entrySet()) {
            String marks = String.join(", ", java.util.Collections.nCopies(level.getValue().size(), "?"));
            try (PreparedStatement select = db.prepareStatement(
                    "select node_level, node_index, hash from merkle_node where chain_id = 'bench' and node_level = ? and node_index in (" + marks + ")")) {
                select.setInt(1, level.getKey());
                for (int i = 0; i < level.getValue().size(); i++) {
                    select.setLong(i + 2, level.getValue().get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.put(new TreeNode(rows.getInt(1), rows.getLong(2)), rows.getBytes(3));
                    }
                }
            }
        }
        db.commit();
        if (found.size() != byLevel.values().stream().mapToInt(List::size).sum()) {
            throw new IllegalStateException("missing subtrees");
        }
        return found;
    }
}
