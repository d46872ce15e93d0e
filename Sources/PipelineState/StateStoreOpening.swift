import Foundation
import PipelineKit
import PipelineRuntime

/// A pipeline's state store, opened by a command with the lock it asked for;
/// ``close()`` releases both.
public struct OpenedStateStore: Sendable {
    public let store: any StateStore & ValidatorStore
    /// Where the store is, for messages (a path, or a URL without its password).
    public let location: String
    private let closing: @Sendable () async -> Void

    init(store: any StateStore & ValidatorStore, location: String, closing: @escaping @Sendable () async -> Void) {
        self.store = store
        self.location = location
        self.closing = closing
    }

    /// Releases the run lock, if taken, and closes the store.
    public func close() async { await closing() }
}

/// Opens the store a pipeline's `state:` names — a SQLite file (`path`) or a
/// PostgreSQL database (`url`) — the one way `pipe run`, `pipe fetch` and
/// `pipe explain` do.
public enum StateStoreOpening {
    /// Whether the opener takes the store's one-run-at-a-time lock.
    public enum Lock: Sendable {
        /// Take it, waiting up to `wait` seconds for another run (a run, a fetch);
        /// `waiting` is told once, with a sentence to show, when it must wait.
        case run(wait: Double, cancellation: CancellationFlag?, waiting: @Sendable (String) -> Void)
        /// Don't: a shard of a run whose coordinating process holds it, or a reader such as `pipe explain`.
        case none
    }

    /// The store `pipeline.state` names, or nil when it names none.
    public static func open(_ pipeline: Pipeline, lock: Lock) async throws -> OpenedStateStore? {
        guard let state = pipeline.state else { return nil }
        if !state.url.isEmpty {
            return try await openPostgres(state, pipeline: pipeline, lock: lock)
        }
        guard let url = pipeline.stateURL else { return nil }
        // A FIFO or device named as the store is never opened: opening a FIFO blocks.
        try OutputFile.checkReplaceable(url)
        var runLock: RunLock?
        if case let .run(wait, cancellation, waiting) = lock {
            runLock = try RunLock.acquire(for: url, wait: wait, cancellation: cancellation, waiting: waiting)
        }
        do {
            let store = try SQLiteStateStore(url: url)
            let held = runLock
            return OpenedStateStore(store: store, location: PipelineLoader.displayPath(url)) { held?.release() }
        } catch {
            runLock?.release()
            throw error
        }
    }

    /// Thrown for `state: {url: …}` on a build without the `Postgres` trait (the loader says so first).
    public struct PostgresUnavailable: Error, CustomStringConvertible {
        public var description: String {
            "this pipe was built without PostgreSQL support: build it with `swift build --traits Postgres` (docs/state.md)"
        }
    }

    private static func openPostgres(_ state: StateOptions, pipeline: Pipeline, lock: Lock) async throws
        -> OpenedStateStore
    {
        #if Postgres
            let url = try PostgresURL(parsing: state.url)
            var request: PostgresRunLock.Request?
            if case let .run(wait, cancellation, waiting) = lock {
                request = PostgresRunLock.Request(
                    pipeline: pipeline.name, wait: wait, cancellation: cancellation, waiting: waiting)
            }
            let store = try await PostgresStateStore.open(url, runLock: request)
            return OpenedStateStore(store: store, location: url.display) { await store.close() }
        #else
            throw PostgresUnavailable()
        #endif
    }
}
