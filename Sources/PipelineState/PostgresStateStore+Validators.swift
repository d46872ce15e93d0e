#if Postgres
    import Foundation
    import PipelineKit
    import PipelineRuntime
    import PostgresNIO

    /// The web input's conditional-GET validators in the PostgreSQL store: table
    /// `pipe.fetch_validators`, as `fetch_validators` in SQLite. A store shared by
    /// several machines shares them too.
    ///
    /// ``ValidatorStore`` is synchronous (the fetcher asks once before it starts
    /// and saves once at the end), so each call uses a connection of its own,
    /// driven on NIO's event loops and waited for; it never waits on a task.
    extension PostgresStateStore: ValidatorStore {
        public func validators(pipeline: String) throws -> [String: RememberedValidators] {
            try blocking { connection in
                let rows = try connection.query(
                    """
                    SELECT url, etag, last_modified, record FROM pipe.fetch_validators WHERE pipeline = \(pipeline)
                    """, logger: connections.queryLogger
                ).wait()
                var found: [String: RememberedValidators] = [:]
                for row in rows {
                    let (url, etag, lastModified, record) = try row.decode((String, String?, String?, String).self)
                    found[url] = RememberedValidators(
                        validators: Validators(etag: etag, lastModified: lastModified), record: record)
                }
                return found
            }
        }

        public func saveValidators(_ validators: [String: RememberedValidators], pipeline: String) throws {
            guard !validators.isEmpty else { return }
            let logger = connections.queryLogger
            try blocking { connection in
                _ = try connection.query("BEGIN", logger: logger).wait()
                for (url, remembered) in validators.sorted(by: { $0.key < $1.key }) {
                    if remembered.validators.isEmpty {
                        _ = try connection.query(
                            """
                            DELETE FROM pipe.fetch_validators WHERE pipeline = \(pipeline) AND url = \(url)
                            """, logger: logger
                        ).wait()
                    } else {
                        _ = try connection.query(
                            """
                            INSERT INTO pipe.fetch_validators (pipeline, url, etag, last_modified, record)
                            VALUES (\(pipeline), \(url), \(remembered.validators.etag), \(remembered.validators.lastModified),
                                    \(remembered.record))
                            ON CONFLICT (pipeline, url) DO UPDATE SET etag = excluded.etag,
                                last_modified = excluded.last_modified, record = excluded.record
                            """, logger: logger
                        ).wait()
                    }
                }
                _ = try connection.query("COMMIT", logger: logger).wait()
            }
        }

        /// Runs `body` on a new connection, closed afterwards (which also rolls back a transaction left open by an error).
        private func blocking<Result>(_ body: (PostgresConnection) throws -> Result) throws -> Result {
            let connection = try connections.openBlocking()
            defer { try? connection.close().wait() }
            do {
                return try body(connection)
            } catch {
                throw PostgresStoreError(url.display, error)
            }
        }
    }
#endif
