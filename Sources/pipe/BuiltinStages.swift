import PipelineKit
import PipelineRuntime

/// The stages compiled into `pipe`. The list itself, `BuiltinStages.all`, is
/// generated at build time by the RegisterStages plugin from the stage targets
/// in Package.swift (`stagePlugins`): that list is the one place a stage is
/// registered, and `pipe new-stage` adds to it.
enum BuiltinStages {
    static let registry = StageRegistry(all)
}
