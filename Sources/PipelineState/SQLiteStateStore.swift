import Foundation
import GRDB
import PipelineKit
import PipelineRuntime

/// The embedded ``StateStore``: one SQLite file (WAL mode) through GRDB.
///
/// Tables, all keyed by pipeline name:
/// - `runs`: each finished run's report;
/// - `documents`: every document id processed, its content hash, first and last run;
/// - `document_runs`: what each run made of each document (final JSON or reject);
/// - `checkpoints`: documents finished by the current date's run, for resuming;
/// - `stories` and `story_members`: stories with the run that added each member.
///
/// Query it with `sqlite3 state/daily.sqlite 'select * from runs'`.
public final class SQLiteStateStore: StateStore {
    let pool: DatabasePool
    public let path: String

    /// Marks a SQLite file as a pipe state store (`PRAGMA application_id`, "pips").
    static let applicationID: Int32 = 0x7069_7073
    /// The tables of a store made before stores carried ``applicationID``.
    static let tables: Set<String> = [
        "grdb_migrations", "runs", "documents", "document_runs", "checkpoints", "stories",
        "story_members",
    ]

    /// Why a file cannot be used as the state store; nothing was written to it.
    public struct NotAStore: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String {
            "state store \(path): \(reason); pipe did not touch it (choose another `state` path)"
        }
    }

    /// Opens (creating if needed) the store at `url`, creating its folder.
    /// An existing file is first checked to be one of ours, read-only: any
    /// other file or database is refused unmodified.
    public init(url: URL) throws {
        try Self.recognise(url)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        pool = try DatabasePool(path: url.path, configuration: configuration)
        path = url.path
        try Self.migrator.migrate(pool)
        try pool.write { db in
            if try Int32.fetchOne(db, sql: "PRAGMA application_id") == 0 {
                try db.execute(sql: "PRAGMA application_id = \(Self.applicationID)")
            }
        }
    }

    /// Throws ``NotAStore`` unless `url` is missing, empty, or a SQLite
    /// database that is ours (our application id, or our tables) or has no
    /// tables yet. Reads only; opens the database read-only.
    static func recognise(_ url: URL) throws {
        let display = PipelineLoader.displayPath(url)
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
                throw NotAStore(path: display, reason: isDirectory.boolValue ? "is a folder" : "cannot be read")
            }
            return
        }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        if header.isEmpty { return }
        guard header == Data("SQLite format 3\u{0}".utf8) else {
            throw NotAStore(path: display, reason: "is not a SQLite database")
        }
        // Read-only first; a WAL database whose -shm file is gone may need a
        // read-write connection to be read, which a read transaction never writes with.
        guard let (application, names) = schema(url.path, readonly: true) ?? schema(url.path, readonly: false) else {
            throw NotAStore(path: display, reason: "cannot be read as a SQLite database")
        }
        // Ours: our id; or none yet with no tables, all of ours, or GRDB's bookkeeping and some of ours —
        // a store another opener (a shard starting at the same moment) is creating right now.
        let beingMade = names.contains("grdb_migrations") && names.isSubset(of: tables)
        if application == applicationID
            || (application == 0 && (names.isEmpty || tables.isSubset(of: names) || beingMade))
        {
            return
        }
        let shown = names.sorted().prefix(5).joined(separator: ", ") + (names.count > 5 ? ", …" : "")
        throw NotAStore(
            path: display,
            reason: application != 0
                ? "is a SQLite database of another program (application id \(application))"
                : "is a SQLite database of another program (tables: \(shown))")
    }

    /// The application id and table names of the database at `path`, read in one read transaction.
    private static func schema(_ path: String, readonly: Bool) -> (Int32, Set<String>)? {
        var configuration = Configuration()
        configuration.readonly = readonly
        // The run before this one may still be closing the file (a WAL checkpoint) after it let go of
        // the run lock: wait for it rather than call a busy store unreadable.
        configuration.busyMode = .timeout(10)
        guard let queue = try? DatabaseQueue(path: path, configuration: configuration) else { return nil }
        defer { try? queue.close() }
        return try? queue.read { db in
            (
                try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
            )
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE runs (pipeline TEXT NOT NULL, date TEXT NOT NULL, report TEXT NOT NULL,
                                       PRIMARY KEY (pipeline, date));
                    CREATE TABLE documents (pipeline TEXT NOT NULL, id TEXT NOT NULL, source TEXT NOT NULL,
                                            hash TEXT NOT NULL, first_run TEXT NOT NULL, last_run TEXT NOT NULL,
                                            PRIMARY KEY (pipeline, id));
                    CREATE INDEX documents_source ON documents (pipeline, source);
                    CREATE TABLE document_runs (pipeline TEXT NOT NULL, date TEXT NOT NULL, id TEXT NOT NULL,
                                                source TEXT NOT NULL, story TEXT, document TEXT, reject TEXT,
                                                PRIMARY KEY (pipeline, date, id));
                    CREATE INDEX document_runs_source ON document_runs (pipeline, source);
                    CREATE TABLE checkpoints (pipeline TEXT NOT NULL, date TEXT NOT NULL, id TEXT NOT NULL,
                                              hash TEXT NOT NULL, fingerprint TEXT NOT NULL, document TEXT, reject TEXT,
                                              PRIMARY KEY (pipeline, date, id));
                    CREATE TABLE stories (pipeline TEXT NOT NULL, id TEXT NOT NULL, headline TEXT,
                                          first_run TEXT NOT NULL, last_run TEXT NOT NULL, story TEXT NOT NULL,
                                          PRIMARY KEY (pipeline, id));
                    CREATE TABLE story_members (pipeline TEXT NOT NULL, story TEXT NOT NULL, id TEXT NOT NULL,
                                                date TEXT NOT NULL, PRIMARY KEY (pipeline, story, id));
                    CREATE INDEX story_members_date ON story_members (pipeline, date);
                    """)
        }
        return migrator
    }

    // MARK: StateStore

    /// Ids per query: well under SQLite's limit on bound parameters.
    static let lookupChunk = 500

    public func priorWork(for ids: [String], run: RunKey, fingerprint: String) async throws -> [String: PriorWork] {
        guard !ids.isEmpty else { return [:] }
        return try await pool.read { db in
            var found: [String: PriorWork] = [:]
            var start = ids.startIndex
            while start < ids.endIndex {
                let chunk = Array(ids[start..<min(start + Self.lookupChunk, ids.endIndex)])
                start += chunk.count
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                let seen = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT id, hash, first_run FROM documents WHERE pipeline = ? AND last_run < ? AND id IN (\(marks))
                        """, arguments: StatementArguments([run.pipeline, run.date] + chunk))
                while let row = try seen.next() {
                    found[row["id"], default: PriorWork()].seen = SeenDocument(
                        hash: row["hash"], firstRun: row["first_run"])
                }
                let finished = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT id, hash, document, reject FROM checkpoints
                        WHERE pipeline = ? AND date = ? AND fingerprint = ? AND id IN (\(marks))
                        """, arguments: StatementArguments([run.pipeline, run.date, fingerprint] + chunk))
                while let row = try finished.next() {
                    let id: String = row["id"]
                    let outcome: Result<Document, Reject>
                    if let json: String = row["document"] {
                        outcome = .success(try StoreJSON.decode(Document.self, json))
                    } else if let json: String = row["reject"] {
                        outcome = .failure(try StoreJSON.decode(Reject.self, json))
                    } else {
                        continue
                    }
                    found[id, default: PriorWork()].checkpoint = Checkpoint(
                        id: id, hash: row["hash"], fingerprint: fingerprint,
                        outcome: outcome)
                }
            }
            return found
        }
    }

    public func saveCheckpoints(_ checkpoints: [Checkpoint], run: RunKey) async throws {
        guard !checkpoints.isEmpty else { return }
        let rows = try checkpoints.map { checkpoint -> StatementArguments in
            var document: String?, reject: String?
            switch checkpoint.outcome {
            case let .success(value): document = try StoreJSON.encode(value)
            case let .failure(value): reject = try StoreJSON.encode(value)
            }
            return [run.pipeline, run.date, checkpoint.id, checkpoint.hash, checkpoint.fingerprint, document, reject]
        }
        try await pool.write { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO checkpoints (pipeline, date, id, hash, fingerprint, document, reject)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
            for arguments in rows {
                try statement.execute(arguments: arguments)
            }
        }
    }

    public func openStories(before run: RunKey, windowDays: Int) async throws -> [StoredStory] {
        let oldest = Self.day(run.date, minus: windowDays) ?? run.date
        return try await pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT s.id, s.first_run, s.story, m.id AS member, m.date, r.document
                    FROM stories s
                    JOIN story_members m ON m.pipeline = s.pipeline AND m.story = s.id AND m.date < ?
                    JOIN document_runs r ON r.pipeline = s.pipeline AND r.date = m.date AND r.id = m.id
                    WHERE s.pipeline = ? AND s.first_run < ?
                    ORDER BY s.id, m.id
                    """, arguments: [run.date, run.pipeline, run.date])
            var stories: [StoredStory] = []
            var lastRun: [String: String] = [:]
            for row in rows {
                let id: String = row["id"]
                let memberDate: String = row["date"]
                if stories.last?.story.id != id {
                    stories.append(
                        StoredStory(
                            story: try StoreJSON.decode(Story.self, row["story"]), firstRun: row["first_run"],
                            members: []))
                }
                lastRun[id] = max(lastRun[id] ?? memberDate, memberDate)
                if let json: String = row["document"] {
                    stories[stories.count - 1].members.append(try StoreJSON.decode(Document.self, json))
                }
            }
            return stories.filter { (lastRun[$0.story.id] ?? "") >= oldest && !$0.members.isEmpty }
        }
    }

    public func finishRun(_ finished: FinishedRun) async throws {
        let run = finished.run
        let storyOf = finished.storyOfMember
        let sources = finished.sourceOfID
        let documents = try finished.documents.map { ($0, try FinishedRun.stored($0)) }
        let rejects = try finished.rejects.map { ($0, try StoreJSON.encode($0)) }
        let stories = try finished.stories.map { ($0, try StoreJSON.encode($0)) }
        let report = finished.report.compact
        try await pool.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO runs (pipeline, date, report) VALUES (?, ?, ?)",
                arguments: [run.pipeline, run.date, report])
            for (id, hash) in finished.processed.sorted(by: { $0.key < $1.key }) {
                try db.execute(
                    sql: """
                        INSERT INTO documents (pipeline, id, source, hash, first_run, last_run) VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (pipeline, id) DO UPDATE SET source = excluded.source, hash = excluded.hash,
                            last_run = excluded.last_run, first_run = min(first_run, excluded.first_run)
                        """, arguments: [run.pipeline, id, sources[id] ?? id, hash, run.date, run.date])
            }
            try db.execute(
                sql: "DELETE FROM document_runs WHERE pipeline = ? AND date = ?", arguments: [run.pipeline, run.date])
            for (document, json) in documents {
                try db.execute(
                    sql: """
                        INSERT INTO document_runs (pipeline, date, id, source, story, document) VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [run.pipeline, run.date, document.id, document.source, storyOf[document.id], json])
            }
            for (reject, json) in rejects where sources[reject.id] != nil {
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO document_runs (pipeline, date, id, source, reject) VALUES (?, ?, ?, ?, ?)
                        """, arguments: [run.pipeline, run.date, reject.id, reject.source, json])
            }
            try db.execute(
                sql: "DELETE FROM story_members WHERE pipeline = ? AND date = ?", arguments: [run.pipeline, run.date])
            for (story, json) in stories {
                try db.execute(
                    sql: """
                        INSERT INTO stories (pipeline, id, headline, first_run, last_run, story) VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (pipeline, id) DO UPDATE SET headline = excluded.headline, story = excluded.story,
                            last_run = max(last_run, excluded.last_run), first_run = min(first_run, excluded.first_run)
                        """, arguments: [run.pipeline, story.id, story.headline, run.date, run.date, json])
                for member in story.members {
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO story_members (pipeline, story, id, date) VALUES (?, ?, ?, ?)",
                        arguments: [run.pipeline, story.id, member, run.date])
                }
            }
            // Checkpoints only serve resuming the latest date.
            try db.execute(
                sql: "DELETE FROM checkpoints WHERE pipeline = ? AND date <> ?", arguments: [run.pipeline, run.date])
        }
    }

    public func lineage(of idOrSource: String, pipeline: String) async throws -> [LineageRecord] {
        try await pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT r.date, r.id, r.source, r.story, r.document, r.reject, s.headline
                    FROM document_runs r LEFT JOIN stories s ON s.pipeline = r.pipeline AND s.id = r.story
                    WHERE r.pipeline = ? AND (r.id = ? OR r.source = ?)
                    ORDER BY r.date DESC, r.id
                    """, arguments: [pipeline, idOrSource, idOrSource])
            return try rows.map { row in
                let document: String? = row["document"]
                let reject: String? = row["reject"]
                return LineageRecord(
                    date: row["date"], id: row["id"], source: row["source"],
                    document: try document.map { try StoreJSON.decode(Document.self, $0) },
                    reject: try reject.map { try StoreJSON.decode(Reject.self, $0) },
                    story: row["story"], storyHeadline: row["headline"])
            }
        }
    }

    // MARK: Helpers

    /// `YYYY-MM-DD` minus `days` days, or nil when `day` is not a date.
    static func day(_ day: String, minus days: Int) -> String? {
        guard let date = Timestamp.parse(day) else { return nil }
        return Timestamp.day(date.addingTimeInterval(-Double(days) * 86_400))
    }
}
