import Foundation
import GRDB
import PipelineKit
import PipelineRuntime
import Testing
@testable import PipelineState

/// `state:` may point at any file; the store checks it is one of ours before
/// writing anything, and leaves anything else exactly as it was.
@Suite("State store recognition")
struct StoreRecognitionTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pipe-recognise-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    @Test("another program's SQLite database is refused and left byte for byte as it was, no WAL files made")
    func foreignDatabase() throws {
        let url = folder.appendingPathComponent("notes.sqlite")
        let queue = try DatabaseQueue(path: url.path)
        try queue.write { try $0.execute(sql: "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')") }
        try queue.close()
        let before = try Data(contentsOf: url)
        #expect { try SQLiteStateStore(url: url) } throws: { error in
            "\(error)".contains("is a SQLite database of another program (tables: notes)")
        }
        #expect(try Data(contentsOf: url) == before)
        #expect(!FileManager.default.fileExists(atPath: url.path + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: url.path + "-shm"))
    }

    @Test(
        "a store caught half made by another opener is ours: several processes opening a new store at once all succeed")
    func halfMadeStore() throws {
        // What a second opener finds while the first is in its migration: GRDB's bookkeeping table
        // and none, or some, of ours.
        let url = folder.appendingPathComponent("racing.sqlite")
        let queue = try DatabaseQueue(path: url.path)
        try queue.write { try $0.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)") }
        try queue.close()
        _ = try SQLiteStateStore(url: url)
        // The same few names without GRDB's table are another program's, as before.
        let other = folder.appendingPathComponent("other.sqlite")
        let foreign = try DatabaseQueue(path: other.path)
        try foreign.write { try $0.execute(sql: "CREATE TABLE runs (x TEXT)") }
        try foreign.close()
        #expect(throws: SQLiteStateStore.NotAStore.self) { try SQLiteStateStore(url: other) }
    }

    @Test("a database with another program's application id is refused even with no tables")
    func foreignApplicationID() throws {
        let url = folder.appendingPathComponent("app.sqlite")
        let queue = try DatabaseQueue(path: url.path)
        try queue.write { try $0.execute(sql: "PRAGMA application_id = 42") }
        try queue.close()
        let before = try Data(contentsOf: url)
        #expect(throws: SQLiteStateStore.NotAStore.self) { try SQLiteStateStore(url: url) }
        #expect(try Data(contentsOf: url) == before)
    }

    @Test("a file that is not SQLite is refused unchanged")
    func notSQLite() throws {
        let url = folder.appendingPathComponent("notes.txt")
        try Data("just some notes\n".utf8).write(to: url)
        #expect { try SQLiteStateStore(url: url) } throws: { error in "\(error)".contains("is not a SQLite database") }
        #expect(try Data(contentsOf: url) == Data("just some notes\n".utf8))
    }

    @Test(
        "our own store opens again, also one made before stores carried an application id; an empty file becomes a store"
    )
    func ownStore() throws {
        let url = folder.appendingPathComponent("state.sqlite")
        _ = try SQLiteStateStore(url: url)
        _ = try SQLiteStateStore(url: url)
        let queue = try DatabaseQueue(path: url.path)
        try queue.write { try $0.execute(sql: "PRAGMA application_id = 0") }
        try queue.close()
        _ = try SQLiteStateStore(url: url)
        let empty = folder.appendingPathComponent("empty.sqlite")
        #expect(FileManager.default.createFile(atPath: empty.path, contents: nil))
        _ = try SQLiteStateStore(url: empty)
    }
}
