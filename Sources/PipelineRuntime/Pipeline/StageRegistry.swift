import PipelineKit
/// The stages a pipeline can name, by name.
///
/// Built at compile time from a list of types (the `pipe` executable's
/// `BuiltinStages.all`); nothing is loaded dynamically.
public struct StageRegistry: Sendable {
    public let stages: [any Stage.Type]

    /// Registers `stages`; names must be unique and well formed.
    public init(_ stages: [any Stage.Type]) {
        var seen = Set<String>()
        for stage in stages {
            precondition(Self.isValidName(stage.name), "stage name `\(stage.name)` must match [a-z][a-z0-9_-]*")
            precondition(seen.insert(stage.name).inserted, "two stages are named `\(stage.name)`")
        }
        self.stages = stages.sorted { $0.name < $1.name }
    }

    public var names: [String] { stages.map { $0.name } }

    public func stage(named name: String) -> (any Stage.Type)? {
        stages.first { $0.name == name }
    }

    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        }
    }
}
