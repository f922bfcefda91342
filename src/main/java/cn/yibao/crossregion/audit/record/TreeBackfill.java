package cn.yibao.crossregion.audit.record;

import cn.yibao.crossregion.audit.AuditChain;
import cn.yibao.crossregion.audit.DecisionRecord;
import cn.yibao.crossregion.audit.RecordHash;
import cn.yibao.crossregion.audit.transparency.Frontier;
import cn.yibao.crossregion.audit.transparency.TreeStore;
import cn.yibao.crossregion.audit.transparency.TreeWriter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.LockMode;
import org.hibernate.StatelessSession;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Adds to a chain's Merkle tree the links it lacks, in chain order: at start, the records written
 * before the tree existed (migration V8), for every chain, so that each tree covers all its records;
 * and, in the writer's transaction, whatever the tree lacks before a batch is appended.
 */
@ApplicationScoped
public class TreeBackfill {

    private static final Logger LOG = Logger.getLogger(TreeBackfill.class);
    private static final int STRIDE = 1000;

    private final StatelessSession session;
    private final TreeStore store;
    private final TreeWriter tree;

    public TreeBackfill(StatelessSession session, TreeStore store, TreeWriter tree) {
        this.session = session;
        this.store = store;
        this.tree = tree;
    }

    /** Every chain's tree up to its head, a stride per transaction, each holding the chain's head. */
    public void allChains() {
        List<String> chains = QuarkusTransaction.requiringNew().call(() -> AuditChain.<AuditChain>listAll().stream().map(c -> c.chainId).toList());
        for (String chain : chains) {
            try {
                long added = 0;
                long step;
                while ((step = QuarkusTransaction.requiringNew().call(() -> stride(chain))) > 0) {
                    added += step;
                }
                if (added > 0) {
                    LOG.infof("added %d records of chain %s to its Merkle tree", added, chain);
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "could not add the records of chain %s to its Merkle tree; GET /api/v1/audit/verify tells why", chain);
            }
        }
    }

    private long stride(String chain) {
        // A tree already up to its head (every start but the first after V8) needs no lock: the head's row is the
        // writers' and checkpointer's lock, and waiting for it at start timed out on a busy trail of a million.
        AuditChain seen = session.get(AuditChain.class, chain);
        if (seen == null || store.size(chain) >= seen.lastSeq) {
            return 0;
        }
        AuditChain head = session.get(AuditChain.class, chain, LockMode.PESSIMISTIC_WRITE);
        long stored = store.size(chain);
        if (head == null || stored >= head.lastSeq) {
            return 0;
        }
        Frontier frontier = stored == 0 ? Frontier.empty() : store.frontier(chain, stored);
        long upTo = Math.min(head.lastSeq, stored + STRIDE);
        append(chain, frontier, upTo);
        return upTo - stored;
    }

    /** Within the caller's transaction, which holds the chain's head: the frontier of the tree grown to {@code size} links. */
    Frontier catchUp(String chain, long size) {
        long stored = store.size(chain);
        Frontier frontier = stored == 0 ? Frontier.empty() : store.frontier(chain, stored);
        while (frontier.size() < size) {
            append(chain, frontier, Math.min(size, frontier.size() + STRIDE));
        }
        return frontier;
    }

    private void append(String chain, Frontier frontier, long upToSeq) {
        List<DecisionRecord> links = DecisionRecord.list("chainId = ?1 and chainSeq > ?2 and chainSeq <= ?3 order by chainSeq",
                chain, frontier.size(), upToSeq);
        for (DecisionRecord link : links) {
            if (link.chainSeq != frontier.size() + 1) {
                throw new IllegalStateException("link " + (frontier.size() + 1) + " of chain " + chain + " is missing");
            }
            tree.append(chain, frontier, RecordHash.leaf(link));
        }
        if (frontier.size() != upToSeq) {
            throw new IllegalStateException("chain " + chain + " ends at link " + frontier.size() + " before its head, " + upToSeq);
        }
    }
}
