import Testing

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
        #expect(Agglomeration(count: 4, edges: edges, threshold: 0.25, linkage: .average, cohesion: 0.5).groups
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
