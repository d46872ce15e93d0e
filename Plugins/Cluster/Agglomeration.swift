import PipelineKit

/// How the similarity of two groups is judged from their members' pairs.
public enum ClusterLinkage: String, OptionEnum, Sendable {
    /// The mean over every cross pair (a missing pair counts 0).
    case average
    /// The least similar cross pair: every member must be close to every other.
    case complete
}

/// Agglomerative clustering over a sparse similarity graph: the two most
/// similar groups merge, again and again, while their linkage stays at or
/// above the threshold.
///
/// Pairs absent from the graph count as similarity 0, so one strong link
/// cannot chain two unrelated stories together: under average linkage a
/// group must be close to the other group as a whole. Ties break towards the
/// smaller indices, so the result depends only on the graph.
struct Agglomeration {
    /// Group of each item: the smallest index in its group.
    private(set) var groupOf: [Int]

    /// - Parameter cohesion: two groups of two or more merge only when their
    ///   linkage is at least this share of the lesser group's own mean pair
    ///   similarity: two tight stories about one company stay apart even
    ///   when they share enough words to pass `threshold`.
    init(count: Int, edges: [(Int, Int, Double)], threshold: Double, linkage: ClusterLinkage, cohesion: Double = 0) {
        // links[a][b]: for groups a and b, the sum, count and minimum of their cross pairs.
        var links = [[Int: Link]](repeating: [:], count: count)
        var size = [Int](repeating: 1, count: count)
        var members = (0..<count).map { [$0] }
        var alive = [Bool](repeating: true, count: count)
        // Sum of the similarities inside each group (missing pairs count 0).
        var inside = [Double](repeating: 0, count: count)
        var heap = MergeHeap()
        for (i, j, similarity) in edges {
            let link = Link(sum: similarity, pairs: 1, minimum: similarity)
            links[i][j] = link
            links[j][i] = link
            if similarity >= threshold { heap.push(MergeCandidate(similarity: similarity, first: i, second: j)) }
        }

        func value(_ link: Link, _ a: Int, _ b: Int) -> Double {
            let cross = size[a] * size[b]
            switch linkage {
            case .average: return link.sum / Double(cross)
            case .complete: return link.pairs == cross ? link.minimum : 0
            }
        }

        while let candidate = heap.pop() {
            let a = candidate.first, b = candidate.second
            guard alive[a], alive[b], let link = links[a][b], value(link, a, b) == candidate.similarity else {
                continue
            }
            if cohesion > 0, size[a] > 1 || size[b] > 1 {
                func mean(_ g: Int) -> Double {
                    size[g] > 1 ? inside[g] / Double(size[g] * (size[g] - 1) / 2) : .infinity
                }
                if candidate.similarity < cohesion * min(mean(a), mean(b)) { continue }
            }
            inside[a] += inside[b] + link.sum
            // Merge b into a (a < b: the group keeps its smallest index).
            alive[b] = false
            let bLinks = links[b]
            links[b] = [:]
            links[a][b] = nil
            for (other, otherLink) in bLinks where other != a {
                links[other][b] = nil
                let merged = links[a][other].map { $0.merged(with: otherLink) } ?? otherLink
                links[a][other] = merged
                links[other][a] = merged
            }
            size[a] += size[b]
            members[a].append(contentsOf: members[b])
            members[b] = []
            // Any order: the heap's order is total (similarity, then indices).
            for other in links[a].keys {
                let similarity = value(links[a][other]!, a, other)
                if similarity >= threshold {
                    heap.push(MergeCandidate(similarity: similarity, first: min(a, other), second: max(a, other)))
                }
            }
        }

        var groupOf = [Int](repeating: 0, count: count)
        for (group, list) in members.enumerated() where alive[group] {
            for member in list { groupOf[member] = group }
        }
        self.groupOf = groupOf
    }

    /// The groups, each sorted, in order of their smallest member.
    var groups: [[Int]] {
        var byGroup: [Int: [Int]] = [:]
        for (item, group) in groupOf.enumerated() { byGroup[group, default: []].append(item) }
        return byGroup.keys.sorted().map { byGroup[$0]! }
    }
}

/// The cross pairs between two groups, summed up.
private struct Link {
    var sum: Double
    var pairs: Int
    var minimum: Double

    func merged(with other: Link) -> Link {
        Link(sum: sum + other.sum, pairs: pairs + other.pairs, minimum: min(minimum, other.minimum))
    }
}

private struct MergeCandidate {
    var similarity: Double
    var first: Int
    var second: Int

    /// Higher similarity first; ties to the smaller indices.
    func precedes(_ other: MergeCandidate) -> Bool {
        if similarity != other.similarity { return similarity > other.similarity }
        if first != other.first { return first < other.first }
        return second < other.second
    }
}

/// A binary heap of merge candidates, best on top.
private struct MergeHeap {
    private var items: [MergeCandidate] = []

    mutating func push(_ item: MergeCandidate) {
        items.append(item)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].precedes(items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> MergeCandidate? {
        guard !items.isEmpty else { return nil }
        let top = items[0]
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var best = parent
                if left < items.count, items[left].precedes(items[best]) { best = left }
                if right < items.count, items[right].precedes(items[best]) { best = right }
                if best == parent { break }
                items.swapAt(parent, best)
                parent = best
            }
        }
        return top
    }
}
