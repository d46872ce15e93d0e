import PipelineKit
import PipelineRuntime
import Clean
import Cluster
import Export
import Extract
import Filter
import Summarize

/// The stages compiled into `pipe`. `pipe new-stage` adds to this list (and to
/// `stagePlugins` in Package.swift); the module selector keeps a stage type
/// from being shadowed by a module of the same name.
enum BuiltinStages {
    static let all: [any Stage.Type] = [
        Clean::CleanStage.self,
        Extract::ExtractStage.self,
        Cluster::ClusterStage.self,
        Summarize::SummarizeStage.self,
        Export::ExportStage.self,
        Filter::FilterStage.self,
    ]

    static let registry = StageRegistry(all)
}
