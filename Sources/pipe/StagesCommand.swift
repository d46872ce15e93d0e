import ArgumentParser
import Foundation
import PipelineKit
import PipelineRuntime

struct StagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages",
        abstract: "List the stages, or show one stage's options.")

    @Argument(help: "A stage name, to show its options.")
    var name: String?

    func run() throws {
        let registry = BuiltinStages.registry
        guard let name else {
            let width = registry.names.map(\.count).max() ?? 0
            for stage in registry.stages {
                let shape = stage is any BatchStage.Type ? "batch" : "document"
                print(
                    "\(stage.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(shape.padding(toLength: 8, withPad: " ", startingAt: 0))  \(stage.abstract)"
                )
            }
            print("\nRun `pipe stages NAME` for a stage's options.")
            return
        }
        guard let stage = registry.stage(named: name) else {
            let hint = Suggestion.didYouMean(name, in: registry.names).map { " (\($0))" } ?? ""
            Terminal.error("error: no stage named `\(name)`\(hint)")
            throw ExitCode(2)
        }
        print(describe(stage))
    }

    func describe(_ stage: any Stage.Type) -> String {
        var out = "\(stage.name) — \(stage.abstract)\n"
        if !stage.discussion.isEmpty { out += "\n" + wrap(stage.discussion, indent: "") + "\n" }
        let contract = stage.contract
        if !contract.requires.isEmpty || !contract.produces.isEmpty {
            func list(_ fields: Set<DocumentField>) -> String {
                fields.isEmpty ? "-" : fields.sorted().map(\.name).joined(separator: ", ")
            }
            out += "\nreads:  \(list(contract.requires))\nwrites: \(list(contract.produces))\n"
        }
        let options = stage.optionHelp
        if options.isEmpty {
            out += "\nNo options.\n"
            return out
        }
        out += "\nOptions:\n"
        for option in options {
            let defaultText = option.defaultValue == .null ? "" : ", default \(option.defaultValue.compact)"
            out += "  \(option.name) (\(option.type)\(defaultText))\n"
            let note = option.implemented ? "" : " Not implemented yet: accepted and ignored."
            out += wrap(option.help + note, indent: "      ") + "\n"
        }
        return out
    }

    private func wrap(_ text: String, indent: String, width: Int = 78) -> String {
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ") {
            if line.count + word.count + 1 > width, line.count > indent.count {
                lines.append(line)
                line = indent
            }
            line += (line.count > indent.count ? " " : "") + word
        }
        if line.count > indent.count { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of pipeline files (for editors and the YAML language server).")

    func run() throws {
        print(PipelineSchema.schema(for: BuiltinStages.registry).pretty)
    }
}
