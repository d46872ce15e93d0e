import Foundation
import PipelineKit
import PipelineRuntime

/// The pipeline's web input as documents: feeds and sitemaps read for the
/// day's items, their article pages fetched, plus the listed URLs.
///
/// Each document's id is its canonical URL; a feed item keeps the feed's
/// title, date and author (the page's own, found by `clean`, take over where
/// the page has them). When an item's page cannot be had, or is not HTML, the
/// feed's own content stands in, with a note in `attributes.fetch_note`; with
/// no content either, the URL is a reject with the reason. Everything fetched
/// is kept in the ``ReplayStore``; an offline source reads only from it, so the
/// same documents come out, byte for byte.
public final class WebSource: DocumentSource, @unchecked Sendable {
    public let options: WebInputOptions
    public let store: ReplayStore
    /// Nil when offline: everything comes from the replay folder.
    private let fetcher: Fetcher?
    /// The bomb and size limit of files (`input.max_file_mb`), for bodies too.
    private let maxBytes: Int
    private let lock = NSLock()
    private var counts = Counts()

    /// What the fetch phase did, for the summary.
    public struct Counts: Sendable, Equatable {
        public var fetched = 0
        public var notModified = 0
        public var replayed = 0
        public var failed = 0
    }

    public init(options: WebInputOptions, store: ReplayStore, fetcher: Fetcher?, maxBytes: Int) {
        self.options = options
        self.store = store
        self.fetcher = fetcher
        self.maxBytes = maxBytes
    }

    /// A source for `input`: online with a URLSession transport, or offline from the replay folder.
    /// Online, a pipeline's state store that is a ``ValidatorStore`` keeps the validators under the pipeline's name.
    public static func make(
        input: InputOptions, baseDirectory: URL, runDate: String, offline: Bool,
        validatorStore: (any ValidatorStore)? = nil, pipeline: String = ""
    ) throws -> WebSource {
        let web = input.web
        let folder = URL(resolving: web.replay, against: baseDirectory)
        let store = try ReplayStore(
            folder: folder, runDate: runDate, validatorStore: offline ? nil : validatorStore,
            pipeline: pipeline, maxBytes: input.maxFileBytes)
        var fetchOptions = FetchOptions()
        fetchOptions.userAgent = web.userAgent
        fetchOptions.perHost = web.perHost
        fetchOptions.delay = Double(web.delayMS) / 1000
        fetchOptions.totalTimeout = Double(web.timeoutSeconds)
        fetchOptions.connectTimeout = Double(min(web.connectTimeoutSeconds, web.timeoutSeconds))
        fetchOptions.idleTimeout = min(10, Double(web.timeoutSeconds))
        fetchOptions.deadline = Double(web.deadlineSeconds)
        fetchOptions.maxRedirects = web.maxRedirects
        fetchOptions.maxBytes = input.maxFileBytes
        let fetcher =
            offline
            ? nil
            : Fetcher(
                options: fetchOptions,
                transport: DefaultTransport(connectionsPerHost: fetchOptions.perHost))
        return WebSource(options: web, store: store, fetcher: fetcher, maxBytes: input.maxFileBytes)
    }

    public var summary: Counts { lock.withLock { counts } }

    /// A page to fetch and what a feed said about it.
    struct Item: Sendable {
        var url: String
        var from: String
        var feedDocument: Document?
    }

    public func documents(runDate: String) async -> (documents: [Document], rejects: [Reject]) {
        var rejects: [Reject] = []
        var items: [Item] = []
        var seen = Set<String>()
        let windowEnd = (Timestamp.parse(runDate) ?? Date()).addingTimeInterval(86400)
        let windowStart = windowEnd.addingTimeInterval(-Double(options.windowHours) * 3600)
        func inWindow(_ date: Date?) -> Bool {
            guard let date else { return true }
            return date >= windowStart && date < windowEnd
        }
        func add(_ item: Item) {
            if seen.insert(item.url).inserted { items.append(item) }
        }
        func reject(_ url: String, _ reason: String, source: String? = nil) {
            rejects.append(Reject(id: url, source: source ?? url, stage: "fetch", kind: .unreadable, reason: reason))
        }

        // Feeds and sitemaps first, in the order listed, so deduplication keeps the first listing.
        let listings = await fetchAll(options.feeds.map(\.text) + options.sitemaps.map(\.text))
        for feed in options.feeds.map(\.text) {
            guard let canonical = URLCanonicalizer.canonical(feed), let result = listings[canonical] else {
                reject(feed, "not a fetchable URL")
                continue
            }
            let response: StoredResponse
            switch result {
            case let .failure(reason):
                reject(canonical, reason.text)
                continue
            case let .success(stored): response = stored
            }
            switch WebPageDecoding.feedItems(response.message.body, source: canonical) {
            case let .failure(failure):
                reject(canonical, "feed cannot be read: \(failure.message)")
            case let .success(entries):
                let recent = entries.filter { inWindow($0.published) }
                let newest = recent.enumerated().sorted { a, b in
                    let (x, y) = (a.element.published ?? .distantPast, b.element.published ?? .distantPast)
                    return x != y ? x > y : a.offset < b.offset
                }.prefix(options.maxPerFeed).sorted { $0.offset < $1.offset }.map(\.element)
                for entry in newest {
                    guard let link = entry.url, let page = URLCanonicalizer.resolve(link, against: response.url) else {
                        if !(entry.raw ?? "").isEmpty {
                            var document = entry
                            document.attributes["fetch_note"] = .string(
                                "the feed item has no link: the feed's content is used")
                            add(Item(url: entry.id, from: canonical, feedDocument: document))
                        } else {
                            reject(entry.id, "feed item has no link and no content", source: canonical)
                        }
                        continue
                    }
                    add(Item(url: page, from: canonical, feedDocument: entry))
                }
            }
        }
        var walk = SitemapWalk(listed: options.sitemaps.compactMap { URLCanonicalizer.canonical($0.text) })
        for sitemap in options.sitemaps.map(\.text) {
            guard let canonical = URLCanonicalizer.canonical(sitemap), let result = listings[canonical] else {
                reject(sitemap, "not a fetchable URL")
                continue
            }
            let (pages, problems) = await walk.pages(from: canonical, first: result, inWindow: inWindow) {
                await self.fetchAll($0)
            }
            for problem in problems { reject(problem.url, problem.reason, source: canonical) }
            // The newest `max_per_feed` of the window's pages, kept in the order listed (as for feeds).
            let recent = pages.enumerated().filter { inWindow($0.element.entry.published) }.sorted { a, b in
                let (x, y) = (a.element.entry.published ?? .distantPast, b.element.entry.published ?? .distantPast)
                return x != y ? x > y : a.offset < b.offset
            }.prefix(options.maxPerFeed).sorted { $0.offset < $1.offset }.map(\.element)
            for page in recent {
                var document: Document?
                if page.entry.title != nil || page.entry.published != nil {
                    document = Document(
                        id: page.url, source: canonical, url: page.url, raw: nil, mediaType: .html,
                        title: page.entry.title, published: page.entry.published)
                }
                add(Item(url: page.url, from: canonical, feedDocument: document))
            }
        }
        for url in options.urls.map(\.text) {
            guard let canonical = URLCanonicalizer.canonical(url) else {
                reject(url, "not a fetchable URL")
                continue
            }
            add(Item(url: canonical, from: canonical, feedDocument: nil))
        }

        let pages = await fetchAll(items.map(\.url))
        var documents: [Document] = []
        for item in items {
            switch document(for: item, result: pages[item.url] ?? .failure(Reason("not fetched"))) {
            case let .success(document): documents.append(document)
            case let .failure(reason): reject(item.url, reason.text, source: item.url)
            }
        }
        do {
            try store.save()
        } catch {
            rejects.append(
                Reject(
                    id: store.folder.path, source: store.folder.path, stage: "fetch", kind: .unreadable,
                    reason: "cannot save the replay folder's index or validators: \(error)"))
        }
        return (documents.sorted { $0.id < $1.id }, rejects.sorted { ($0.source, $0.id) < ($1.source, $1.id) })
    }

    /// The document for a page, or the feed's content with a note, or why there is none.
    private func document(for item: Item, result: Swift.Result<StoredResponse, Reason>)
        -> Swift.Result<Document, Reason>
    {
        var pageProblem: String
        switch result {
        case let .success(stored):
            let contentType = stored.message["Content-Type"]?.lowercased() ?? ""
            let isHTML = contentType.isEmpty || contentType.contains("html")
            let isText = contentType.hasPrefix("text/plain")
            if isHTML || isText {
                do {
                    let decoded = try WebPageDecoding.decode(
                        stored.message.body, contentType: contentType, html: isHTML)
                    if decoded.text.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
                        pageProblem = "the page is empty"
                    } else {
                        var document = Document(
                            id: item.url, source: item.url, url: stored.url, raw: decoded.text,
                            mediaType: isHTML ? .html : .text)
                        if let feed = item.feedDocument {
                            document.title = feed.title
                            document.author = feed.author
                            document.published = feed.published
                            document.site = feed.site
                            document.attributes["feed"] = .string(item.from)
                        }
                        if let note = decoded.note { document.attributes["encoding"] = .string(note) }
                        document.attributes["fetched"] = .string(Timestamp.iso8601(stored.fetched))
                        return .success(document)
                    }
                } catch {
                    pageProblem = "the page cannot be decoded: \(error.message)"
                }
            } else {
                pageProblem = "not HTML (\(contentType))"
            }
        case let .failure(reason):
            pageProblem = reason.text
        }
        if var feed = item.feedDocument, let raw = feed.raw, !raw.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
            feed.id = item.url
            feed.source = item.url
            feed.url = feed.url ?? item.url
            feed.attributes["feed"] = .string(item.from)
            feed.attributes["fetch_note"] = .string(
                "article page unavailable (\(pageProblem)): the feed's content is used")
            return .success(feed)
        }
        return .failure(
            Reason(
                item.feedDocument == nil ? pageProblem : "\(pageProblem); the feed item has no content to fall back on")
        )
    }

    /// Fetches (or, offline, looks up) every URL at once; the fetcher keeps hosts polite.
    private func fetchAll(_ urls: [String]) async -> [String: Swift.Result<StoredResponse, Reason>] {
        let canonical = urls.compactMap(URLCanonicalizer.canonical)
        return await withTaskGroup(of: (String, Swift.Result<StoredResponse, Reason>).self) { group in
            for url in Set(canonical) {
                group.addTask { (url, await self.get(url)) }
            }
            var results: [String: Swift.Result<StoredResponse, Reason>] = [:]
            for await (url, result) in group { results[url] = result }
            return results
        }
    }

    /// One URL: fetched and kept (conditionally when validators are known), or read from the replay folder.
    private func get(_ url: String) async -> Swift.Result<StoredResponse, Reason> {
        guard let fetcher else {
            do {
                if let stored = try store.stored(url) {
                    lock.withLock { counts.replayed += 1 }
                    return .success(stored)
                }
                return .failure(
                    Reason("not in the replay folder \(PipelineLoader.displayPath(store.folder)) (offline run)"))
            } catch {
                return .failure(Reason("\(error)"))
            }
        }
        switch await fetcher.fetch(url, validators: store.validators(url)) {
        case let .failure(failure):
            lock.withLock { counts.failed += 1 }
            store.keepFailure(url, reason: failure.reason)
            return .failure(Reason(failure.reason))
        case let .success(page):
            do {
                let stored = try store.keep(page)
                lock.withLock {
                    if page.status == 304 { counts.notModified += 1 } else { counts.fetched += 1 }
                }
                return .success(stored)
            } catch {
                return .failure(Reason("cannot keep the response in the replay folder: \(error)"))
            }
        }
    }
}
