package cn.yibao.crossregion.audit.transparency;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Merkle math against the Certificate Transparency reference vectors (RFC 6962/9162 trees), and
 * proofs made from stored complete subtrees against the RFC's recursive definitions written out
 * naively, for every tree size up to 70 and every leaf and pair of sizes.
 */
class MerkleMathTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String[] CT_LEAVES = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f"};
    private static final String[] CT_ROOTS = {
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
    private static final int MAX = 70;

    @Test
    void shouldMatchTheReferenceRootsForEverySize() {
        Frontier frontier = Frontier.empty();
        assertEquals(CT_ROOTS[0], HEX.formatHex(frontier.root()));
        for (int size = 1; size <= CT_LEAVES.length; size++) {
            frontier.append(MerkleHash.leaf(HEX.parseHex(CT_LEAVES[size - 1])));
            assertEquals(CT_ROOTS[size], HEX.formatHex(frontier.root()), "size " + size);
        }
    }

    @Test
    void shouldMatchTheReferenceInclusionProofs() {
        Store store = Store.of(Arrays.stream(CT_LEAVES).map(HEX::parseHex).toList());
        assertEquals(List.of("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
                store.resolve(ProofPlan.inclusion(0, 8)).stream().map(HEX::formatHex).toList());
        assertEquals(List.of("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
                store.resolve(ProofPlan.inclusion(5, 8)).stream().map(HEX::formatHex).toList());
    }

    @Test
    void shouldMakeAndCheckEveryInclusionProofLikeTheRfcDefinition() {
        List<byte[]> leaves = leaves(MAX);
        Store store = Store.of(leaves);
        for (int size = 1; size <= MAX; size++) {
            List<byte[]> hashes = store.leafHashes.subList(0, size);
            byte[] root = Naive.mth(hashes);
            assertArrayEquals(root, store.root(size), "root of " + size);
            for (int index = 0; index < size; index++) {
                List<byte[]> proof = store.resolve(ProofPlan.inclusion(index, size));
                assertEquals(hex(Naive.path(index, hashes)), hex(proof), "PATH(" + index + ", " + size + ")");
                assertTrue(ProofCheck.inclusion(index, size, hashes.get(index), proof, root));
                byte[] otherLeaf = MerkleHash.leaf(("not leaf " + index).getBytes());
                assertFalse(ProofCheck.inclusion(index, size, otherLeaf, proof, root), "a changed leaf");
                if (size < MAX) {
                    assertFalse(ProofCheck.inclusion(index, size + 1, hashes.get(index), proof, store.root(size + 1)), "another tree size");
                }
                if (size > 1) {
                    assertFalse(ProofCheck.inclusion((index + 1) % size, size, hashes.get(index), proof, root), "another index");
                }
            }
        }
    }

    @Test
    void shouldMakeAndCheckEveryConsistencyProofLikeTheRfcDefinition() {
        Store store = Store.of(leaves(MAX));
        for (int second = 1; second <= MAX; second++) {
            byte[] secondRoot = store.root(second);
            for (int first = 1; first <= second; first++) {
                List<byte[]> proof = store.resolve(ProofPlan.consistency(first, second));
                assertEquals(hex(Naive.proof(first, store.leafHashes.subList(0, second))), hex(proof), "PROOF(" + first + ", " + second + ")");
                byte[] firstRoot = store.root(first);
                assertTrue(ProofCheck.consistency(first, second, firstRoot, secondRoot, proof), first + " → " + second);
                if (first < second) {
                    assertFalse(ProofCheck.consistency(first, second, MerkleHash.leaf(new byte[] {9}), secondRoot, proof));
                    assertFalse(ProofCheck.consistency(first, second, firstRoot, MerkleHash.leaf(new byte[] {9}), proof));
                    if (second < MAX) {
                        assertFalse(ProofCheck.consistency(first, second + 1, firstRoot, store.root(second + 1), proof));
                    }
                }
            }
        }
    }

    private static List<byte[]> leaves(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(("leaf " + i).getBytes());
        }
        return leaves;
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }

    /** The complete subtrees an append makes, kept as the database keeps them. */
    private static final class Store {
        final Map<TreeNode, byte[]> nodes = new HashMap<>();
        final List<byte[]> leafHashes = new ArrayList<>();

        static Store of(List<byte[]> leaves) {
            Store store = new Store();
            Frontier frontier = Frontier.empty();
            for (byte[] leaf : leaves) {
                byte[] hash = MerkleHash.leaf(leaf);
                store.leafHashes.add(hash);
                frontier.append(hash).forEach(made -> store.nodes.put(made.node(), made.hash()));
            }
            return store;
        }

        List<byte[]> resolve(List<List<TreeNode>> plan) {
            return plan.stream().map(nodes -> ProofPlan.fold(nodes.stream().map(this.nodes::get).toList())).toList();
        }

        byte[] root(long size) {
            return ProofPlan.fold(ProofPlan.root(size).stream().map(nodes::get).toList());
        }
    }

    /** RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1, word for word. */
    private static final class Naive {

        static byte[] mth(List<byte[]> d) {
            if (d.isEmpty()) {
                return MerkleHash.empty();
            }
            if (d.size() == 1) {
                return d.get(0);
            }
            int k = k(d.size());
            return MerkleHash.node(mth(d.subList(0, k)), mth(d.subList(k, d.size())));
        }

        static List<byte[]> path(int m, List<byte[]> d) {
            List<byte[]> out = new ArrayList<>();
            if (d.size() <= 1) {
                return out;
            }
            int k = k(d.size());
            if (m < k) {
                out.addAll(path(m, d.subList(0, k)));
                out.add(mth(d.subList(k, d.size())));
            } else {
                out.addAll(path(m - k, d.subList(k, d.size())));
                out.add(mth(d.subList(0, k)));
            }
            return out;
        }

        static List<byte[]> proof(int m, List<byte[]> d) {
            return subproof(m, d, true);
        }

        static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
            List<byte[]> out = new ArrayList<>();
            if (m == d.size()) {
                if (!b) {
                    out.add(mth(d));
                }
                return out;
            }
            int k = k(d.size());
            if (m <= k) {
                out.addAll(subproof(m, d.subList(0, k), b));
                out.add(mth(d.subList(k, d.size())));
            } else {
                out.addAll(subproof(m - k, d.subList(k, d.size()), false));
                out.add(mth(d.subList(0, k)));
            }
            return out;
        }

        private static int k(int n) {
            int k = 1;
            while (k << 1 < n) {
                k <<= 1;
            }
            return k;
        }
    }
}
