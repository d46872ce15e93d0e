import Foundation
import GRDB
import PipelineKit

/// The digest as a SQLite database that later runs add to, for querying with
/// `sqlite3`.
///
/// Tables: `runs` (one row per pipeline and date), `stories`, `documents`
/// (with their `story`), `entities` and `keywords` (one row per document and
/// name or term), indexed for lookups by story, site, date, entity and term.
/// Documents and stories are upserted by id: a second day's run adds its new
/// documents, updates the ones it saw again (keeping `first_run`), and
/// replaces their entities and keywords, never duplicating a row.
///
/// A new database is built under a temporary name and renamed into place; an
/// existing one is updated in one transaction, so a reader sees the whole
/// run's rows or none of them.
struct SQLiteDigest {
    /// Marks files this stage made (`PRAGMA application_id`): "pipe".
    static let applicationID: Int32 = 0x7069_7065
    static let schemaVersion = 1

    let digest: Digest

    static let schema = """
        CREATE TABLE runs (pipeline TEXT NOT NULL, date TEXT NOT NULL, documents INTEGER NOT NULL,
                           stories INTEGER NOT NULL, PRIMARY KEY (pipeline, date));
        CREATE TABLE stories (id TEXT PRIMARY KEY, headline TEXT, summary TEXT, first_seen TEXT, last_seen TEXT,
                              outlets TEXT NOT NULL, size INTEGER NOT NULL,
                              first_run TEXT NOT NULL, last_run TEXT NOT NULL);
        CREATE TABLE documents (id TEXT PRIMARY KEY, story TEXT, title TEXT, url TEXT, site TEXT, author TEXT,
                                published TEXT, language TEXT, summary TEXT, text TEXT NOT NULL, source TEXT NOT NULL,
                                first_run TEXT NOT NULL, last_run TEXT NOT NULL);
        CREATE INDEX documents_story ON documents (story);
        CREATE INDEX documents_site ON documents (site);
        CREATE INDEX documents_published ON documents (published);
        CREATE TABLE entities (document TEXT NOT NULL, text TEXT NOT NULL, type TEXT NOT NULL, count INTEGER NOT NULL,
                               PRIMARY KEY (document, type, text));
        CREATE INDEX entities_text ON entities (text, type);
        CREATE INDEX entities_type ON entities (type, text);
        CREATE TABLE keywords (document TEXT NOT NULL, rank INTEGER NOT NULL, term TEXT NOT NULL, score REAL NOT NULL,
                               PRIMARY KEY (document, rank));
        CREATE INDEX keywords_term ON keywords (term);
        """

    /// How ``write(to:place:isCancelled:)`` wrote the database.
    enum Written: Equatable {
        /// An existing database was updated in place: its rows are there whatever the run does next.
        case inPlace
        /// A new database, made beside `url` and handed to `place`.
        case new
    }

    /// Adds the digest to the database at `url`, creating it (and its folder) if needed.
    ///
    /// `isCancelled` is asked just before the transaction commits: an interrupted run rolls it back.
    @discardableResult
    /// A new database is made at a temporary path beside `url` and handed to
    /// `place`, which puts it at `url`; without one, it is renamed there now.
    func write(
        to url: URL, place: ((URL) throws(OutputFile.Failure) -> Void)? = nil,
        isCancelled: () -> Bool = { false }
    ) throws(OutputFile.Failure) -> Written {
        let display = PathText.display(url)
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .init(
                path: display, reason: "cannot create folder \(PathText.display(folder)): \(Self.describe(error))")
        }
        // Never open a FIFO or device as a database: opening a FIFO blocks, and SQLite would write into a device.
        try OutputFile.checkReplaceable(url)
        OutputFile.removeLeftovers(of: url)
        if FileManager.default.fileExists(atPath: url.path) {
            do {
                try update(path: url.path, isCancelled: isCancelled)
            } catch is CancellationError {
                throw .init(path: display, reason: "interrupted; rolled back")
            } catch let failure as OutputFile.Failure {
                throw .init(path: display, reason: failure.reason)
            } catch {
                throw .init(path: display, reason: Self.describe(error))
            }
            return .inPlace
        }
        let temporary = OutputFile.temporaryURL(for: url)
        unlink(temporary.path)
        do {
            try update(path: temporary.path, isCancelled: isCancelled)
        } catch {
            unlink(temporary.path)
            let reason = access(folder.path, W_OK) == 0 ? Self.describe(error) : "folder is not writable"
            throw .init(path: display, reason: reason)
        }
        if let place {
            try place(temporary)
        } else if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw .init(path: display, reason: reason)
        }
        return .new
    }

    /// Opens the database at `path` (rollback journal, so no side files stay
    /// behind), checks it is one of ours, and upserts the run in one transaction.
    private func update(path: String, isCancelled: () -> Bool) throws {
        var configuration = Configuration()
        configuration.journalMode = .default
        configuration.busyMode = .timeout(10)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        try queue.write { db in
            try prepareSchema(db)
            try insert(into: db)
            if isCancelled() { throw CancellationError() }
        }
    }

    private func prepareSchema(_ db: Database) throws {
        let application = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
        if application == 0, tables == 0 {
            try db.execute(sql: Self.schema)
            try db.execute(sql: "PRAGMA application_id = \(Self.applicationID)")
            try db.execute(sql: "PRAGMA user_version = \(Self.schemaVersion)")
            return
        }
        guard application == Self.applicationID else {
            throw OutputFile.Failure(
                path: "", reason: "it is a SQLite database that export did not make; choose another path")
        }
        guard version == Self.schemaVersion else {
            throw OutputFile.Failure(
                path: "", reason: "its schema version \(version) is not \(Self.schemaVersion); choose another path")
        }
    }

    private func insert(into db: Database) throws {
        let run = digest.date
        try db.execute(
            sql: """
                INSERT INTO runs (pipeline, date, documents, stories) VALUES (?, ?, ?, ?)
                ON CONFLICT (pipeline, date) DO UPDATE SET documents = excluded.documents, stories = excluded.stories
                """, arguments: [digest.pipeline, run, digest.documents.count, digest.stories.count])
        let story = try db.cachedStatement(
            sql: """
                INSERT INTO stories (id, headline, summary, first_seen, last_seen, outlets, size, first_run, last_run)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET headline = excluded.headline, summary = excluded.summary,
                    first_seen = excluded.first_seen, last_seen = excluded.last_seen, outlets = excluded.outlets,
                    size = excluded.size, last_run = excluded.last_run
                """)
        for item in digest.stories {
            let outlets = JSONValue.array(item.outlets.map { .string($0) }).compact
            try story.execute(arguments: [
                text(item.id), text(item.headline), text(item.summary), item.firstSeen.map(Timestamp.iso8601),
                item.lastSeen.map(Timestamp.iso8601), text(outlets), digest.members(of: item).count, run, run,
            ])
        }
        let document = try db.cachedStatement(
            sql: """
                INSERT INTO documents (id, story, title, url, site, author, published, language, summary, text, source,
                                       first_run, last_run)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET story = excluded.story, title = excluded.title, url = excluded.url,
                    site = excluded.site, author = excluded.author, published = excluded.published,
                    language = excluded.language, summary = excluded.summary, text = excluded.text,
                    source = excluded.source, last_run = excluded.last_run
                """)
        let clearEntities = try db.cachedStatement(sql: "DELETE FROM entities WHERE document = ?")
        let clearKeywords = try db.cachedStatement(sql: "DELETE FROM keywords WHERE document = ?")
        let entity = try db.cachedStatement(
            sql: """
                INSERT INTO entities (document, text, type, count) VALUES (?, ?, ?, ?)
                ON CONFLICT (document, type, text) DO UPDATE SET count = count + excluded.count
                """)
        let keyword = try db.cachedStatement(
            sql: "INSERT INTO keywords (document, rank, term, score) VALUES (?, ?, ?, ?)")
        for item in digest.documents {
            let id = text(item.id)
            try document.execute(arguments: [
                id, text(digest.storyID(of: item)), text(item.title), text(item.url), text(item.site),
                text(item.author),
                item.published.map(Timestamp.iso8601), text(item.language), text(item.summary), text(item.joinedText),
                text(item.source), run, run,
            ])
            try clearEntities.execute(arguments: [id])
            try clearKeywords.execute(arguments: [id])
            for mention in item.entities {
                try entity.execute(arguments: [id, text(mention.text), mention.type.rawValue, mention.count])
            }
            for (rank, term) in item.keywords.enumerated() {
                try keyword.execute(arguments: [id, rank + 1, text(term.term), (term.score * 1e6).rounded() / 1e6])
            }
        }
    }

    /// Text as stored: without control characters (tab and line feed stay), so
    /// a client printing a column cannot be steered by a scraped title.
    private func text(_ value: String?) -> String? {
        ControlCharacters.stripped(value)
    }

    private static func describe(_ error: any Error) -> String {
        if let failure = error as? OutputFile.Failure { return failure.reason }
        if let database = error as? DatabaseError { return database.message ?? database.description }
        return (error as NSError).localizedDescription
    }
}
