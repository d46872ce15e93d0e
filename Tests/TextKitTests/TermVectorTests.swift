import Testing
import TextKit

@Suite("TermVector")
struct TermVectorTests {
    @Test("occurrences count repeated ids, as counts from a dictionary would")
    func occurrences() {
        let ids: [Int32] = [7, 2, 7, 9, 2, 7, 0]
        let vector = TermVector(occurrences: ids)
        #expect(vector.terms == [0, 2, 7, 9])
        #expect(vector.weights == [1, 2, 3, 1])
        var counts: [Int32: Double] = [:]
        for id in ids { counts[id, default: 0] += 1 }
        #expect(vector == TermVector(counts: counts))
        #expect(TermVector(occurrences: []).isEmpty)
    }

    @Test("entries in any order come out sorted by id, zero weights left out")
    func entries() {
        let vector = TermVector(entries: [(5, 0.5), (1, 2), (3, 0), (2, 0.25)])
        #expect(vector.terms == [1, 2, 5])
        #expect(vector.weights == [2, 0.25, 0.5])
    }
}
