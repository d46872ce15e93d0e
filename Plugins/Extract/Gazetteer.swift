import Foundation
import PipelineKit
import TextKit

/// Known names and their entity types: the built-in lists (see
/// `Benchmarks/tools/make_gazetteer.py`) plus any files a pipeline adds.
///
/// A file holds one `name<TAB>type` line per name (`type` is person,
/// organization, location or misc); blank lines and lines starting with `#`
/// are skipped. Names are matched as written, so "Apple" is not "apple".
public struct Gazetteer: Sendable {
    /// One known name.
    public struct Entry: Sendable, Hashable {
        public var type: Entity.Kind
        /// The name mentions of this entry merge under ("U.S." → "United States").
        public var canonical: String?
    }

    /// The names, numbered; `entries` by the same numbers. (Looked up for every capitalised run
    /// of every document: a `StringTable`, not a dictionary.)
    private var names = StringTable()
    private var entries: [Entry] = []
    /// Given names ("Eric", "Lennart"): a cue that a name follows.
    public private(set) var givenNames = StringTable()
    /// The longest name in words, to bound lookups.
    public private(set) var maxWords = 1

    /// How many names the gazetteer knows.
    public var count: Int { names.count }

    /// The built-in lists.
    public static let builtIn: Gazetteer = {
        var gazetteer = Gazetteer()
        try! gazetteer.add(lines: EmbeddedData.gazetteer, source: "built-in")
        gazetteer.givenNames = StringTable(EmbeddedData.givenNames.split(separator: "\n").map(String.init))
        return gazetteer
    }()

    /// Adds `name<TAB>type` lines; later lines override earlier ones.
    public mutating func add(lines: String, source: String) throws {
        for (number, line) in lines.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = trimmed.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2 else {
                throw GazetteerError("\(source):\(number + 1): expected `name<TAB>type`, found `\(trimmed)`")
            }
            let name = fields[0].trimmingCharacters(in: .whitespaces)
            let typeField = fields[1].split(separator: "=", maxSplits: 1)
            let typeName = typeField[0].trimmingCharacters(in: .whitespaces)
            guard let type = Entity.Kind(rawValue: typeName) else {
                throw GazetteerError(
                    "\(source):\(number + 1): unknown type `\(typeName)` (expected person, organization, location or misc)"
                )
            }
            let canonical = typeField.count > 1 ? String(typeField[1]) : nil
            let entry = Entry(type: type, canonical: canonical == name ? nil : canonical)
            let (number, inserted) = names.insert(name)
            if inserted { entries.append(entry) } else { entries[number] = entry }
            maxWords = max(maxWords, name.split(separator: " ").count)
        }
    }

    /// Adds the file at `url`.
    public mutating func add(contentsOf url: URL) throws {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw GazetteerError("cannot read gazetteer \(url.path): \(error.localizedDescription)")
        }
        try add(lines: text, source: url.path)
    }

    /// The entry for `name` as written, also trying it without a leading "the".
    public func lookup(_ name: String) -> Entry? {
        if let number = names.number(of: name) { return entries[number] }
        if name.hasPrefix("the ") || name.hasPrefix("The ") {
            return names.number(of: String(name.dropFirst(4))).map { entries[$0] }
        }
        return nil
    }
}

/// A gazetteer file that cannot be read or parsed.
public struct GazetteerError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
