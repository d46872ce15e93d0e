import Testing

@testable import Cluster

@Suite("crowd calibration")
struct CrowdCalibrationTests {
    /// Two events of one topic, nine articles each: close within an event (0.4), and close
    /// enough across the two (0.21) for the threshold and the cohesion rule to merge them.
    static func twoEventsOfOneTopic() -> [(Int, Int, Double)] {
        var edges: [(Int, Int, Double)] = []
        for i in 0..<18 {
            for j in (i + 1)..<18 { edges.append((i, j, (i < 9) == (j < 9) ? 0.4 : 0.21)) }
        }
        return edges
    }

    @Test("a document with fewer close neighbours than the crowd size keeps its similarities")
    func smallNeighbourhoodsUnchanged() {
        // A story of five close articles, and weak links to others: nobody has 8 neighbours at 0.25.
        var edges: [(Int, Int, Double)] = []
        for i in 0..<5 {
            for j in (i + 1)..<5 { edges.append((i, j, 0.6)) }
            for j in 5..<20 { edges.append((i, j, 0.2)) }
        }
        let crowd = CrowdCalibration(rank: 8, level: 0.25)
        #expect(crowd.factors(edges: edges, count: 20) == [Double](repeating: 1, count: 20))
        #expect(crowd.calibrated(edges, count: 20).map(\.2) == edges.map(\.2))
    }

    @Test("inside a crowd a similarity is scaled by the root of the level over each side's crowd-size-th neighbour")
    func crowdScaled() {
        let crowd = CrowdCalibration(rank: 8, level: 0.25)
        let factors = crowd.factors(edges: Self.twoEventsOfOneTopic(), count: 18)
        // Each article's 8th closest neighbour is in its own event, at 0.4.
        for factor in factors { #expect(abs(factor - (0.25 / 0.4).squareRoot()) < 1e-12) }
        let calibrated = crowd.calibrated(Self.twoEventsOfOneTopic(), count: 18)
        let across = calibrated.first { $0.0 == 0 && $0.1 == 9 }!
        #expect(abs(across.2 - 0.21 * 0.25 / 0.4) < 1e-12)
        // One more article close to a single member does not change anyone else's factor.
        let more = Self.twoEventsOfOneTopic() + [(0, 18, 0.9)]
        #expect(Array(crowd.factors(edges: more, count: 19).prefix(18)) == factors)
    }

    @Test("two events of one topic, each told nine times, stay apart only with the calibration")
    func twoEventsStayApart() {
        let edges = Self.twoEventsOfOneTopic()
        let plain = Agglomeration(
            count: 18, edges: edges, threshold: ClusterStage.defaultThreshold, linkage: .average,
            cohesion: 0.5)
        #expect(plain.groups.count == 1)
        let crowd = CrowdCalibration(rank: 8, level: 0.25).calibrated(edges, count: 18)
        let calibrated = Agglomeration(
            count: 18, edges: crowd, threshold: ClusterStage.defaultThreshold,
            linkage: .average, cohesion: 0.5)
        #expect(calibrated.groups == [Array(0..<9), Array(9..<18)])
    }
}
