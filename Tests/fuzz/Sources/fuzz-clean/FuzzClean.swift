import Clean
import Foundation
import HTML
import PipelineKit

/// bytes → the clean stage on one document, twice: as an HTML page (libxml2
/// parse, furniture removal, article finding, metadata) and as a plain-text
/// page dump. A document may be dropped or fail with an error; nothing may
/// crash, hang or grow memory without bound.
///
/// Then the page is parsed whole and with an attribute selection and blank runs shortened: the
/// trees must be the same, node for node, once attributes not kept are left out of both and
/// runs of white space folded (a difference stops the run, so libFuzzer saves the input).
enum FuzzClean {
    static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipe-fuzz-clean")
    static let stage: CleanStage = {
        var options = CleanStage.Options()
        options.minTextLength = 0
        return try! CleanStage(options: options, context: StageSetup(baseDirectory: folder))
    }()
    static let context = StageContext(
        pipelineName: "fuzz", runDate: "2026-11-20", baseDirectory: folder,
        outputDirectory: folder)

    static func run(_ data: Data) {
        // The reader hands stages text: bytes that are not UTF-8 arrive repaired, as here.
        let raw = String(decoding: data, as: UTF8.self)
        for mediaType in [MediaType.html, .markdown] {
            var document = Document(
                id: "fuzz", source: "fuzz/page", url: "https://example.test/page", raw: raw,
                mediaType: mediaType)
            _ = try? stage.process(&document, context: context)
        }
        let whole = lines(HTMLDocument(parsing: raw, skippingScripts: true, droppingBlankText: true))
        let lighter = lines(
            HTMLDocument(
                parsing: raw, skippingScripts: true, droppingBlankText: true, attributes: selection,
                shorteningBlanks: true))
        precondition(whole == lighter, "the attribute selection changed the tree")
    }

    static let keptEverywhere: Set<String> = ["class", "id", "role", "hidden"]
    static let keptOnMeta: Set<String> = ["content", "name"]
    static let selection = AttributeSelection(everywhere: Array(keptEverywhere), on: ["meta": Array(keptOnMeta)])

    /// `text` with each run of libxml2's blanks as one space: shortened blank runs compare equal.
    static func folded(_ text: String) -> String {
        var out: [UInt8] = []
        for byte in text.utf8 {
            let blank = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
            if blank { if out.last != 0x20 { out.append(0x20) } } else { out.append(byte) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One line per node in document order, with only the attributes `selection` keeps and
    /// blank runs folded.
    static func lines(_ document: HTMLDocument) -> [String] {
        (0..<document.nodeCount).map { id in
            let node = document.node(id)
            let parent = node.parent?.id ?? -1
            switch node.kind {
            case .element:
                let kept = node.attributes.filter {
                    keptEverywhere.contains($0.name) || node.name == "meta" && keptOnMeta.contains($0.name)
                }
                return "\(parent) <\(node.name) \(kept.map { "\($0.name)=\($0.value)" }.joined(separator: "|"))>"
            default:
                return "\(parent) \(node.kind) \(folded(node.text).debugDescription)"
            }
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzClean(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    FuzzClean.run(data)
    return 0
}
