import Foundation
import PipelineKit
import Yams

/// Parses YAML text into ``ConfigNode``s, with limits that keep hostile files
/// (alias bombs, deep nesting) from exhausting the machine.
///
/// The expansion budget counts bytes, not values: an alias repeats its
/// anchor's whole value, so a few thousand aliases of one long string cost
/// as much as gigabytes of text, while a large file without aliases never
/// comes near the budget (a file is at most ``PipelineLoader/maxFileBytes``).
struct YAMLSource {
    /// Bytes of values, every alias expanded, that a pipeline file may come to.
    static let maxExpandedBytes = 16 * 1_048_576
    /// What each value costs beyond its text, so empty values and structure count too.
    static let bytesPerValue = 16
    /// Values allowed beyond one per byte of the file. Written out, every value
    /// takes at least a byte (an empty one comes with its key or `-`), so only
    /// aliases can pass this; it keeps an alias bomb of short values as quick to
    /// refuse as the file is short.
    static let extraValues = 10_000
    static let maxDepth = 64

    let file: String
    let text: String

    /// The document's root, or diagnostics for a syntax error or a limit.
    func parse() -> Result<ConfigNode?, Diagnostic> {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            return .failure(diagnostic(for: error))
        } catch {
            return .failure(Diagnostic("cannot parse YAML: \(error)", at: at(1, 1)))
        }
        guard let node else { return .success(nil) }
        var budget = Budget(bytes: Self.maxExpandedBytes, values: text.utf8.count + Self.extraValues)
        return convert(node, parent: at(1, 1), depth: 0, budget: &budget).map { $0 }
    }

    private func at(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    private func location(of node: Node, parent: SourceLocation) -> SourceLocation {
        node.mark.map { at($0.line, $0.column) } ?? parent
    }

    /// What is left of the expansion budget while converting.
    private struct Budget {
        var bytes: Int
        var values: Int
    }

    private func convert(_ node: Node, parent: SourceLocation, depth: Int, budget: inout Budget) -> Result<
        ConfigNode, Diagnostic
    > {
        let here = location(of: node, parent: parent)
        budget.values -= 1
        if budget.values < 0 {
            return .failure(
                Diagnostic(
                    "the file's aliases expand to more than \(text.utf8.count + Self.extraValues) values; refusing to load it",
                    at: here,
                    help:
                        "each YAML alias (`*name`) repeats its anchor's whole value; a pipeline needs no such repetition"
                ))
        }
        budget.bytes -= Self.bytesPerValue + (node.scalar?.string.utf8.count ?? 0)
        if budget.bytes < 0 {
            return .failure(
                Diagnostic(
                    "the file's values expand to more than \(Self.maxExpandedBytes) bytes; refusing to load it",
                    at: here,
                    help:
                        "each YAML alias (`*name`) repeats its anchor's whole value; a pipeline needs no such repetition"
                ))
        }
        if depth > Self.maxDepth {
            return .failure(Diagnostic("values are nested more than \(Self.maxDepth) levels deep", at: here))
        }
        switch node {
        case let .scalar(scalar):
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
            return .success(ConfigNode(.scalar(scalar.string, quoted: quoted), at: here))
        case let .sequence(sequence):
            var items: [ConfigNode] = []
            for item in sequence {
                switch convert(item, parent: here, depth: depth + 1, budget: &budget) {
                case let .success(value): items.append(value)
                case let .failure(error): return .failure(error)
                }
            }
            return .success(ConfigNode(.sequence(items), at: here))
        case let .mapping(mapping):
            var pairs: [(key: ConfigNode, value: ConfigNode)] = []
            for (key, value) in mapping {
                let convertedKey = convert(key, parent: here, depth: depth + 1, budget: &budget)
                let convertedValue = convert(value, parent: here, depth: depth + 1, budget: &budget)
                switch (convertedKey, convertedValue) {
                case let (.success(key), .success(value)): pairs.append((key, value))
                case let (.failure(error), _), let (_, .failure(error)): return .failure(error)
                }
            }
            return .success(ConfigNode(.mapping(pairs), at: here))
        case .alias:
            return .failure(Diagnostic("unresolved YAML alias", at: here))
        }
    }

    private func diagnostic(for error: YamlError) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            let help = context.map { "\($0.text) at line \($0.mark.line), column \($0.mark.column)" }
            return Diagnostic("YAML syntax: \(problem)", at: at(mark.line, mark.column), help: help)
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            return Diagnostic(
                "duplicate key \(keys) in mapping", at: at(context.mark.line, context.mark.column),
                help: "each key may appear once in a mapping")
        case let .reader(problem, offset, _, _):
            let (line, column) = offset.map(position(ofByte:)) ?? (1, 1)
            return Diagnostic("YAML reader: \(problem)", at: at(line, column))
        default:
            return Diagnostic("cannot parse YAML: \(error)", at: at(1, 1))
        }
    }

    private func position(ofByte offset: Int) -> (Int, Int) {
        var line = 1, column = 1, index = 0
        for scalar in text.unicodeScalars {
            if index >= offset { break }
            index += String(scalar).utf8.count
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}

extension ConfigNode {
    /// Parses YAML text (a stage's options, say) with the limits pipeline
    /// files have; nil for an empty document.
    public static func parse(yaml: String, file: String = "<yaml>") throws(PipelineValidationError) -> ConfigNode? {
        switch YAMLSource(file: file, text: yaml).parse() {
        case let .success(node): return node
        case let .failure(diagnostic): throw PipelineValidationError(diagnostics: [diagnostic], source: yaml)
        }
    }
}
