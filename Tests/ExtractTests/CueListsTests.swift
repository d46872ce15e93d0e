@testable import Extract
import Testing

@Suite("CueLists")
struct CueListsTests {
    @Test("a word's flags are exactly the lists it is in")
    func flagsMatchLists() {
        // Every list's words, flag by flag, through the one lookup table built from them.
        let lists = CueLists.lists
        #expect(lists.count == 14)
        #expect(Set(lists.map(\.flag.rawValue)).count == lists.count)  // one bit each
        let everyWord = lists.reduce(into: Set<String>()) { $0.formUnion($1.0) }.union(["turnip", "the", ""])
        for word in everyWord {
            let flags = CueLists.of(word)
            for (members, flag) in lists {
                #expect(flags.contains(flag) == members.contains(word), "\(word)")
            }
        }
        // Spot checks written out by hand.
        #expect(CueLists.of("lake").isSuperset(of: [.locationLead, .strongLocationLead]))
        #expect(CueLists.of("harbour") == [.locationHead])  // "Kellport Harbour"
        #expect(CueLists.of("turnip") == [])
    }
}
