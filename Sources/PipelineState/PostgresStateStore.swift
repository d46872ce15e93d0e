#if Postgres
    import Foundation
    import Logging
    import PipelineKit
    import PipelineRuntime
    import PostgresNIO

    /// The shared ``StateStore``: a PostgreSQL database, for pipelines whose runs
    /// (or the shards of one run) happen on several machines.
    ///
    /// The tables are the SQLite store's (``SQLiteStateStore``), column for
    /// column, and so are the semantics; they live in the schema `pipe` of the
    /// database, so they meet no other program's tables, and `pipe.pipe_state`
    /// marks the schema as ours and holds its version. Keys are compared and
    /// sorted as bytes (`COLLATE "C"`), as SQLite does, whatever the database's
    /// locale. Documents, rejects and stories are kept as the same JSON text.
    ///
    /// Query it with `psql URL -c 'select pipeline, date from pipe.runs'`.
    ///
    /// One run at a time per pipeline: ``open(_:runLock:applicationName:)`` with a
    /// ``PostgresRunLock/Request`` takes a session advisory lock held on its own
    /// connection for the run (see ``PostgresRunLock``); the shards of a run open
    /// the store without one, and may write checkpoints at once from several
    /// processes.
    public final class PostgresStateStore: StateStore {
        let connections: PostgresConnections
        /// The run lock, when this process holds it.
        public let runLock: PostgresRunLock?
        public let url: PostgresURL

        /// The schema version this build writes; a store made by a newer one is refused.
        static let version = 1
        /// The tables besides the marker `pipe_state`, as in ``SQLiteStateStore``.
        static let tables = [
            "runs", "documents", "document_runs", "checkpoints", "stories", "story_members", "fetch_validators",
        ]

        private init(connections: PostgresConnections, runLock: PostgresRunLock?, url: PostgresURL) {
            self.connections = connections
            self.runLock = runLock
            self.url = url
        }

        /// Connects to `url`, takes the run lock when `runLock` asks for it (waiting as it says),
        /// and creates the schema on first use. Fails at once, in words, when the server cannot be
        /// reached, refuses the login, or holds a schema `pipe` that is not a pipe state store.
        ///
        /// - Parameter runLock: nil for a process that works for a run whose lock another process
        ///   holds (a shard), or for reading only (`pipe explain`).
        public static func open(
            _ url: PostgresURL, runLock request: PostgresRunLock.Request?,
            applicationName: String = PostgresStateStore.applicationName
        ) async throws -> PostgresStateStore {
            let connections = try PostgresConnections(url: url, applicationName: applicationName)
            var lock: PostgresRunLock?
            do {
                if let request {
                    lock = try await PostgresRunLock.acquire(request, connections: connections)
                }
                try await createSchema(connections)
            } catch {
                await lock?.release()
                await connections.close()
                throw error
            }
            return PostgresStateStore(connections: connections, runLock: lock, url: url)
        }

        /// How this process shows in `pg_stat_activity` and in the message of a run that waits for it.
        public static var applicationName: String {
            "pipe \(ProcessInfo.processInfo.processIdentifier)@\(ProcessInfo.processInfo.hostName)"
        }

        /// Releases the run lock (when held) and closes the connections.
        public func close() async {
            await runLock?.release()
            await connections.close()
        }

        // MARK: Schema

        /// A key column: compared and sorted as bytes, as in SQLite.
        private static let key = "TEXT COLLATE \"C\" NOT NULL"

        static let schemaStatements = [
            "CREATE SCHEMA IF NOT EXISTS pipe",
            "CREATE TABLE pipe.pipe_state (version INTEGER NOT NULL)",
            "INSERT INTO pipe.pipe_state (version) VALUES (\(version))",
            "CREATE TABLE pipe.runs (pipeline \(key), date \(key), report TEXT NOT NULL, PRIMARY KEY (pipeline, date))",
            """
            CREATE TABLE pipe.documents (pipeline \(key), id \(key), source \(key), hash TEXT NOT NULL, first_run \(key),
                                         last_run \(key), PRIMARY KEY (pipeline, id))
            """,
            "CREATE INDEX documents_source ON pipe.documents (pipeline, source)",
            """
            CREATE TABLE pipe.document_runs (pipeline \(key), date \(key), id \(key), source \(key), story TEXT COLLATE "C",
                                             document TEXT, reject TEXT, PRIMARY KEY (pipeline, date, id))
            """,
            "CREATE INDEX document_runs_source ON pipe.document_runs (pipeline, source)",
            """
            CREATE TABLE pipe.checkpoints (pipeline \(key), date \(key), id \(key), hash TEXT NOT NULL, fingerprint TEXT NOT NULL,
                                           document TEXT, reject TEXT, PRIMARY KEY (pipeline, date, id))
            """,
            """
            CREATE TABLE pipe.stories (pipeline \(key), id \(key), headline TEXT, first_run \(key), last_run \(key),
                                       story TEXT NOT NULL, PRIMARY KEY (pipeline, id))
            """,
            "CREATE TABLE pipe.story_members (pipeline \(key), story \(key), id \(key), date \(key), PRIMARY KEY (pipeline, story, id))",
            "CREATE INDEX story_members_date ON pipe.story_members (pipeline, date)",
            """
            CREATE TABLE pipe.fetch_validators (pipeline \(key), url \(key), etag TEXT, last_modified TEXT, record TEXT NOT NULL,
                                                PRIMARY KEY (pipeline, url))
            """,
        ]

        /// Creates the schema unless it is there, under a transaction-level advisory lock so
        /// that shards opening a new database at once make it once. A schema `pipe` without our
        /// marker, or marked by a newer pipe, is refused untouched.
        static func createSchema(_ connections: PostgresConnections) async throws {
            let display = connections.url.display
            let logger = connections.queryLogger
            try await withTransaction(connections) { connection in
                try await connection.run("SELECT pg_advisory_xact_lock(\(PostgresRunLock.schemaKey))", logger: logger)
                var marker: String?
                for try await name in try await connection.query(
                    "SELECT to_regclass('pipe.pipe_state')::text", logger: logger
                ).decode(String?.self) {
                    marker = name
                }
                if marker != nil {
                    var found: Int?
                    for try await version in try await connection.query(
                        "SELECT max(version) FROM pipe.pipe_state", logger: logger
                    )
                    .decode(Int?.self) {
                        found = version
                    }
                    if let found, found > version {
                        throw PostgresStoreError(
                            display,
                            "made by a newer pipe (schema version \(found), this one writes \(version)); "
                                + "pipe did not touch it")
                    }
                    return
                }
                var foreign: [String] = []
                for try await table in try await connection.query(
                    "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'pipe' ORDER BY 1",
                    logger: logger
                )
                .decode(String.self) {
                    foreign.append(table)
                }
                if !foreign.isEmpty {
                    let shown = foreign.prefix(5).joined(separator: ", ") + (foreign.count > 5 ? ", …" : "")
                    throw PostgresStoreError(
                        display,
                        "its schema `pipe` holds tables pipe did not make (\(shown)); "
                            + "pipe did not touch it (use another database)")
                }
                for statement in schemaStatements {
                    try await connection.run(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
            }
        }

        // MARK: StateStore

        /// Ids per query: one array parameter each, kept to a size the server takes quickly.
        static let lookupChunk = 10_000

        public func priorWork(for ids: [String], run: RunKey, fingerprint: String) async throws -> [String: PriorWork] {
            guard !ids.isEmpty else { return [:] }
            let logger = connections.queryLogger
            return try await withConnection(connections) { connection in
                var found: [String: PriorWork] = [:]
                var start = ids.startIndex
                while start < ids.endIndex {
                    let chunk = ids[start..<min(start + Self.lookupChunk, ids.endIndex)].map(PostgresText.encode)
                    start += chunk.count
                    let seen = try await connection.query(
                        """
                        SELECT id, hash, first_run FROM pipe.documents
                        WHERE pipeline = \(run.pipeline) AND last_run < \(run.date) AND id = ANY(\(chunk))
                        """, logger: logger)
                    for try await (stored, hash, firstRun) in seen.decode((String, String, String).self) {
                        found[PostgresText.decode(stored), default: PriorWork()].seen = SeenDocument(
                            hash: PostgresText.decode(hash),
                            firstRun: firstRun)
                    }
                    let finished = try await connection.query(
                        """
                        SELECT id, hash, document, reject FROM pipe.checkpoints
                        WHERE pipeline = \(run.pipeline) AND date = \(run.date) AND fingerprint = \(fingerprint) AND id = ANY(\(chunk))
                        """, logger: logger)
                    for try await (stored, hash, document, reject) in finished.decode(
                        (String, String, String?, String?).self)
                    {
                        let id = PostgresText.decode(stored)
                        let outcome: Result<Document, Reject>
                        if let document {
                            outcome = .success(try StoreJSON.decode(Document.self, document))
                        } else if let reject {
                            outcome = .failure(try StoreJSON.decode(Reject.self, reject))
                        } else {
                            continue
                        }
                        found[id, default: PriorWork()].checkpoint = Checkpoint(
                            id: id, hash: PostgresText.decode(hash), fingerprint: fingerprint,
                            outcome: outcome)
                    }
                }
                return found
            }
        }

        public func saveCheckpoints(_ checkpoints: [Checkpoint], run: RunKey) async throws {
            guard !checkpoints.isEmpty else { return }
            // One statement may not update a row twice: the last checkpoint of an id wins, as with SQLite's INSERT OR REPLACE.
            var latest: [String: Int] = [:]
            for (index, checkpoint) in checkpoints.enumerated() { latest[checkpoint.id] = index }
            var ids: [String] = [], hashes: [String] = [], fingerprints: [String] = [], documents: [String] = [],
                rejects: [String] = []
            for (index, checkpoint) in checkpoints.enumerated() where latest[checkpoint.id] == index {
                ids.append(PostgresText.encode(checkpoint.id))
                hashes.append(PostgresText.encode(checkpoint.hash))
                fingerprints.append(checkpoint.fingerprint)
                switch checkpoint.outcome {
                case let .success(value):
                    documents.append(try StoreJSON.encode(value))
                    rejects.append("")
                case let .failure(value):
                    documents.append("")
                    rejects.append(try StoreJSON.encode(value))
                }
            }
            let logger = connections.queryLogger
            // Arrays cannot hold NULL here: an empty string stands for it (no JSON text is empty).
            try await withConnection(connections) { connection in
                try await connection.run(
                    """
                    INSERT INTO pipe.checkpoints (pipeline, date, id, hash, fingerprint, document, reject)
                    SELECT \(run.pipeline), \(run.date), c.id, c.hash, c.fingerprint, NULLIF(c.document, ''), NULLIF(c.reject, '')
                    FROM unnest(\(ids)::text[], \(hashes)::text[], \(fingerprints)::text[], \(documents)::text[], \(rejects)::text[])
                        AS c (id, hash, fingerprint, document, reject)
                    ON CONFLICT (pipeline, date, id) DO UPDATE SET hash = excluded.hash, fingerprint = excluded.fingerprint,
                        document = excluded.document, reject = excluded.reject
                    """, logger: logger)
            }
        }

        public func openStories(before run: RunKey, windowDays: Int) async throws -> [StoredStory] {
            let oldest = SQLiteStateStore.day(run.date, minus: windowDays) ?? run.date
            let logger = connections.queryLogger
            return try await withConnection(connections) { connection in
                let rows = try await connection.query(
                    """
                    SELECT s.id, s.first_run, s.story, m.date, r.document
                    FROM pipe.stories s
                    JOIN pipe.story_members m ON m.pipeline = s.pipeline AND m.story = s.id AND m.date < \(run.date)
                    JOIN pipe.document_runs r ON r.pipeline = s.pipeline AND r.date = m.date AND r.id = m.id
                    WHERE s.pipeline = \(run.pipeline) AND s.first_run < \(run.date)
                    ORDER BY s.id, m.id
                    """, logger: logger)
                var stories: [StoredStory] = []
                var lastRun: [String: String] = [:]
                for try await (stored, firstRun, story, memberDate, document) in rows.decode(
                    (String, String, String, String, String?).self)
                {
                    let id = PostgresText.decode(stored)
                    if stories.last?.story.id != id {
                        stories.append(
                            StoredStory(story: try StoreJSON.decode(Story.self, story), firstRun: firstRun, members: [])
                        )
                    }
                    lastRun[id] = max(lastRun[id] ?? memberDate, memberDate)
                    if let document {
                        stories[stories.count - 1].members.append(try StoreJSON.decode(Document.self, document))
                    }
                }
                return stories.filter { (lastRun[$0.story.id] ?? "") >= oldest && !$0.members.isEmpty }
            }
        }

        /// Rows per statement when a run is recorded: each column is one array parameter, kept well under the
        /// server's limit on one value (1 GB) however long the documents are.
        static let rowsPerStatement = 500

        public func finishRun(_ finished: FinishedRun) async throws {
            let run = finished.run
            let storyOf = finished.storyOfMember
            let sources = finished.sourceOfID
            let processed = finished.processed.sorted { $0.key < $1.key }
            let documents = try finished.documents.map {
                document -> (id: String, source: String, story: String, json: String) in
                (
                    PostgresText.encode(document.id), PostgresText.encode(document.source),
                    storyOf[document.id].map(PostgresText.encode) ?? "", try FinishedRun.stored(document)
                )
            }
            let rejects = try finished.rejects.filter { sources[$0.id] != nil }.map {
                (PostgresText.encode($0.id), PostgresText.encode($0.source), try StoreJSON.encode($0))
            }
            // A story written twice: the later one wins, as SQLite's upserts one after another leave it.
            var storyIndex: [String: Int] = [:]
            for (index, story) in finished.stories.enumerated() { storyIndex[story.id] = index }
            let stories = try finished.stories.enumerated().filter { storyIndex[$0.element.id] == $0.offset }
                .map { ($0.element, try StoreJSON.encode($0.element)) }
            let members = finished.stories.flatMap { story in
                story.members.map { (PostgresText.encode(story.id), PostgresText.encode($0)) }
            }
            let report = finished.report.compact
            let logger = connections.queryLogger
            let chunk = Self.rowsPerStatement

            try await withTransaction(connections, holding: runLock) { connection in
                try await connection.run(
                    """
                    INSERT INTO pipe.runs (pipeline, date, report) VALUES (\(run.pipeline), \(run.date), \(report))
                    ON CONFLICT (pipeline, date) DO UPDATE SET report = excluded.report
                    """, logger: logger)
                for part in processed.slices(of: chunk) {
                    let ids = part.map { PostgresText.encode($0.key) },
                        hashes = part.map { PostgresText.encode($0.value) }
                    let partSources = part.map { PostgresText.encode(sources[$0.key] ?? $0.key) }
                    try await connection.run(
                        """
                        INSERT INTO pipe.documents (pipeline, id, source, hash, first_run, last_run)
                        SELECT \(run.pipeline), d.id, d.source, d.hash, \(run.date), \(run.date)
                        FROM unnest(\(ids)::text[], \(partSources)::text[], \(hashes)::text[]) AS d (id, source, hash)
                        ON CONFLICT (pipeline, id) DO UPDATE SET source = excluded.source, hash = excluded.hash,
                            last_run = excluded.last_run, first_run = LEAST(documents.first_run, excluded.first_run)
                        """, logger: logger)
                }
                try await connection.run(
                    "DELETE FROM pipe.document_runs WHERE pipeline = \(run.pipeline) AND date = \(run.date)",
                    logger: logger)
                for part in documents.slices(of: chunk) {
                    let ids = part.map(\.id), partSources = part.map(\.source), partStories = part.map(\.story),
                        json = part.map(\.json)
                    try await connection.run(
                        """
                        INSERT INTO pipe.document_runs (pipeline, date, id, source, story, document)
                        SELECT \(run.pipeline), \(run.date), d.id, d.source, NULLIF(d.story, ''), d.document
                        FROM unnest(\(ids)::text[], \(partSources)::text[], \(partStories)::text[], \(json)::text[])
                            AS d (id, source, story, document)
                        """, logger: logger)
                }
                for part in rejects.slices(of: chunk) {
                    let ids = part.map(\.0), partSources = part.map(\.1), json = part.map(\.2)
                    try await connection.run(
                        """
                        INSERT INTO pipe.document_runs (pipeline, date, id, source, reject)
                        SELECT \(run.pipeline), \(run.date), d.id, d.source, d.reject
                        FROM unnest(\(ids)::text[], \(partSources)::text[], \(json)::text[]) AS d (id, source, reject)
                        ON CONFLICT (pipeline, date, id) DO NOTHING
                        """, logger: logger)
                }
                try await connection.run(
                    "DELETE FROM pipe.story_members WHERE pipeline = \(run.pipeline) AND date = \(run.date)",
                    logger: logger)
                for part in stories.slices(of: chunk) {
                    let ids = part.map { PostgresText.encode($0.0.id) },
                        headlines = part.map { PostgresText.encode($0.0.headline ?? "") }
                    let hasHeadline = part.map { $0.0.headline != nil }
                    let json = part.map(\.1)
                    try await connection.run(
                        """
                        INSERT INTO pipe.stories (pipeline, id, headline, first_run, last_run, story)
                        SELECT \(run.pipeline), s.id, CASE WHEN s.has_headline THEN s.headline END, \(run.date), \(run.date), s.story
                        FROM unnest(\(ids)::text[], \(headlines)::text[], \(hasHeadline)::bool[], \(json)::text[])
                            AS s (id, headline, has_headline, story)
                        ON CONFLICT (pipeline, id) DO UPDATE SET headline = excluded.headline, story = excluded.story,
                            last_run = GREATEST(stories.last_run, excluded.last_run),
                            first_run = LEAST(stories.first_run, excluded.first_run)
                        """, logger: logger)
                }
                for part in members.slices(of: chunk * 4) {
                    let storyIDs = part.map(\.0), ids = part.map(\.1)
                    try await connection.run(
                        """
                        INSERT INTO pipe.story_members (pipeline, story, id, date)
                        SELECT \(run.pipeline), m.story, m.id, \(run.date) FROM unnest(\(storyIDs)::text[], \(ids)::text[]) AS m (story, id)
                        ON CONFLICT (pipeline, story, id) DO NOTHING
                        """, logger: logger)
                }
                // Checkpoints only serve resuming the latest date.
                try await connection.run(
                    "DELETE FROM pipe.checkpoints WHERE pipeline = \(run.pipeline) AND date <> \(run.date)",
                    logger: logger)
            }
        }

        public func lineage(of idOrSource: String, pipeline: String) async throws -> [LineageRecord] {
            let logger = connections.queryLogger
            let key = PostgresText.encode(idOrSource)
            return try await withConnection(connections) { connection in
                let rows = try await connection.query(
                    """
                    SELECT r.date, r.id, r.source, r.story, r.document, r.reject, s.headline
                    FROM pipe.document_runs r LEFT JOIN pipe.stories s ON s.pipeline = r.pipeline AND s.id = r.story
                    WHERE r.pipeline = \(pipeline) AND (r.id = \(key) OR r.source = \(key))
                    ORDER BY r.date DESC, r.id
                    """, logger: logger)
                var records: [LineageRecord] = []
                for try await (date, id, source, story, document, reject, headline)
                    in rows.decode((String, String, String, String?, String?, String?, String?).self)
                {
                    records.append(
                        LineageRecord(
                            date: date, id: PostgresText.decode(id), source: PostgresText.decode(source),
                            document: try document.map { try StoreJSON.decode(Document.self, $0) },
                            reject: try reject.map { try StoreJSON.decode(Reject.self, $0) },
                            story: story.map(PostgresText.decode), storyHeadline: headline.map(PostgresText.decode)))
                }
                return records
            }
        }
    }

    /// PostgreSQL text cannot hold the character U+0000, which SQLite keeps and a document id
    /// read from JSON may contain: such a text is stored as U+0001 followed by the text with
    /// `%`, U+0000 and U+0001 percent-escaped, and so is any text that starts with U+0001, so
    /// every id maps to one stored text and back. Every other text is stored as it is.
    enum PostgresText {
        static func encode(_ text: String) -> String {
            guard text.unicodeScalars.contains("\u{0}") || text.unicodeScalars.first == "\u{1}" else { return text }
            var out = "\u{1}"
            for scalar in text.unicodeScalars {
                switch scalar {
                case "%": out += "%25"
                case "\u{0}": out += "%00"
                case "\u{1}": out += "%01"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out
        }

        static func decode(_ text: String) -> String {
            guard text.unicodeScalars.first == "\u{1}" else { return text }
            return String(String.UnicodeScalarView(text.unicodeScalars.dropFirst())).removingPercentEncoding ?? text
        }
    }

    extension Array {
        /// The array in consecutive slices of at most `size` elements.
        func slices(of size: Int) -> [ArraySlice<Element>] {
            stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
        }
    }
#endif
