import Testing
import TextKit

@Suite("StringTable")
struct StringTableTests {
    @Test("numbers keys in order of first insertion and finds them again, through growth")
    func numbering() {
        var table = StringTable()
        var model: [String: Int] = [:]
        var order: [String] = []
        var generator = SystemRandomNumberGenerator()
        // Enough keys to grow the slots several times; many repeats.
        for _ in 0..<5_000 {
            let key = "w" + String(Int.random(in: 0..<1_500, using: &generator), radix: 36)
            let (number, inserted) = table.insert(key)
            if let known = model[key] {
                #expect(!inserted && number == known)
            } else {
                #expect(inserted && number == order.count)
                model[key] = number
                order.append(key)
            }
        }
        #expect(table.count == order.count)
        for (number, key) in order.enumerated() {
            #expect(table.number(of: key) == number)
            #expect(table.string(at: number) == key)
        }
        #expect(table.number(of: "absent") == nil)
        #expect(!table.contains("w"))
    }

    @Test("keys are their bytes: lengths 0 to 40, shared prefixes, trailing zero bytes, non-ASCII")
    func byteKeys() {
        // Every length around the 8-byte steps of the hash, and keys that are prefixes of each other.
        let prefixes = (0...40).map { String(repeating: "a", count: $0) }
        let others = ["\0", "a\0", "a\0\0", "é", "e\u{301}", "naïve", "東京", "ä" + String(repeating: "b", count: 9)]
        let table = StringTable(prefixes + others)
        #expect(table.count == prefixes.count + others.count)
        for (number, key) in (prefixes + others).enumerated() {
            #expect(table.number(of: key) == number, "\(key.debugDescription)")
        }
        // Canonically equivalent strings with different bytes are different keys.
        #expect(table.number(of: "é") != table.number(of: "e\u{301}"))
        #expect(table.number(of: String(repeating: "a", count: 41)) == nil)
        #expect(table.number(of: "\0\0") == nil)
    }

    @Test("looking up by bytes finds what looking up by string finds")
    func bytesLookup() {
        var table = StringTable(["storm", "flood", "ministry of defence"])
        for key in ["storm", "flood", "ministry of defence", "drought"] {
            var copy = key
            let byBytes = copy.withUTF8 { table.number(of: $0) }
            #expect(byBytes == table.number(of: key))
        }
        var word = "drought"
        let (number, inserted) = word.withUTF8 { table.insert($0) }
        #expect(inserted && number == 3 && table.string(at: 3) == "drought")
        #expect(table.contains("drought"))
    }

    @Test("a repeated string in the initialiser keeps its first number")
    func repeatsInInitialiser() {
        let table = StringTable(["b", "a", "b", "c"])
        #expect(table.count == 3)
        #expect(table.number(of: "b") == 0 && table.number(of: "a") == 1 && table.number(of: "c") == 2)
    }
}
