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
        if classAndID.isEmpty { return .neutral }
        var strongBad = false, weakBad = false, good = false
        for word in words(classAndID) {
            if furniture.contains(word) { strongBad = true } else if likelyFurniture.contains(word) {
                weakBad = true
            } else if article.contains(word) {
                good = true
            }
        }
        if strongBad { return .furniture }
        if weakBad { return good ? .neutral : .likelyFurniture }
        return good ? .article : .neutral
    }

    /// Lowercase words of a class/id string, split at non-letters and at
    /// camelCase humps (`relatedArticles` → related, articles).
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var word: [UInt8] = []
        var previousLower = false
        func push() {
            if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
            word.removeAll(keepingCapacity: true)
        }
        for byte in text.utf8 {
            let isUpper = byte >= 0x41 && byte <= 0x5A
            let isLower = byte >= 0x61 && byte <= 0x7A
            // Non-ASCII letters are kept inside words; everything else separates.
            guard isUpper || isLower || byte >= 0x80 else {
                push()
                previousLower = false
                continue
            }
            if isUpper && previousLower { push() }
            word.append(isUpper ? byte + 0x20 : byte)
            previousLower = isLower
        }
        push()
        return words
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
        "widget", "widgets", "teaser", "teasers", "newsfeed", "ticker", "login", "signin", "register",
        "tags", "tagcloud", "topics", "keywords", "copyright", "disclaimer", "banner", "banners", "author",
        "authors", "bio", "byline", "dateline", "timestamp", "caption", "credit", "credits", "gallery", "slideshow",
        "carousel", "slider", "video", "player", "audio", "podcast", "form", "search",
    ]

    static let likelyFurniture: Set<String> = [
        "ad", "ads", "header", "head", "meta", "info", "date", "time", "tools", "actions", "links", "more",
        "extra", "aside", "rail", "secondary", "complementary", "utility", "utilities", "bottom", "top",
        "card", "cards", "list", "feed", "module", "thumbnail", "thumb", "image", "img", "photo", "figure",
        "media", "hidden", "social", "socials", "follow", "feedback", "note", "notice", "alert", "hero",
    ]

    static let article: Set<String> = [
        "article", "articles", "body", "content", "entry", "main", "post", "story", "text", "blog", "prose",
        "richtext", "articlebody", "storybody", "postbody", "entrycontent", "itemprop", "page",
    ]
}
