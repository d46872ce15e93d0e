import HTML
import Testing

@Suite("HTMLEntities")
struct HTMLEntitiesTests {
    @Test("named, decimal and hex references are decoded; unknown or unterminated ones are left")
    func decode() {
        #expect(HTMLEntities.decode("Carrow &amp; Finch") == "Carrow & Finch")
        #expect(HTMLEntities.decode("Zo&euml; said &#8220;no&#x201D; &mdash; twice") == "Zoë said “no” — twice")
        #expect(HTMLEntities.decode("R&D and AT&T; &notanentity; &amp") == "R&D and AT&T; &notanentity; &amp")
        #expect(HTMLEntities.decode("&#0; &#xFFFFFFFF;") == "&#0; &#xFFFFFFFF;")
        #expect(HTMLEntities.decode("no references") == "no references")
    }
}
