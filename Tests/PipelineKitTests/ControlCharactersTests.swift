import Testing
@testable import PipelineKit
@testable import PipelineRuntime

@Suite("Control characters")
struct ControlCharactersTests {
    @Test("escaped writes C0, DEL and C1 out, keeps tab, line feed and all other text")
    func escaped() {
        #expect(ControlCharacters.escaped("a\u{1B}]0;t\u{07}\u{1B}[2J b") == "a\\x1B]0;t\\x07\\x1B[2J b")
        #expect(
            ControlCharacters.escaped("nul\u{00} del\u{7F} csi\u{9B} cr\r") == "nul\\x00 del\\x7F csi\\u{9B} cr\\x0D")
        #expect(ControlCharacters.escaped("tab\there\nnext é 日本") == "tab\there\nnext é 日本")
    }

    @Test("stripped drops them, keeping what the format allows")
    func stripped() {
        #expect(ControlCharacters.stripped("a\u{07}b\u{00}c\u{9B}d\r\n") == "abcd\n")
        #expect(ControlCharacters.stripped("a\r\nb\u{1B}", keeping: ["\r"]) == "a\r\nb")
    }
}
