import Foundation
import PipelineKit

/// The `state:` section of a pipeline file: where runs remember what they did.
///
/// With a state store, a run skips documents an earlier day already processed,
/// carries open stories forward, and resumes after a crash without redoing
/// finished documents.
public struct StateOptions: PathSection {
    public var path = ""
    public var windowDays = 3

    public init() {}

    public init(path: String) {
        self.path = path
    }

    public static let declarations: [OptionDeclaration<StateOptions>] = [
        .init("path", \.path, help: "The SQLite file that keeps seen documents, stories and run reports; relative to the pipeline file."),
        .init("window_days", \.windowDays, range: 1...365,
              help: "Stories last seen within this many days before the run date stay open for new articles; unset, as long as the pipeline's cluster stage can still join a follow-up to them (85 days at its defaults)."),
    ]
}

/// A pipeline section written either as a bare path or as options with a `path`.
public protocol PathSection: StageOptions {
    var path: String { get }
    init(path: String)
}

extension InputOptions: PathSection {}
