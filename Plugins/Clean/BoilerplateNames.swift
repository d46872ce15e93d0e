import TextKit

/// Class and id words that mark page furniture or the article, read as a
/// boilerplate remover reads them: `class="share-bar__item"` has the words
/// share, bar, item.
enum BoilerplateNames {
    /// What an element's class and id say about it.
    enum Verdict {
        /// Furniture whatever else the names say (comments, share bars, cookie notices…).
        case furniture
        /// Furniture unless the names also say article.
        case likelyFurniture
        /// Looks like the article's container.
        case article
        case neutral
    }

    static func verdict(classAndID: String) -> Verdict {
        verdict(classes: classAndID, identifier: "")
    }

    /// The verdict on `"\(classes) \(identifier)"` without joining the two: the space between
    /// them only separates words. Cheaper than remembering each page's verdicts by the joined
    /// string, which cost more than the verdicts once words were looked up by their bytes.
    static func verdict(classes: String, identifier: String) -> Verdict {
        var strongBad = false, weakBad = false, good = false
        func read(_ word: UnsafeBufferPointer<UInt8>) {
            guard let number = listed.words.number(of: word) else { return }
            switch listed.verdicts[number] {
            case .furniture: strongBad = true
            case .likelyFurniture: weakBad = true
            case .article: good = true
            case .neutral: break
            }
        }
        if !classes.isEmpty { forEachWord(in: classes, read) }
        if !identifier.isEmpty { forEachWord(in: identifier, read) }
        if strongBad { return .furniture }
        if weakBad { return good ? .neutral : .likelyFurniture }
        return good ? .article : .neutral
    }

    /// Every word of the three lists, numbered, with the verdict of the first list naming it
    /// (furniture, then likely furniture, then article: the order `verdict` asks them in). One
    /// lookup on a word's bytes instead of a `String` and up to three `Set` lookups per word,
    /// which were most of marking furniture. The lists are ASCII, and no other text is
    /// canonically equivalent to a lowercase ASCII word, so byte equality finds what `Set`
    /// membership found.
    private static let listed: (words: StringTable, verdicts: [Verdict]) = {
        var words = StringTable()
        var verdicts: [Verdict] = []
        for (list, verdict) in [
            (furniture, Verdict.furniture), (likelyFurniture, .likelyFurniture), (article, .article),
        ] {
            for word in list.sorted() where words.insert(word).inserted { verdicts.append(verdict) }
        }
        return (words, verdicts)
    }()

    /// Lowercase words of a class/id string, split at non-letters and at
    /// camelCase humps (`relatedArticles` → related, articles).
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        forEachWord(in: text) { words.append(String(decoding: $0, as: UTF8.self)) }
        return words
    }

    /// Calls `body` with the UTF-8 of each of ``words(_:)``, without making strings.
    static func forEachWord(in text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, bytes.count)) { word in
                var length = 0
                var previousLower = false
                func push() {
                    if length > 0 { body(UnsafeBufferPointer(rebasing: word[..<length])) }
                    length = 0
                }
                for byte in bytes {
                    let isUpper = byte >= 0x41 && byte <= 0x5A
                    let isLower = byte >= 0x61 && byte <= 0x7A
                    // Non-ASCII letters are kept inside words; everything else separates.
                    guard isUpper || isLower || byte >= 0x80 else {
                        push()
                        previousLower = false
                        continue
                    }
                    if isUpper && previousLower { push() }
                    word[length] = isUpper ? byte + 0x20 : byte
                    length += 1
                    previousLower = isLower
                }
                push()
            }
        }
    }

    static let furniture: Set<String> = [
        "comment", "comments", "commentary", "disqus", "share", "sharing", "sharebar",
        "cookie", "cookies", "consent", "gdpr", "newsletter", "newsletters", "subscribe", "subscription", "signup",
        "paywall", "related", "relatedposts", "recommended", "recommendations", "recirc", "recirculation",
        "outbrain", "taboola", "trending", "popular", "mostread", "mostpopular", "breadcrumb", "breadcrumbs",
        "sidebar", "navbar", "nav", "navigation", "menu", "submenu", "megamenu", "footer", "masthead", "topbar",
        "advert", "advertisement", "advertising", "adsense", "adslot", "adunit", "dfp", "sponsor", "sponsored",
        "promo", "promotion", "promoted", "modal", "popup", "overlay", "lightbox", "skip", "pagination", "pager",
        "toolbar", "tooltip", "offscreen", "visually", "sronly", "jump", "rating", "ratings",
        "teaser", "teasers", "newsfeed", "ticker", "login", "signin", "register",
        "tags", "tagcloud", "topics", "keywords", "copyright", "disclaimer", "banner", "banners", "author",
        "authors", "bio", "byline", "dateline", "timestamp", "caption", "credit", "credits", "gallery", "slideshow",
        "carousel", "slider", "video", "player", "audio", "podcast", "form", "search",
    ]

    static let likelyFurniture: Set<String> = [
        "ad", "ads", "header", "head", "meta", "info", "date", "time", "tools", "actions", "links", "more",
        "extra", "aside", "rail", "secondary", "complementary", "utility", "utilities", "bottom", "top",
        "card", "cards", "feed", "thumbnail", "thumb", "image", "img", "photo", "figure",
        "media", "social", "socials", "follow", "feedback", "note", "notice", "alert", "hero",
    ]

    static let article: Set<String> = [
        "article", "articles", "body", "content", "entry", "main", "post", "story", "text", "blog", "prose",
        "richtext", "articlebody", "storybody", "postbody", "entrycontent", "itemprop", "page",
    ]
}
