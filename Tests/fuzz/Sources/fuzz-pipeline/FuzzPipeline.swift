import Clean
import Cluster
import Export
import Extract
import Filter
import Foundation
import PipelineKit
import Summarize

/// bytes → the pipeline loader and validator, as `pipe validate` runs them: the
/// built-in stages' registry, the file-size limit, UTF-8 validation, then every
/// diagnostic rendered with its source line and caret. Any input may be
/// rejected; none may crash, hang or grow memory without bound.
enum FuzzPipeline {
    static let registry = StageRegistry([
        Clean::CleanStage.self, Extract::ExtractStage.self, Cluster::ClusterStage.self,
        Summarize::SummarizeStage.self, Export::ExportStage.self, Filter::FilterStage.self,
    ])
    /// A fixed environment, so `${VAR}` interpolation is deterministic.
    static let loader = PipelineLoader(
        registry: registry, environment: ["PIPE_INBOX": "inbox", "HOME": "/nonexistent"], checkInputExists: false)
    static let file = URL(fileURLWithPath: "/nonexistent/fuzz/pipeline.yaml")

    static func run(_ data: Data) {
        guard data.count <= PipelineLoader.maxFileBytes, let text = String(validating: data, as: UTF8.self) else {
            return
        }
        do {
            let pipeline = try loader.load(source: text, file: file)
            _ = pipeline.steps.map(\.name).joined(separator: " → ")
        } catch {
            _ = error.description
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    FuzzPipeline.run(data)
    return 0
}
