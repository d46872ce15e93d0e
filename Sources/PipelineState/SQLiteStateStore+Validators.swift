import Foundation
import GRDB
import PipelineKit
import PipelineRuntime

/// The web input's conditional-GET validators in the state store: table
/// `fetch_validators` (pipeline, canonical URL, `ETag`, `Last-Modified`, and
/// the replay record they describe), created on first save so stores that
/// never fetch are not touched.
///
/// `sqlite3 state/daily.sqlite 'select url, etag from fetch_validators'` lists them.
extension SQLiteStateStore: ValidatorStore {
    static let validatorsTable = "fetch_validators"

    public func validators(pipeline: String) throws -> [String: RememberedValidators] {
        try pool.read { db in
            guard try db.tableExists(Self.validatorsTable) else { return [:] }
            var found: [String: RememberedValidators] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT url, etag, last_modified, record FROM \(Self.validatorsTable) WHERE pipeline = ?
                    """, arguments: [pipeline])
            while let row = try rows.next() {
                found[row["url"]] = RememberedValidators(
                    validators: Validators(etag: row["etag"], lastModified: row["last_modified"]),
                    record: row["record"])
            }
            return found
        }
    }

    public func saveValidators(_ validators: [String: RememberedValidators], pipeline: String) throws {
        guard !validators.isEmpty else { return }
        try pool.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS \(Self.validatorsTable) (
                        pipeline TEXT NOT NULL, url TEXT NOT NULL, etag TEXT, last_modified TEXT, record TEXT NOT NULL,
                        PRIMARY KEY (pipeline, url))
                    """)
            for (url, remembered) in validators.sorted(by: { $0.key < $1.key }) {
                if remembered.validators.isEmpty {
                    try db.execute(
                        sql: "DELETE FROM \(Self.validatorsTable) WHERE pipeline = ? AND url = ?",
                        arguments: [pipeline, url])
                } else {
                    try db.execute(
                        sql: """
                            INSERT OR REPLACE INTO \(Self.validatorsTable) (pipeline, url, etag, last_modified, record)
                            VALUES (?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            pipeline, url, remembered.validators.etag, remembered.validators.lastModified,
                            remembered.record,
                        ])
                }
            }
        }
    }
}
