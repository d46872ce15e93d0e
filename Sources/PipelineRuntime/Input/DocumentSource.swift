import Foundation
import PipelineKit

/// Documents that come from somewhere other than the input path (the web),
/// handed to the runtime ready-made, with the reasons for those that could not be had.
///
/// The runtime passes them through the same stages, state checks and id
/// checks as documents read from files.
public protocol DocumentSource: Sendable {
    /// The documents for the run of `runDate` (`YYYY-MM-DD`), and the rejects.
    func documents(runDate: String) async -> (documents: [Document], rejects: [Reject])
}
