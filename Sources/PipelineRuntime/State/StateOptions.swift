import Foundation
import PipelineKit

/// The `state:` section of a pipeline file: where runs remember what they did.
///
/// With a state store, a run skips documents an earlier day already processed,
/// carries open stories forward, and resumes after a crash without redoing
/// finished documents. The store is a SQLite file (`path`, embedded, the
/// default) or a PostgreSQL database (`url`) that several machines share.
public struct StateOptions: PathSection {
    public var path = ""
    public var url = ""
    public var windowDays = 3

    public init() {}

    /// The short form `state: TEXT`: a PostgreSQL URL when it has the scheme, else a SQLite path,
    /// so `state: ${PIPE_STATE:-state/daily.sqlite}` takes either from the environment.
    public init(path: String) {
        if PostgresURL.isURL(path) {
            self.url = path
        } else {
            self.path = path
        }
    }

    public static let declarations: [OptionDeclaration<StateOptions>] = [
        .init(
            "path", \.path,
            help: "The SQLite file that keeps seen documents, stories and run reports; relative to the pipeline file."),
        .init(
            "url", \.url,
            help:
                "A PostgreSQL database instead of a SQLite file, postgres://USER@HOST:PORT/DATABASE (password as ${VAR}); see docs/state.md.",
            check: { text in text.isEmpty ? nil : Self.problem(url: text)?.message }),
        .init(
            "window_days", \.windowDays, range: 1...365,
            help:
                "Stories last seen within this many days before the run date stay open for new articles; unset, as long as the pipeline's cluster stage can still join a follow-up to them (85 days at its defaults)."
        ),
    ]

    public func validate() throws(OptionError) {
        if !path.isEmpty, !url.isEmpty {
            throw OptionError(
                "`path` and `url` both name a store",
                help: "keep `path` (a SQLite file) or `url` (a PostgreSQL database), not both")
        }
        // The short form `state: postgres://…` skips the per-option check.
        if !url.isEmpty, let problem = Self.problem(url: url) { throw problem }
    }

    public var namesSomething: Bool { !path.isEmpty || !url.isEmpty }

    /// Whether this build of pipe can use a PostgreSQL store (the package trait `Postgres`).
    public static var postgresAvailable: Bool {
        #if Postgres
            return true
        #else
            return false
        #endif
    }

    /// What is wrong with `url` as a store's URL, if anything.
    public static func problem(url: String) -> OptionError? {
        do {
            _ = try PostgresURL(parsing: url)
        } catch {
            return error
        }
        guard postgresAvailable else {
            return OptionError(
                "this pipe was built without PostgreSQL support: build it with `swift build --traits Postgres` "
                    + "(docs/state.md)", help: "or keep the state in a SQLite file with `path:`")
        }
        return nil
    }

    /// The store's URL, parsed (nil for a SQLite store; the loader has checked it).
    public var postgres: PostgresURL? {
        url.isEmpty ? nil : try? PostgresURL(parsing: url)
    }

    /// Where the store is, for messages: the SQLite path, or the URL without its password.
    public var location: String {
        postgres?.display ?? path
    }
}

/// A pipeline section written either as a bare path or as options with a `path`.
public protocol PathSection: StageOptions {
    var path: String { get }
    init(path: String)
    /// Whether the section names anything to read or keep (a path, or what else it takes instead).
    var namesSomething: Bool { get }
}

extension InputOptions: PathSection {
    public var namesSomething: Bool { !path.isEmpty || !web.isEmpty }
}
