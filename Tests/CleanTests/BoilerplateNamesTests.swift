import Testing

@testable import Clean

@Suite("class and id words")
struct BoilerplateNamesTests {
    @Test("words split at non-letters and camelCase humps, lowercase, non-ASCII kept inside words")
    func words() {
        #expect(BoilerplateNames.words("share-bar__item") == ["share", "bar", "item"])
        #expect(BoilerplateNames.words("relatedArticles mostRead2") == ["related", "articles", "most", "read"])
        #expect(BoilerplateNames.words("ARTICLE Body") == ["article", "body"])
        #expect(BoilerplateNames.words("artículo-principal") == ["artículo", "principal"])
        #expect(BoilerplateNames.words("") == [] && BoilerplateNames.words("--") == [])
    }

    @Test("verdicts from the word table agree with asking the three lists in order")
    func verdictsMatchTheLists() {
        let samples = [
            "", " ", "share-bar", "article-body", "ad", "ad article", "header content", "sidebar main", "story-teaser",
            "post", "relatedArticles", "PostBody", "comments__list", "nav-menu", "hero hero--post", "cardBody",
            "entry-content", "authorBio", "video-player article", "img-caption", "photo-credit text", "mainEntry",
            "xyz", "comment", "commentsSection", "ad-slot", "ads body", "Ünïcode-article", "artícle", "\u{212A}ookie",
            "cookie\u{301}", "article\u{301} story", "a1b2c3", "SIDEBAR", "Sidebar", "sideBar", "promo_text", "page",
        ]
        for sample in samples {
            #expect(BoilerplateNames.verdict(classAndID: sample) == Self.fromLists(sample), "\(sample)")
        }
    }

    @Test("class and id read apart give the verdict of the two joined by a space")
    func classAndIDApart() {
        let names = ["", "share", "article-body", "ad", "postBody", "header", "main", "xyz", "storyTeaser", "hero"]
        for classes in names {
            for identifier in names {
                #expect(
                    BoilerplateNames.verdict(classes: classes, identifier: identifier)
                        == BoilerplateNames.verdict(classAndID: classes + " " + identifier),
                    "\(classes) / \(identifier)")
                #expect(
                    BoilerplateNames.verdict(classes: classes, identifier: identifier)
                        == Self.fromLists(classes + " " + identifier))
            }
        }
    }

    /// The verdict as the lists give it, word by word through `Set<String>` membership.
    static func fromLists(_ text: String) -> BoilerplateNames.Verdict {
        var strongBad = false, weakBad = false, good = false
        for word in BoilerplateNames.words(text) {
            if BoilerplateNames.furniture.contains(word) {
                strongBad = true
            } else if BoilerplateNames.likelyFurniture.contains(word) {
                weakBad = true
            } else if BoilerplateNames.article.contains(word) {
                good = true
            }
        }
        if strongBad { return .furniture }
        if weakBad { return good ? .neutral : .likelyFurniture }
        return good ? .article : .neutral
    }
}
