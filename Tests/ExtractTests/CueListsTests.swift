@testable import Extract
import Testing

@Suite("CueLists")
struct CueListsTests {
    @Test("a word's flags are exactly the lists it is in")
    func flagsMatchLists() {
        let lists: [(Set<String>, CueLists)] = [
            (EntityCues.organizationHeads, .organizationHead), (EntityCues.organizationLeads, .organizationLead),
            (EntityCues.locationHeads, .locationHead), (EntityCues.locationLeads, .locationLead),
            (EntityCues.strongLocationLeads, .strongLocationLead), (EntityCues.miscLeads, .miscLead),
            (EntityCues.miscHeads, .miscHead), (EntityCues.compassWords, .compass),
            (EntityCues.locationPrepositions, .locationPreposition), (EntityCues.lowercaseRoles, .lowercaseRole),
            (EntityCues.speechVerbs, .speechVerb), (EntityCues.productNouns, .productNoun),
            (EntityCues.countryPossessions, .countryPossession), (EntityCues.placeNouns, .placeNoun),
        ]
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
