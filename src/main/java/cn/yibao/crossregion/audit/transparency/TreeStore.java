package cn.yibao.crossregion.audit.transparency;

import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.StatelessSession;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a chain's stored tree: its size, and the complete subtrees a proof or a root needs, in one
 * query of the primary key (at most a few dozen nodes, whatever the size of the tree).
 */
@ApplicationScoped
public class TreeStore {

    private final StatelessSession session;

    public TreeStore(StatelessSession session) {
        this.session = session;
    }

    /** The number of leaves stored for the chain. Call within a transaction. */
    public long size(String chainId) {
        Long last = session.createSelectionQuery(
                        "select max(n.nodeIndex) from MerkleNode n where n.chainId = :chain and n.nodeLevel = 0", Long.class)
                .setParameter("chain", chainId).getSingleResult();
        return last == null ? 0 : last + 1;
    }

    /**
     * The stored hashes of these subtrees; throws if one is missing. Call within a transaction. One query
     * a level, each a range of the primary key ({@code level = ? and index in (…)}): at most log₂ n queries.
     * (One query of OR'd (level, index) pairs is read by H2 as a scan of the whole chain.)
     */
    public Map<TreeNode, byte[]> read(String chainId, Collection<TreeNode> nodes) {
        Map<Integer, Set<Long>> byLevel = new TreeMap<>();
        nodes.forEach(node -> byLevel.computeIfAbsent(node.level(), level -> new TreeSet<>()).add(node.index()));
        Map<TreeNode, byte[]> found = new HashMap<>();
        for (Map.Entry<Integer, Set<Long>> level : byLevel.entrySet()) {
            session.createSelectionQuery("from MerkleNode n where n.chainId = :chain and n.nodeLevel = :level and n.nodeIndex in :indexes",
                            MerkleNode.class)
                    .setParameter("chain", chainId).setParameter("level", level.getKey()).setParameterList("indexes", level.getValue())
                    .getResultList().forEach(row -> found.put(row.node(), row.hash));
        }
        Set<TreeNode> wanted = new LinkedHashSet<>(nodes);
        if (found.size() != wanted.size()) {
            List<TreeNode> missing = new ArrayList<>(wanted);
            missing.removeAll(found.keySet());
            throw new MissingNodesException(chainId, missing);
        }
        return found;
    }

    /** The hashes of a proof plan ({@link ProofPlan}), each folded from its subtrees. */
    public List<byte[]> resolve(String chainId, List<List<TreeNode>> plan) {
        List<TreeNode> all = plan.stream().flatMap(List::stream).toList();
        Map<TreeNode, byte[]> hashes = read(chainId, all);
        return plan.stream().map(nodes -> ProofPlan.fold(nodes.stream().map(hashes::get).toList())).toList();
    }

    /** The stored leaf hashes of leaves [from, to). */
    public Map<Long, byte[]> leafHashes(String chainId, long from, long to) {
        Map<Long, byte[]> hashes = new HashMap<>();
        session.createSelectionQuery("from MerkleNode n where n.chainId = :chain and n.nodeLevel = 0 and n.nodeIndex >= :from and n.nodeIndex < :to",
                        MerkleNode.class)
                .setParameter("chain", chainId).setParameter("from", from).setParameter("to", to)
                .getResultList().forEach(row -> hashes.put(row.nodeIndex, row.hash));
        return hashes;
    }

    /** The frontier of the stored tree at this size. */
    public Frontier frontier(String chainId, long size) {
        List<TreeNode> nodes = ProofPlan.root(size);
        Map<TreeNode, byte[]> hashes = read(chainId, nodes);
        return Frontier.of(size, nodes.stream().map(hashes::get).toList());
    }

    /**
     * Stores the subtrees, one JDBC batch of one prepared statement: about two rows a decision, which
     * through Hibernate's insert cost the audit writer more than its records did (JFR).
     */
    public void insert(String chainId, List<Frontier.Made> made) {
        if (made.isEmpty()) {
            return;
        }
        session.doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into merkle_node (chain_id, node_level, node_index, hash) values (?, ?, ?, ?)")) {
                for (Frontier.Made node : made) {
                    insert.setString(1, chainId);
                    insert.setInt(2, node.node().level());
                    insert.setLong(3, node.node().index());
                    insert.setBytes(4, node.hash());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    public static final class MissingNodesException extends IllegalStateException {
        public MissingNodesException(String chainId, List<TreeNode> missing) {
            super("the tree of chain " + chainId + " lacks the stored subtrees " + missing);
        }
    }
}
