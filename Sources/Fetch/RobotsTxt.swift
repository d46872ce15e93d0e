/// A parsed robots.txt file and the RFC 9309 decision for one path.
///
/// Groups start with one or more `User-agent` lines; the crawler obeys the
/// groups naming its product token (case-insensitively; several such groups
/// are merged), else the `*` groups, else nothing is disallowed. Within the
/// chosen rules the longest matching pattern wins, and `Allow` wins a tie.
/// Patterns may use `*` (any run of characters) and a final `$` (end of the
/// path). `/robots.txt` itself is always allowed. `Crawl-delay` is not in the
/// RFC but widely written; the chosen group's value is kept.
///
/// ```swift
/// let robots = RobotsTxt(parsing: "User-agent: *\nDisallow: /private\nAllow: /private/ok")
/// robots.isAllowed("/private/ok/page", userAgent: "pipe/0.1")   // true
/// ```
public struct RobotsTxt: Sendable, Equatable {
    /// One `Allow` or `Disallow` line.
    public struct Rule: Sendable, Equatable {
        public var allow: Bool
        /// The pattern, percent-encoding normalised.
        public var pattern: String
    }

    /// One group: the agents it names and its rules.
    public struct Group: Sendable, Equatable {
        /// Lower-cased product tokens, `*` for any.
        public var agents: [String]
        public var rules: [Rule]
        public var crawlDelay: Double?
    }

    public var groups: [Group]
    /// `Sitemap:` lines, which belong to no group.
    public var sitemaps: [String]

    /// RFC 9309 asks crawlers to parse at least 500 KiB; the rest is ignored.
    public static let parseLimit = 512 * 1024

    /// Robots that allow everything (a missing file: 4xx).
    public static let allowAll = RobotsTxt(groups: [], sitemaps: [])
    /// Robots that disallow everything (a server error or no answer: RFC 9309 §2.3.1.3).
    public static let disallowAll = RobotsTxt(
        groups: [Group(agents: ["*"], rules: [Rule(allow: false, pattern: "/")], crawlDelay: nil)], sitemaps: [])

    public init(groups: [Group], sitemaps: [String]) {
        self.groups = groups
        self.sitemaps = sitemaps
    }

    /// Parses robots.txt text; lines it does not understand are ignored, as the RFC asks.
    public init(parsing text: String) {
        var groups: [Group] = []
        var sitemaps: [String] = []
        var current: Group?
        var lastWasAgent = false
        var consumed = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            consumed += rawLine.utf8.count + 1
            if consumed > Self.parseLimit { break }
            var line = rawLine
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "user-agent", "useragent", "user agent":
                if !lastWasAgent {
                    if let current { groups.append(current) }
                    current = Group(agents: [], rules: [], crawlDelay: nil)
                }
                current?.agents.append(Self.productToken(value))
                lastWasAgent = true
            case "allow", "disallow":
                lastWasAgent = false
                // An empty pattern matches nothing (RFC 9309 §2.2.2).
                guard current != nil, !value.isEmpty else { continue }
                current?.rules.append(Rule(allow: key == "allow", pattern: PercentEncoding.normalize(Substring(value))))
            case "crawl-delay":
                lastWasAgent = false
                if current != nil, let delay = Double(value), delay.isFinite, delay >= 0 { current?.crawlDelay = delay }
            case "sitemap":
                if !value.isEmpty { sitemaps.append(value) }
            default:
                continue
            }
        }
        if let current { groups.append(current) }
        self.groups = groups
        self.sitemaps = sitemaps
    }

    /// The product token of a user agent (`pipe/0.1 (+https://…)` → `pipe`), lower-cased.
    public static func productToken(_ userAgent: String) -> String {
        let token = userAgent.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "*" }
        return token.isEmpty ? userAgent.lowercased() : token.lowercased()
    }

    /// The rules and crawl delay that apply to `userAgent`.
    public func applicable(to userAgent: String) -> (rules: [Rule], crawlDelay: Double?) {
        let token = Self.productToken(userAgent)
        var chosen = groups.filter { $0.agents.contains(token) }
        if chosen.isEmpty { chosen = groups.filter { $0.agents.contains("*") } }
        return (chosen.flatMap(\.rules), chosen.compactMap(\.crawlDelay).first)
    }

    /// The crawl delay, in seconds, the file asks of `userAgent`.
    public func crawlDelay(for userAgent: String) -> Double? {
        applicable(to: userAgent).crawlDelay
    }

    /// Whether `userAgent` may fetch `path` (path and query, e.g. `/news/a?id=1`).
    public func isAllowed(_ path: String, userAgent: String) -> Bool {
        let target = PercentEncoding.normalize(Substring(path.isEmpty ? "/" : path))
        if target == "/robots.txt" { return true }
        var best: Rule?
        for rule in applicable(to: userAgent).rules where Self.matches(rule.pattern, target) {
            if let current = best {
                let longer = rule.pattern.utf8.count > current.pattern.utf8.count
                let tieAllow = rule.pattern.utf8.count == current.pattern.utf8.count && rule.allow && !current.allow
                if longer || tieAllow { best = rule }
            } else {
                best = rule
            }
        }
        return best?.allow ?? true
    }

    /// Whether `pattern` matches the start of `path`: `*` is any run of bytes, a final `$` anchors the end.
    static func matches(_ pattern: String, _ path: String) -> Bool {
        var pattern = Array(pattern.utf8)
        let path = Array(path.utf8)
        var anchored = false
        if pattern.last == UInt8(ascii: "$") {
            anchored = true
            pattern.removeLast()
        }
        // Greedy matching with one backtrack point per star: linear in practice, no recursion.
        var p = 0, s = 0
        var starP = -1, starS = 0
        while s < path.count {
            if p < pattern.count, pattern[p] == UInt8(ascii: "*") {
                starP = p
                starS = s
                p += 1
            } else if p < pattern.count, pattern[p] == path[s] {
                p += 1
                s += 1
            } else if p == pattern.count, !anchored {
                return true
            } else if starP >= 0 {
                p = starP + 1
                starS += 1
                s = starS
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }
}
