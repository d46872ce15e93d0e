import Clean
import Foundation
import PipelineKit

/// bytes → the clean stage on one document, twice: as an HTML page (libxml2
/// parse, furniture removal, article finding, metadata) and as a plain-text
/// page dump. A document may be dropped or fail with an error; nothing may
/// crash, hang or grow memory without bound.
enum FuzzClean {
    static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipe-fuzz-clean")
    static let stage: CleanStage = {
        var options = CleanStage.Options()
        options.minTextLength = 0
        return try! CleanStage(options: options, context: StageSetup(baseDirectory: folder))
    }()
    static let context = StageContext(pipelineName: "fuzz", runDate: "2026-11-20", baseDirectory: folder,
                                      outputDirectory: folder)

    static func run(_ data: Data) {
        // The reader hands stages text: bytes that are not UTF-8 arrive repaired, as here.
        let raw = String(decoding: data, as: UTF8.self)
        for mediaType in [MediaType.html, .markdown] {
            var document = Document(id: "fuzz", source: "fuzz/page", url: "https://example.test/page", raw: raw,
                                    mediaType: mediaType)
            _ = try? stage.process(&document, context: context)
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzClean(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    FuzzClean.run(data)
    return 0
}
