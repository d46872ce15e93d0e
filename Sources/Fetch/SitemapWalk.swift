import Foundation
import PipelineKit
import PipelineRuntime

/// Follows sitemaps and sitemap indexes from the listed ones to their pages.
///
/// A `<sitemapindex>` names sitemaps, and in the wild sometimes further
/// indexes: they are followed level by level up to ``maxDepth`` below the
/// listed sitemap, each sitemap read once per run however many indexes name it
/// (so a cycle ends; a sitemap the pipeline lists is read as its own root
/// only), and a sitemap whose `lastmod` is outside the window is
/// not fetched. An index deeper than the limit is set aside with the reason.
struct SitemapWalk {
    /// Levels of sitemaps below a listed one that are fetched: the listed
    /// index, up to two levels of indexes under it, and the sitemaps they name.
    static let maxDepth = 3

    /// A page a sitemap lists, its location resolved against that sitemap.
    struct Page {
        var url: String
        var entry: SitemapParser.Entry
    }

    /// Sitemaps already read this run, by canonical URL.
    private var visited = Set<String>()
    /// The sitemaps the pipeline lists: read as their own roots, not again under an index.
    private let listed: Set<String>

    init(listed: [String]) {
        self.listed = Set(listed)
    }

    /// The pages reachable from the listed sitemap `root` (already fetched as
    /// `first`), in the order met, and the sitemaps set aside with their reasons.
    mutating func pages(
        from root: String, first: Swift.Result<StoredResponse, Reason>, inWindow: (Date?) -> Bool,
        fetch: ([String]) async -> [String: Swift.Result<StoredResponse, Reason>]
    ) async
        -> (pages: [Page], rejects: [(url: String, reason: String)])
    {
        var pages: [Page] = []
        var rejects: [(url: String, reason: String)] = []
        guard visited.insert(root).inserted else { return ([], []) }
        var level: [(String, Swift.Result<StoredResponse, Reason>)] = [(root, first)]
        var depth = 0
        while !level.isEmpty {
            var children: [String] = []
            for (url, result) in level {
                let stored: StoredResponse
                switch result {
                case let .failure(reason):
                    rejects.append((url, reason.text))
                    continue
                case let .success(value): stored = value
                }
                switch SitemapParser.parse(stored.message.body) {
                case let .failure(reason):
                    rejects.append((url, "sitemap cannot be read: \(reason.text)"))
                case let .success(parsed) where parsed.isIndex:
                    let named = parsed.entries.filter { inWindow($0.published) }
                        .compactMap { URLCanonicalizer.resolve($0.location, against: stored.url) }
                        .filter { !visited.contains($0) && !listed.contains($0) }
                    guard depth < Self.maxDepth else {
                        if !named.isEmpty {
                            rejects.append(
                                (
                                    url,
                                    "sitemap index nested more than \(Self.maxDepth) levels below \(root): "
                                        + "its \(named.count) sitemap\(named.count == 1 ? "" : "s") not followed"
                                ))
                        }
                        continue
                    }
                    for child in named where visited.insert(child).inserted { children.append(child) }
                case let .success(parsed):
                    for entry in parsed.entries {
                        guard let page = URLCanonicalizer.resolve(entry.location, against: stored.url) else {
                            rejects.append((entry.location, "not a fetchable URL (listed in \(url))"))
                            continue
                        }
                        pages.append(Page(url: page, entry: entry))
                    }
                }
            }
            let fetched = children.isEmpty ? [:] : await fetch(children)
            level = children.map { ($0, fetched[$0] ?? .failure(Reason("not fetched"))) }
            depth += 1
        }
        return (pages, rejects)
    }
}
