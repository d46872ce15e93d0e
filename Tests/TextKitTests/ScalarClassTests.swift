import Testing

@testable import TextKit

@Suite("ScalarClass")
struct ScalarClassTests {
    @Test("the Latin letter range is letters by Unicode properties, and only those scalars")
    func latinLetters() {
        for v in UInt32(0x80)...0x24F {
            let s = Unicode.Scalar(v)!
            if ScalarClass.isLatinLetter(v) {
                #expect(ScalarClass.isLetterByProperties(s), "U+\(String(v, radix: 16))")
            }
            #expect(ScalarClass.isLetter(s) == ScalarClass.isLetterByProperties(s), "U+\(String(v, radix: 16))")
        }
        #expect(!ScalarClass.isLatinLetter(0xD7) && !ScalarClass.isLatinLetter(0xF7) && ScalarClass.isLatinLetter(0xE9))
    }

    @Test("the common punctuation range is no other class, so the tokenizer calls it punctuation first")
    func commonPunctuation() {
        for v in UInt32(0x2000)...0x206F where ScalarClass.isCommonPunctuation(v) {
            let s = Unicode.Scalar(v)!
            #expect(
                !ScalarClass.isWhitespace(s) && !ScalarClass.isAlphanumeric(s) && !ScalarClass.isSymbol(s),
                "U+\(String(v, radix: 16))")
        }
        #expect(ScalarClass.isCommonPunctuation(0x2019) && ScalarClass.isCommonPunctuation(0x2026))
        #expect(!ScalarClass.isCommonPunctuation(0x2028) && !ScalarClass.isCommonPunctuation(0x200B))
    }
}
