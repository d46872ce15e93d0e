import Testing
import TextKit

@testable import Cluster

@Suite("agglomeration")
struct AgglomerationTests {
    @Test("average linkage does not chain a line of pairwise links into one group")
    func noChaining() {
        // 0-1-2-3 each linked to the next only: single linkage would make one group.
        let edges = [(0, 1, 0.9), (1, 2, 0.5), (2, 3, 0.9)]
        let groups = Agglomeration(count: 4, edges: edges, threshold: 0.3, linkage: .average).groups
        #expect(groups == [[0, 1], [2, 3]])
    }

    @Test("complete linkage needs every cross pair above the threshold")
    func complete() {
        let edges = [(0, 1, 0.9), (0, 2, 0.6), (1, 2, 0.2)]
        #expect(Agglomeration(count: 3, edges: edges, threshold: 0.3, linkage: .complete).groups == [[0, 1], [2]])
        #expect(Agglomeration(count: 3, edges: edges, threshold: 0.3, linkage: .average).groups == [[0, 1, 2]])
    }

    @Test("cohesion keeps two tight pairs apart that the threshold alone would merge")
    func cohesion() {
        let edges = [(0, 1, 0.8), (2, 3, 0.8), (0, 2, 0.3), (0, 3, 0.3), (1, 2, 0.3), (1, 3, 0.3)]
        #expect(Agglomeration(count: 4, edges: edges, threshold: 0.25, linkage: .average).groups == [[0, 1, 2, 3]])
        #expect(
            Agglomeration(count: 4, edges: edges, threshold: 0.25, linkage: .average, cohesion: 0.5).groups
                == [[0, 1], [2, 3]])
    }

    @Test("the result does not depend on the order edges are given in")
    func edgeOrder() {
        let edges = [(0, 1, 0.5), (1, 2, 0.5), (0, 2, 0.5), (3, 4, 0.7), (2, 3, 0.1)]
        let forward = Agglomeration(count: 5, edges: edges, threshold: 0.3, linkage: .average).groups
        let backward = Agglomeration(count: 5, edges: edges.reversed(), threshold: 0.3, linkage: .average).groups
        #expect(forward == backward)
        #expect(forward == [[0, 1, 2], [3, 4]])
    }
}

@Suite("similarity graph")
struct SimilarityGraphTests {
    @Test("a document keeps every pair at the threshold and only its best weak pairs, in order")
    func weakPairsCapped() {
        // Document 0's pairs: two above the threshold (0.5), five weak ones.
        let pairs = [(0, 1, 0.1), (0, 2, 0.6), (0, 3, 0.2), (0, 4, 0.15), (0, 5, 0.5), (0, 6, 0.2), (0, 7, 0.05)]
        let kept = SimilarityGraph.capped(pairs, threshold: 0.5, weakLimit: 2)
        // Weak 0.2 (j 3) and 0.2 (j 6) are the two best; every strong pair stays.
        #expect(kept.map(\.1) == [2, 3, 5, 6])
        // A tie at the cut goes to the smaller index.
        #expect(SimilarityGraph.capped(pairs, threshold: 0.5, weakLimit: 1).map(\.1) == [2, 3, 5])
        #expect(SimilarityGraph.capped(pairs, threshold: 0.5, weakLimit: 10).count == pairs.count)
    }

    @Test("the dense walk finds the same pairs and similarities as a plain dot product")
    func denseMatchesDot() {
        let vectors = [
            TermVector(sortedTerms: [1, 4, 9], weights: [0.5, 0.5, 0.7]),
            TermVector(sortedTerms: [1, 9, 12], weights: [0.6, 0.6, 0.5]),
            TermVector(sortedTerms: [4, 12], weights: [0.8, 0.6]),
            TermVector(sortedTerms: [30], weights: [1]),
        ]
        let graph = SimilarityGraph(vectors: vectors, strongTerms: 3, maxPosting: 10, floor: 0.01) { _, _ in 1 }
        let expected = [(0, 1), (0, 2), (1, 2)].map { ($0.0, $0.1, vectors[$0.0].dot(vectors[$0.1])) }
        #expect(graph.edges.map(\.0) == expected.map(\.0))
        #expect(graph.edges.map(\.1) == expected.map(\.1))
        #expect(graph.edges.map(\.2) == expected.map(\.2))
    }
}
