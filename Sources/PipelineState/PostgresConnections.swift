#if Postgres
    import Foundation
    import Logging
    import NIOCore
    import NIOSSL
    import PipelineRuntime
    import PostgresNIO

    /// The connections a ``PostgresStateStore`` talks through: a few, opened as
    /// callers need them and kept for the next call.
    ///
    /// Not postgres-nio's `PostgresClient`: its pool retries a server it cannot
    /// reach, so a wrong port or password would make `pipe run` wait instead of
    /// saying so. Here an unreachable server or a refused login is an error at
    /// once, in words (``PostgresStoreError``). At most one call uses a
    /// connection at a time, so a transaction never interleaves with another
    /// caller's statements; a connection that saw an error is closed, not reused.
    actor PostgresConnections {
        let url: PostgresURL
        let configuration: PostgresConnection.Configuration
        private let logger: Logger
        private var idle: [PostgresConnection] = []
        private var nextID = 1
        private var closed = false

        /// Idle connections kept for reuse; more may be open while many calls run at once.
        static let keepIdle = 8

        init(url: PostgresURL, applicationName: String) throws {
            self.url = url
            var configuration = PostgresConnection.Configuration(
                host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
                tls: try Self.tls(url.tls))
            configuration.options.connectTimeout = .seconds(10)
            configuration.options.additionalStartupParameters = [("application_name", applicationName)]
            self.configuration = configuration
            var logger = Logger(label: "pipe.state.postgres")
            logger.logLevel = .critical
            self.logger = logger
        }

        /// As libpq's `sslmode`: `prefer` and `require` encrypt without checking the server's certificate.
        private static func tls(_ mode: PostgresURL.TLSMode) throws -> PostgresConnection.Configuration.TLS {
            guard mode != .disable else { return .disable }
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.certificateVerification = .none
            let context = try NIOSSLContext(configuration: tls)
            return mode == .require ? .require(context) : .prefer(context)
        }

        /// A connection nobody else uses until it is given back with ``giveBack(_:failed:)``.
        func take() async throws -> PostgresConnection {
            guard !closed else { throw PostgresStoreError(url.display, "the store is closed") }
            while let connection = idle.popLast() {
                if !connection.isClosed { return connection }
            }
            return try await open()
        }

        /// A new connection, not shared with the pool (the run lock holds one for the whole run).
        func open() async throws -> PostgresConnection {
            let id = nextID
            nextID += 1
            do {
                return try await PostgresConnection.connect(configuration: configuration, id: id, logger: logger)
            } catch {
                throw PostgresStoreError(url.display, error)
            }
        }

        func giveBack(_ connection: PostgresConnection, failed: Bool) async {
            if failed || closed || connection.isClosed || idle.count >= Self.keepIdle {
                // Closed before it is let go of: postgres-nio asserts that no open connection is dropped.
                try? await connection.close()
            } else {
                idle.append(connection)
            }
        }

        /// Closes every idle connection; calls after this fail.
        func close() async {
            closed = true
            let connections = idle
            idle.removeAll()
            for connection in connections {
                try? await connection.close()
            }
        }

        /// A connection that is not a task's but a blocking caller's (``ValidatorStore`` is synchronous):
        /// made and used on NIO's event loops, never on Swift's cooperative threads, so waiting cannot starve them.
        nonisolated func openBlocking() throws -> PostgresConnection {
            do {
                return try PostgresConnection.connect(
                    on: PostgresConnection.defaultEventLoopGroup.any(),
                    configuration: configuration, id: 0, logger: logger
                ).wait()
            } catch {
                throw PostgresStoreError(url.display, error)
            }
        }

        nonisolated var queryLogger: Logger { logger }
    }

    /// Runs `body` with a connection of `connections`, giving it back afterwards (closed when `body` threw).
    func withConnection<Result: Sendable>(
        _ connections: PostgresConnections,
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let connection = try await connections.take()
        do {
            let result = try await body(connection)
            await connections.giveBack(connection, failed: false)
            return result
        } catch {
            await connections.giveBack(connection, failed: true)
            throw PostgresStoreError(connections.url.display, error)
        }
    }

    /// Runs `body` in one transaction: every statement it makes is kept, or none.
    ///
    /// With `lock`, the transaction runs on the run lock's own session: while that session
    /// lives it holds the lock, so a run that lost its lock (the server restarted, the network
    /// dropped the connection, and another run may have taken the lock since) cannot record
    /// anything; it fails saying so instead.
    func withTransaction<Result: Sendable>(
        _ connections: PostgresConnections, holding lock: PostgresRunLock? = nil,
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let logger = connections.queryLogger
        guard let lock else {
            return try await withConnection(connections) { connection in
                try await connection.transaction(logger: logger, body)
            }
        }
        let lost = PostgresStoreError(
            connections.url.display,
            "this run lost its lock on `\(lock.pipeline)` (its connection to the server ended), so another run may "
                + "have started; nothing of this run was recorded: run it again")
        guard lock.isHeld else { throw lost }
        do {
            return try await lock.connection.transaction(logger: logger, body)
        } catch {
            throw lock.isHeld ? PostgresStoreError(connections.url.display, error) : lost
        }
    }

    extension PostgresConnection {
        /// Runs `body` between BEGIN and COMMIT, rolling back when it throws.
        func transaction<Result: Sendable>(
            logger: Logger, _ body: (PostgresConnection) async throws -> Result
        ) async throws -> Result {
            try await run("BEGIN", logger: logger)
            do {
                let result = try await body(self)
                try await run("COMMIT", logger: logger)
                return result
            } catch {
                // The connection is closed after an error, which rolls back too; ROLLBACK says so sooner.
                try? await run("ROLLBACK", logger: logger)
                throw error
            }
        }

        /// Runs a statement and reads its result to the end, so its errors (a broken constraint)
        /// are thrown here, before the next statement.
        func run(_ query: PostgresQuery, logger: Logger) async throws {
            for try await _ in try await self.query(query, logger: logger) {}
        }
    }

    /// Why the PostgreSQL state store could not do what was asked, in words, naming the
    /// server by its URL without the password.
    public struct PostgresStoreError: Error, CustomStringConvertible, Sendable {
        public let store: String
        public let reason: String

        public var description: String { "state store \(store): \(reason)" }

        init(_ store: String, _ reason: String) {
            self.store = store
            self.reason = reason
        }

        init(_ store: String, _ error: any Error) {
            if let error = error as? PostgresStoreError {
                self = error
            } else {
                self.init(store, Self.reason(error))
            }
        }

        /// postgres-nio's errors describe themselves vaguely on purpose (they may hold
        /// query data); say what happened from their parts instead.
        static func reason(_ error: any Error) -> String {
            if let error = error as? PSQLError {
                if let message = error.serverInfo?[.message] {
                    let code = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                    return "the server says: \(message)\(code)"
                }
                switch error.code {
                case .connectionError:
                    return "cannot connect: " + (error.underlying.map { "\($0)" } ?? "no answer")
                case .authMechanismRequiresPassword:
                    return
                        "the server asks for a password: give it in the URL, postgres://USER:${PASSWORD}@HOST:PORT/DATABASE"
                case .sslUnsupported:
                    return "the server does not offer TLS, and the URL says sslmode=require"
                case .serverClosedConnection, .uncleanShutdown:
                    return "the server closed the connection"
                default:
                    return "\(error.code)" + (error.underlying.map { ": \($0)" } ?? "")
                }
            }
            if let error = error as? PostgresDecodingError {
                return "unexpected data in column `\(error.columnName)` (\(error.code))"
            }
            if error is CancellationError { return "interrupted" }
            return "\(error)"
        }
    }
#endif
