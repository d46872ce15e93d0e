import Foundation
import PipelineKit
import PipelineRuntime
import PipelineState
import Testing

@Suite("state store: conditional-GET validators")
struct ValidatorStoreTests {
    func temporaryStore() throws -> (SQLiteStateStore, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("validators-\(UUID().uuidString)")
        return (try SQLiteStateStore(url: folder.appendingPathComponent("state.sqlite")), folder)
    }

    @Test(
        "validators are kept per pipeline and URL with their record, replaced by later saves, and forgotten when empty")
    func roundTrip() throws {
        let (store, folder) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try store.validators(pipeline: "daily").isEmpty)
        let feed = RememberedValidators(
            validators: Validators(etag: "\"f1\"", lastModified: "Thu, 19 Nov 2026 06:00:00 GMT"),
            record: "fetch-2026-11-20.warc.gz@0")
        let page = RememberedValidators(validators: Validators(etag: "\"p1\""), record: "fetch-2026-11-20.warc.gz@812")
        try store.saveValidators(["http://a.test/feed.xml": feed, "http://a.test/page": page], pipeline: "daily")
        try store.saveValidators(["http://a.test/feed.xml": page], pipeline: "other")
        #expect(
            try store.validators(pipeline: "daily") == ["http://a.test/feed.xml": feed, "http://a.test/page": page])
        #expect(try store.validators(pipeline: "other") == ["http://a.test/feed.xml": page])

        let newer = RememberedValidators(
            validators: Validators(lastModified: "Fri, 20 Nov 2026 06:00:00 GMT"),
            record: "fetch-2026-11-21.warc.gz@0")
        let gone = RememberedValidators(validators: Validators(), record: "fetch-2026-11-21.warc.gz@900")
        try store.saveValidators(["http://a.test/feed.xml": newer, "http://a.test/page": gone], pipeline: "daily")
        #expect(try store.validators(pipeline: "daily") == ["http://a.test/feed.xml": newer])
        #expect(try store.validators(pipeline: "other") == ["http://a.test/feed.xml": page])
    }

    @Test("validators survive reopening the store")
    func reopen() throws {
        let (store, folder) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("state.sqlite")
        #expect(try store.validators(pipeline: "daily").isEmpty)
        let kept = RememberedValidators(validators: Validators(etag: "W/\"x\""), record: "fetch-2026-11-20.warc.gz@42")
        try store.saveValidators(["http://b.test/": kept], pipeline: "daily")
        let reopened = try SQLiteStateStore(url: url)
        #expect(try reopened.validators(pipeline: "daily") == ["http://b.test/": kept])
    }
}
