import Foundation
import Testing
@testable import PipelineKit
@testable import PipelineRuntime

/// Files that are not what they seem: FIFOs, devices, folders, byte-order
/// marks, numbers JSON allows but a Double cannot hold, names in two Unicode forms.
@Suite("Unusual files")
struct UnusualFilesTests {
    let folder: URL

    init() throws {
        folder = try temporaryFolder("unusual")
    }

    func read(_ path: String = ".") -> InputReader.Result {
        InputReader(options: InputOptions(path: path)).read(path: path, base: folder, jobs: 2)
    }

    func loadProblems(_ url: URL) -> [String] {
        do {
            _ = try TestStages.loader().load(file: url)
            return []
        } catch {
            return error.diagnostics.map(\.message)
        }
    }

    @Test("a FIFO in the input folder is set aside without being opened")
    func fifoInput() throws {
        try folder.write("ok.txt", "fine")
        #expect(mkfifo(folder.appendingPathComponent("pipe.html").path, 0o644) == 0)
        let result = read()
        #expect(result.documents.map(\.id) == ["ok.txt"])
        #expect(result.rejects.map(\.reason) == ["a FIFO (named pipe), not a regular file; not read"])
    }

    @Test("a device as the input path is set aside, not read for ever")
    func deviceInput() {
        let result = read("/dev/zero")
        #expect(result.documents.isEmpty)
        #expect(result.rejects.map(\.reason) == ["a device, not a regular file; not read"])
    }

    @Test("a FIFO, a device or a folder as the pipeline file is named for what it is")
    func pipelineFileKinds() throws {
        let fifo = folder.appendingPathComponent("p.yaml")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        #expect(loadProblems(fifo).first?.hasSuffix("is a FIFO (named pipe), not a regular file") == true)
        #expect(
            loadProblems(URL(fileURLWithPath: "/dev/zero")) == [
                "pipeline file `/dev/zero` is a device, not a regular file"
            ])
        #expect(loadProblems(folder).first?.hasSuffix("is a folder") == true)
        #expect(loadProblems(folder).first?.contains("permission") == false)
    }

    @Test("a UTF-8 byte-order mark before the first key is accepted")
    func byteOrderMark() throws {
        try folder.write("inbox/a.txt", "hello")
        let file = try folder.write(
            "bom.yaml", Data([0xEF, 0xBB, 0xBF]) + Data("input: inbox\nstages: [upcase]\n".utf8))
        let pipeline = try TestStages.loader().load(file: file)
        #expect(pipeline.steps.map(\.name) == ["upcase"])
    }

    @Test("a number beyond a Double's range is named in the reason, the other lines read")
    func hugeNumber() throws {
        try folder.write(
            "wire.jsonl",
            #"{"id": "a", "text": "fine"}"# + "\n" + #"{"id": "b", "text": "x", "score": 1e400}"# + "\n"
                + #"{"id": "c", "text": "1e400 in a string is text"}"#)
        let result = read()
        #expect(result.documents.map(\.id) == ["a", "c"])
        #expect(
            result.rejects.map(\.reason) == ["line 2: number 1e400 is out of range (beyond what a 64-bit float holds)"])
        #expect(RecordReader.whyInvalid(#"{"a": "1e400", "b": tru}"#) == "not valid JSON")
    }

    @Test("a file name in NFD gets its NFC id (compared by bytes: Swift's == calls both forms equal)")
    func decomposedName() throws {
        try folder.write("cafe\u{301}.txt", "decomposed")
        let result = read()
        #expect(result.documents.map { Array($0.id.utf8) } == [Array("caf\u{E9}.txt".utf8)])
    }

    @Test("a file name in NFC and in NFD is one id: the second is a duplicate of the first")
    func unicodeForms() throws {
        try folder.write("caf\u{E9}.txt", "composed")
        try folder.write("cafe\u{301}.txt", "decomposed")
        let result = read()
        #expect(result.documents.map { Array($0.id.utf8) } == [Array("caf\u{E9}.txt".utf8)])
        #expect(result.rejects.count == 1)
        #expect(result.rejects.first?.reason.hasPrefix("duplicate id `caf\u{E9}.txt` (first read from ") == true)
    }

    @Test("pages declaring KOI8-R or Shift_JIS are decoded with iconv, and the note says so")
    func legacyCharsets() throws {
        // "Привет" in KOI8-R; "日本" in Shift_JIS.
        try folder.write(
            "ru.html",
            Data("<html><head><meta charset=\"koi8-r\"></head><body><p>".utf8)
                + Data([0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4]) + Data("</p></body></html>".utf8))
        try folder.write(
            "ja.html",
            Data(
                "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"></head><body><p>"
                    .utf8)
                + Data([0x93, 0xFA, 0x96, 0x7B]) + Data("</p></body></html>".utf8))
        try folder.write(
            "xx.html", Data("<meta charset=\"no-such-charset\"><p>caf".utf8) + Data([0xE9]) + Data("</p>".utf8))
        let result = read()
        let byID = Dictionary(uniqueKeysWithValues: result.documents.map { ($0.id, $0) })
        #expect(byID["ru.html"]?.raw?.contains("<p>Привет</p>") == true)
        #expect(byID["ru.html"]?.attributes["encoding"] == "koi8-r (declared, decoded with iconv)")
        #expect(byID["ja.html"]?.raw?.contains("<p>日本</p>") == true)
        #expect(byID["ja.html"]?.attributes["encoding"] == "shift_jis (declared, decoded with iconv)")
        #expect(byID["xx.html"]?.raw?.contains("café") == true)
        #expect(
            byID["xx.html"]?.attributes["encoding"]
                == "windows-1252 (guessed: declared no-such-charset could not be decoded, and not valid UTF-8)")
    }
}
