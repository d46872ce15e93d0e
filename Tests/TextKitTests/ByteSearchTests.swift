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

@Suite("phrases looked for together")
struct ByteNeedlesTests {
    static let phrases = ["click here", "sign up", "clickbait", "copyright ©", "/ reuters", "cookies"]
    static let needles = ByteNeedles(phrases)

    /// What searching for each phrase in turn, in the ASCII-lowercased text, finds.
    static func oneByOne(_ text: String) -> UInt32 {
        let lowered = Array(text.utf8).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        var found: UInt32 = 0
        for (bit, phrase) in phrases.enumerated() where ByteSearch.contains(lowered, Array(phrase.utf8)) {
            found |= 1 << bit
        }
        return found
    }

    @Test("finds what a search per phrase finds, ignoring ASCII case only, at either end and after false starts")
    func agreesWithOneByOne() {
        let texts = [
            "", "c", "Click", "CLICK HERE", "please click here", "click clack click here", "click herd and clickbait",
            "Sign Up now, or click here", "Copyright © 2026 Harbor Ledger", "COPYRIGHT © x", "Photo / Reuters",
            "Accept all cookies", "cookie", "ÇLICK HERE", "clıck here", "sign-up", "sign up", "sign u",
        ]
        for text in texts {
            #expect(Self.needles.occurring(in: text) == Self.oneByOne(text), "\(text)")
            #expect((Self.needles.first(in: text) != nil) == (Self.oneByOne(text) != 0), "\(text)")
            // A substring is read in place, with the same result.
            let padded = "xx" + text + "yy"
            let inner = padded.dropFirst(2).dropLast(2)
            #expect(Self.needles.occurring(in: inner) == Self.oneByOne(text), "\(text)")
        }
        // A phrase running past the end of a substring is not there.
        #expect(Self.needles.first(in: "a click here".dropLast(1)) == nil)
        #expect(Self.needles.first(in: "then sign up or click here") == 1)
        #expect(Self.needles.first(in: "click here to sign up") == 0)
    }
}
