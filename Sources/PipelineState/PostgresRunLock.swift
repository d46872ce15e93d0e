#if Postgres
    import Foundation
    import PipeSupport
    import PipelineKit
    import PipelineRuntime
    import PostgresNIO

    /// One run at a time per pipeline on a PostgreSQL store, as ``RunLock`` is
    /// for a SQLite file: a session advisory lock (`pg_try_advisory_lock`) on a
    /// key derived from the pipeline's name, held on a connection of its own for
    /// as long as the run lasts.
    ///
    /// A second run waits for it, saying who holds it, for up to `--wait`
    /// seconds, then refuses with ``Busy``; nothing is lost either way. The
    /// server releases the lock when the holder's connection ends, so a run
    /// killed with -9 never blocks the next one. Different pipelines in one
    /// database do not wait for each other: every row is keyed by pipeline.
    ///
    /// The shards of one run are one run: the process that coordinates them holds
    /// the lock, and shard processes open the store without taking it
    /// (``PostgresStateStore/open(_:runLock:applicationName:)`` with `runLock: nil`).
    public final class PostgresRunLock: Sendable {
        /// What a run asks for: the lock of `pipeline`, waiting up to `wait` seconds.
        public struct Request: Sendable {
            public var pipeline: String
            public var wait: Double
            /// Raised (Ctrl-C) while waiting: stop waiting with `CancellationError`.
            public var cancellation: CancellationFlag?
            /// Called once, with a sentence to show, when another run holds the lock.
            public var waiting: @Sendable (String) -> Void

            public init(
                pipeline: String, wait: Double, cancellation: CancellationFlag? = nil,
                waiting: @escaping @Sendable (String) -> Void = { _ in }
            ) {
                self.pipeline = pipeline
                self.wait = wait
                self.cancellation = cancellation
                self.waiting = waiting
            }
        }

        /// Another run held the lock for longer than the caller would wait.
        public struct Busy: Error, CustomStringConvertible, Sendable {
            public let store: String
            public let pipeline: String
            public let holder: String?
            public let waited: Double

            public var description: String {
                "\(PostgresRunLock.who(holder)) is running `\(pipeline)` on \(store); gave up after waiting \(Self.seconds(waited)) "
                    + "(pass --wait SECONDS to wait longer, or run one at a time)"
            }

            static func seconds(_ value: Double) -> String {
                value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
            }
        }

        /// The lock's key: the pipeline's name hashed, kept positive so `pg_locks` shows it as `classid`/`objid` plainly.
        public static func key(pipeline: String) -> Int64 {
            Int64(bitPattern: StableHash.fnv1a("pipe run\u{1F}" + pipeline) & UInt64(Int64.max))
        }

        /// The transaction lock under which a new database gets its tables (once, however many shards open it).
        static let schemaKey = Int64(bitPattern: StableHash.fnv1a("pipe state schema") & UInt64(Int64.max))

        /// How long to sleep between tries while another run holds the lock.
        static let retryInterval: Duration = .milliseconds(200)

        let connection: PostgresConnection
        public let key: Int64
        public let pipeline: String

        private init(connection: PostgresConnection, key: Int64, pipeline: String) {
            self.connection = connection
            self.key = key
            self.pipeline = pipeline
        }

        static func acquire(_ request: Request, connections: PostgresConnections) async throws -> PostgresRunLock {
            let display = connections.url.display
            let logger = connections.queryLogger
            let key = Self.key(pipeline: request.pipeline)
            let connection = try await connections.open()
            let started = ContinuousClock.now
            var told = false
            do {
                while true {
                    var taken = false
                    for try await value in try await connection.query(
                        "SELECT pg_try_advisory_lock(\(key))", logger: logger
                    ).decode(Bool.self) {
                        taken = value
                    }
                    if taken { return PostgresRunLock(connection: connection, key: key, pipeline: request.pipeline) }
                    let holder = try await Self.holder(key, on: connection, logger: logger)
                    if (ContinuousClock.now - started) >= .milliseconds(Int64(request.wait * 1000)) {
                        throw Busy(store: display, pipeline: request.pipeline, holder: holder, waited: request.wait)
                    }
                    if !told {
                        told = true
                        request.waiting(
                            "\(Self.who(holder)) is running `\(request.pipeline)` on \(display); "
                                + "waiting up to \(Busy.seconds(request.wait)) for it to finish (--wait)")
                    }
                    if request.cancellation?.isCancelled == true { throw CancellationError() }
                    try await Task.sleep(for: Self.retryInterval)
                }
            } catch {
                try? await connection.close()
                if error is Busy || error is CancellationError { throw error }
                throw PostgresStoreError(display, error)
            }
        }

        /// The `application_name` of the session holding `key`, if the server shows it.
        private static func holder(_ key: Int64, on connection: PostgresConnection, logger: Logger) async throws
            -> String?
        {
            var name: String?
            for try await value in try await connection.query(
                """
                SELECT a.application_name::text FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                  AND ((l.classid::bigint << 32) | l.objid::bigint) = \(key)
                LIMIT 1
                """, logger: logger
            ).decode(String?.self) {
                name = value
            }
            return name.flatMap { $0.isEmpty ? nil : $0 }
        }

        /// "another pipe run (process 12 on host)" from an `application_name` such as `pipe 12@host`.
        static func who(_ holder: String?) -> String {
            guard let holder else { return "another pipe run" }
            if holder.hasPrefix("pipe "), let at = holder.firstIndex(of: "@") {
                let process = holder[holder.index(holder.startIndex, offsetBy: 5)..<at]
                return "another pipe run (process \(process) on \(holder[holder.index(after: at)...]))"
            }
            return "another session (\(holder))"
        }

        /// Releases the lock by ending its session.
        public func release() async {
            try? await connection.close()
        }

        /// Whether the lock's connection is still open: a run whose server restarted has lost its lock.
        public var isHeld: Bool { !connection.isClosed }
    }
#endif
