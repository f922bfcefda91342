package cn.yibao.crossregion.audit.transparency;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Appends leaves to a chain's tree inside the audit writer's transaction, storing every complete
 * subtree an append makes. The frontier of each chain as last committed is kept in memory, so an
 * append reads nothing; it is reloaded from the stored tree when the chain grew elsewhere (another
 * instance writing the same chain) or a transaction failed. The committed frontier is also what
 * the {@link Checkpointer} signs.
 */
@ApplicationScoped
public class TreeWriter {

    private final TreeStore store;
    private final Map<String, Frontier> committed = new ConcurrentHashMap<>();

    public TreeWriter(TreeStore store) {
        this.store = store;
    }

    /**
     * A copy of the chain's frontier at this size, to append to within the current transaction; empty
     * when the stored tree has fewer leaves (records from before the tree: add them first).
     */
    public Optional<Frontier> frontierAt(String chainId, long size) {
        Frontier known = committed.get(chainId);
        if (known != null && known.size() == size) {
            return Optional.of(known.copy());
        }
        long stored = store.size(chainId);
        if (stored < size) {
            return Optional.empty();
        }
        if (stored > size) {
            throw new IllegalStateException("the tree of chain " + chainId + " has " + stored + " leaves but the chain "
                    + size + " links: links were deleted after they were added to the tree; GET /api/v1/audit/verify tells more");
        }
        return Optional.of(store.frontier(chainId, size));
    }

    /** Appends the leaf (its bytes, as RFC 9162 hashes them) and stores the subtrees it completes. */
    public void append(String chainId, Frontier frontier, byte[] leaf) {
        store.insert(chainId, frontier.append(MerkleHash.leaf(leaf)));
    }

    /**
     * Appends the leaves and stores the subtrees they complete after them all, in one JDBC batch
     * (statements of one kind in a row: interleaved with the records' inserts, each would be a batch of its own).
     */
    public void appendAll(String chainId, Frontier frontier, List<byte[]> leaves) {
        List<Frontier.Made> made = new ArrayList<>(2 * leaves.size() + 64);
        for (byte[] leaf : leaves) {
            made.addAll(frontier.append(MerkleHash.leaf(leaf)));
        }
        store.insert(chainId, made);
    }

    /** The transaction that made this frontier has committed. */
    public void committed(String chainId, Frontier frontier) {
        committed.merge(chainId, frontier.copy(), (old, now) -> now.size() >= old.size() ? now : old);
    }

    /** A transaction that appended to the chain failed: reload its frontier next time. */
    public void forget(String chainId) {
        committed.remove(chainId);
    }

    /** The chain's tree as this instance last committed it. */
    public Optional<Frontier> head(String chainId) {
        return Optional.ofNullable(committed.get(chainId)).map(Frontier::copy);
    }
}
