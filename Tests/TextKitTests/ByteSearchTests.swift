import Testing
import TextKit

@Suite("byte search")
struct ByteSearchTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test("finds a needle anywhere, including at either end, after false starts")
    func contains() {
        let hay = Self.bytes("click clack click here")
        #expect(ByteSearch.contains(hay, Self.bytes("click here")))
        #expect(ByteSearch.contains(hay, Self.bytes("click clack")))
        #expect(ByteSearch.contains(hay, Self.bytes("e")))
        #expect(!ByteSearch.contains(hay, Self.bytes("click there")))
        #expect(!ByteSearch.contains(Self.bytes("here"), Self.bytes("here and there")))
        #expect(!ByteSearch.contains(hay, []))
        #expect(!ByteSearch.contains([], Self.bytes("a")))
    }

    @Test("the last occurrence, as a byte offset, across multi-byte characters")
    func lastOffset() {
        let hay = Self.bytes("Zoë — a — b")  // ë is 2 bytes, — is 3
        #expect(ByteSearch.lastOffset(of: Self.bytes(" — "), in: hay) == 10)
        #expect(ByteSearch.lastOffset(of: Self.bytes("Zoë"), in: hay) == 0)
        #expect(ByteSearch.lastOffset(of: Self.bytes(" | "), in: hay) == nil)
        #expect(ByteSearch.lastOffset(of: [], in: hay) == nil)
    }
}
