import Testing

@testable import TextKit

/// Page titles written the way outlets write them, with the site's name trailing.
@Suite("site suffix")
struct SiteSuffixTests {
    @Test(
        "the site's name after a separator goes, compared without case, spaces or punctuation",
        arguments: [
            ("Ferry strike enters third day | Harbour Ledger", "Harbour Ledger", "Ferry strike enters third day"),
            ("Ferry strike enters third day – harbour-ledger", "Harbour Ledger", "Ferry strike enters third day"),
            ("Ferry strike enters third day :: HARBOUR LEDGER", "Harbour Ledger", "Ferry strike enters third day"),
            ("Ferry strike enters third day · Harbour Ledger", "Harbour Ledger", "Ferry strike enters third day"),
        ])
    func namedSite(title: String, site: String, expected: String) {
        #expect(SiteSuffix.strip(title, site: site) == expected)
    }

    @Test("the last separator decides, and stacked suffixes all go")
    func lastSeparator() {
        // " - " inside the headline, the site after the last " | ".
        #expect(
            SiteSuffix.strip("Storms - and then floods hit the coast | Harbour Ledger", site: "Harbour Ledger")
                == "Storms - and then floods hit the coast")
        #expect(
            SiteSuffix.strip("Bridge reopens after repairs | News | Harbour Ledger", site: "Harbour Ledger")
                == "Bridge reopens after repairs")
    }

    @Test("a domain goes whatever the site is called")
    func domain() {
        #expect(
            SiteSuffix.strip("Bridge reopens after repairs - harbourledger.co.uk") == "Bridge reopens after repairs")
        #expect(
            SiteSuffix.strip("Bridge reopens after repairs | www.harbourledger.example")
                == "Bridge reopens after repairs")
    }

    @Test("after a dash only capitalised short names go; headline halves stay")
    func dashes() {
        #expect(
            SiteSuffix.strip("Council backs new flood barrier plan - Calder Evening Post")
                == "Council backs new flood barrier plan")
        #expect(
            SiteSuffix.strip("Council backs new flood barrier - and residents cheer")
                == "Council backs new flood barrier - and residents cheer")
        // A short head is not a headline left behind.
        #expect(SiteSuffix.strip("Floods | Calder Evening Post") == "Floods | Calder Evening Post")
    }

    @Test("titles without a separator, and separators without spaces, are left alone")
    func untouched() {
        #expect(SiteSuffix.strip("  Ferry strike enters third day  ") == "Ferry strike enters third day")
        #expect(SiteSuffix.strip("Ferry strike: day-three talks fail") == "Ferry strike: day-three talks fail")
        #expect(SiteSuffix.strip("Café — Zoë’s bakery wins award · Ledger") == "Café — Zoë’s bakery wins award")
    }
}
