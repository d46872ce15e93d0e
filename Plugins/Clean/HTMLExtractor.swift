import HTML

/// Finds a page's article and returns its paragraphs in order.
///
/// The method, as serious boilerplate removers do it: drop what is never
/// text (scripts, forms, hidden elements) and what the markup calls furniture
/// (`nav`, `aside`, `footer`, class/id words like share, related, cookie) unless
/// it holds most of the page's text; score every paragraph by its length and
/// commas and credit the score to its ancestors, damped by distance and by
/// link density; take the best container with the siblings that score
/// nearly as well; then filter its paragraphs one by one (links, furniture
/// phrases, headings repeating the title).
struct HTMLExtractor {
    struct Settings {
        var keepHeadings = true
        var keepLists = true
        /// Whether class and id words decide furniture and article. Off for the second look at a
        /// page whose first gave no article: site builders name every block of the text
        /// `widget`, `module` or `card`, and then all of it reads as furniture.
        var readsNames = true
    }

    let tree: PageTree
    let settings: Settings

    // Per node, in tree order.
    private var removed: [Bool]
    private var inLink: [Bool]
    private var textLength: [Int]
    private var linkLength: [Int]
    private var commas: [Int]
    private var ownTextLength: [Int]
    /// Per text node, its visible characters and commas: the same in both ``measure()``
    /// passes, so its bytes are read once.
    private var textCounts: [(visible: Int32, commas: Int32)]
    private var names: [BoilerplateNames.Verdict]
    /// Set on the element carrying `itemprop="articleBody"` (or the like).
    private var articleBodyHint: Int?

    init(tree: PageTree, settings: Settings) {
        self.tree = tree
        self.settings = settings
        let count = tree.count
        removed = Array(repeating: false, count: count)
        inLink = Array(repeating: false, count: count)
        textLength = Array(repeating: 0, count: count)
        linkLength = Array(repeating: 0, count: count)
        commas = Array(repeating: 0, count: count)
        ownTextLength = Array(repeating: 0, count: count)
        textCounts = Array(repeating: (0, 0), count: count)
        names = Array(repeating: .neutral, count: count)
        guard count > 0 else { return }
        for index in 1..<count {
            let up = Int(tree.parent[index])
            inLink[index] = inLink[up] || tree.role[index] == .link
        }
        for index in 0..<count where tree.role[index] == .inline && tree.name[index].isEmpty {
            var visible: Int32 = 0, commaCount: Int32 = 0
            tree.nodes[index].withTextBytes { bytes in
                for byte in bytes {
                    if byte > 0x20 && (byte & 0xC0) != 0x80 { visible += 1 }
                    if byte == 0x2C { commaCount += 1 }
                }
            }
            textCounts[index] = (visible, commaCount)
        }
        measure()
        markFurniture()
        measure()
    }

    /// Visible text length, link text length and commas of every subtree, skipping removed ones.
    private mutating func measure() {
        let count = tree.count
        for index in 0..<count {
            textLength[index] = 0
            linkLength[index] = 0
            commas[index] = 0
            ownTextLength[index] = 0
        }
        for index in stride(from: count - 1, through: 0, by: -1) where !removed[index] {
            if tree.role[index] == .inline && tree.name[index].isEmpty {
                let visible = Int(textCounts[index].visible)
                textLength[index] = visible
                commas[index] = Int(textCounts[index].commas)
                if inLink[index] { linkLength[index] = visible }
                if index > 0 { ownTextLength[Int(tree.parent[index])] += visible }
            }
            if index > 0 {
                let up = Int(tree.parent[index])
                textLength[up] += textLength[index]
                linkLength[up] += linkLength[index]
                commas[up] += commas[index]
            }
        }
    }

    private func linkDensity(_ index: Int) -> Double {
        textLength[index] == 0 ? 0 : Double(linkLength[index]) / Double(textLength[index])
    }

    /// Marks furniture subtrees as removed; an element holding most of the
    /// page's text is never furniture, whatever its class says.
    private mutating func markFurniture() {
        let total = max(1, textLength[0] - linkLength[0])
        for index in 1..<tree.count {
            let up = Int(tree.parent[index])
            if removed[up] {
                removed[index] = true
                continue
            }
            let name = tree.name[index]
            guard !name.isEmpty else { continue }
            var furniture = false
            switch name {
            case "nav", "aside", "footer", "form", "header", "menu", "dialog", "button": furniture = true
            default: break
            }
            var verdict = BoilerplateNames.Verdict.neutral
            if settings.readsNames && (!tree.classes[index].isEmpty || !tree.identifiers[index].isEmpty) {
                verdict = BoilerplateNames.verdict(classes: tree.classes[index], identifier: tree.identifiers[index])
            }
            if !tree.ariaRoles[index].isEmpty, Self.furnitureRoles.contains(tree.ariaRoles[index].lowercased()) {
                furniture = true
            }
            if case let itemprop = tree.itemprops[index].lowercased(), itemprop == "articlebody" || itemprop == "text" {
                verdict = .article
                if articleBodyHint == nil { articleBodyHint = index }
            }
            names[index] = verdict
            if verdict == .furniture || verdict == .likelyFurniture { furniture = true }
            if verdict == .article && (name == "header" || name == "form") { furniture = false }
            if furniture {
                let own = textLength[index] - linkLength[index]
                if own * 2 < total { removed[index] = true }
            }
        }
    }

    // MARK: - Choosing the container

    /// The element whose subtree holds the article, by readability-style scoring.
    private func bestCandidate() -> (index: Int, scores: [Double])? {
        let count = tree.count
        guard count > 1 else { return nil }
        var scores = Array(repeating: 0.0, count: count)
        var initialised = Array(repeating: false, count: count)
        func initialise(_ index: Int) {
            guard !initialised[index] else { return }
            initialised[index] = true
            var score = 0.0
            switch tree.name[index] {
            case "div", "article", "main", "section": score = 5
            case "pre", "td", "blockquote": score = 3
            case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": score = -3
            case "h1", "h2", "h3", "h4", "h5", "h6", "th": score = -5
            default: break
            }
            switch names[index] {
            case .article: score += 25
            case .furniture, .likelyFurniture: score -= 25
            case .neutral: break
            }
            if tree.name[index] == "article" || tree.name[index] == "main" { score += 10 }
            // The marked body, when it is the body: a question-and-answer block marks each
            // answer `itemprop="text"` too, and one answer is not the article.
            if index == articleBodyHint, (textLength[index] - linkLength[index]) * 4 >= textLength[0] - linkLength[0] {
                score += 50
            }
            scores[index] = score
        }
        for index in 1..<count where !removed[index] {
            let name = tree.name[index]
            let isParagraph: Bool
            switch name {
            case "p", "pre", "td", "blockquote": isParagraph = true
            case "div", "section", "article", "font", "span": isParagraph = ownTextLength[index] >= 25
            default: isParagraph = false
            }
            guard isParagraph, textLength[index] >= 25 else { continue }
            let contentScore = 1 + Double(commas[index]) + min(Double(textLength[index]) / 100, 3)
            var ancestor = Int(tree.parent[index])
            var level = 0
            while ancestor >= 0 && level < 5 {
                initialise(ancestor)
                let divider = level == 0 ? 1.0 : level == 1 ? 2.0 : Double(level * 3)
                scores[ancestor] += contentScore / divider
                if ancestor == 0 { break }
                ancestor = Int(tree.parent[ancestor])
                level += 1
            }
        }
        var best = -1
        var bestScore = -Double.infinity
        for index in 0..<count where initialised[index] && !removed[index] {
            scores[index] *= 1 - linkDensity(index)
            if scores[index] > bestScore {
                bestScore = scores[index]
                best = index
            }
        }
        guard best >= 0 else { return nil }
        return (commonAncestorOfPeers(best, scores: scores), scores)
    }

    /// The best container, or the ancestor it shares with the blocks that score nearly as well
    /// when there are several: an article built of many sections, list items or builder blocks
    /// (each holding a few paragraphs) scores highest in one of them, and the article is all of
    /// them. Peers are the next four candidates scoring at least 0.4 of the best (the middle of
    /// the flat top of the curve on the three dev sets, 0.3 to 0.5),
    /// outside its own line of ancestors and descendants; three of them under one ancestor of the
    /// best make that ancestor the container.
    private func commonAncestorOfPeers(_ best: Int, scores: [Double]) -> Int {
        let bar = scores[best] * 0.4
        guard bar > 0 else { return best }
        var peers: [Int] = []
        for index in 1..<tree.count where index != best && !removed[index] && scores[index] >= bar {
            let insideBest = index > best && index < Int(tree.end[best])
            let aboveBest = best > index && best < Int(tree.end[index])
            if !insideBest && !aboveBest { peers.append(index) }
        }
        guard peers.count >= 3 else { return best }
        peers.sort { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        peers = Array(peers.prefix(4))
        var ancestor = Int(tree.parent[best])
        while ancestor > 0 {
            let end = Int(tree.end[ancestor])
            if peers.count(where: { $0 > ancestor && $0 < end }) >= 3 { return ancestor }
            ancestor = Int(tree.parent[ancestor])
        }
        return best
    }

    /// The subtrees to read: the best container and its siblings that score
    /// nearly as well (an article split over several blocks).
    private func containers() -> [Int] {
        guard let (top, scores) = bestCandidate() else { return tree.count > 0 ? [0] : [] }
        guard top > 0 else { return [0] }
        let up = Int(tree.parent[top])
        let threshold = max(10, scores[top] * 0.2)
        var chosen: [Int] = []
        var child = up + 1
        let stop = Int(tree.end[up])
        while child < stop {
            defer { child = Int(tree.end[child]) }
            if removed[child] { continue }
            if child == top {
                chosen.append(child)
                continue
            }
            guard !tree.name[child].isEmpty else { continue }
            var bonus = 0.0
            if !tree.classes[top].isEmpty, tree.classes[child] == tree.classes[top] {
                bonus = scores[top] * 0.2
            }
            if scores[child] + bonus >= threshold {
                chosen.append(child)
            } else if tree.name[child] == "p" {
                let length = textLength[child]
                let density = linkDensity(child)
                if length > 80 && density < 0.25 { chosen.append(child) }
            } else if textLength[child] >= 100 && linkDensity(child) < 0.2 && names[child] != .likelyFurniture {
                chosen.append(child)  // a standfirst or summary block next to the body
            }
        }
        // Articles split by an advert or a pull quote come back as several
        // blocks made from the same template: same tag, same class.
        if case let signature = tree.classes[top], !signature.isEmpty {
            let name = tree.name[top]
            var index = 1
            while index < tree.count {
                if removed[index] || (index >= up && index < stop) {
                    index = removed[index] ? Int(tree.end[index]) : index + 1
                    continue
                }
                if tree.name[index] == name, textLength[index] >= 100, linkDensity(index) < 0.3,
                    tree.classes[index] == signature
                {
                    chosen.append(index)
                    index = Int(tree.end[index])
                    continue
                }
                index += 1
            }
            chosen.sort()
        }
        // Paragraph blocks of the article's own template (`div.body-paragraph`)
        // found outside the chosen containers belong to it too.
        var signatures = Set<String>()
        for root in chosen {
            for index in root..<Int(tree.end[root]) where ownTextLength[index] >= 25 && !removed[index] {
                if let signature = classSignature(index) { signatures.insert(signature) }
            }
        }
        if !signatures.isEmpty {
            var inside = Array(repeating: false, count: tree.count)
            for root in chosen { for index in root..<Int(tree.end[root]) { inside[index] = true } }
            var index = 1
            while index < tree.count {
                if removed[index] || inside[index] {
                    index = removed[index] ? Int(tree.end[index]) : index + 1
                    continue
                }
                if ownTextLength[index] >= 25, linkDensity(index) < 0.5, let signature = classSignature(index),
                    signatures.contains(signature)
                {
                    chosen.append(index)
                    index = Int(tree.end[index])
                    continue
                }
                index += 1
            }
            chosen.sort()
        }
        return chosen
    }

    static let furnitureRoles: Set<String> = [
        "navigation", "complementary", "banner", "contentinfo", "menu", "menubar", "search", "dialog", "alert",
        "toolbar",
    ]

    /// "div.body-paragraph" for an element with a class; nil otherwise.
    private func classSignature(_ index: Int) -> String? {
        guard !tree.name[index].isEmpty, !tree.classes[index].isEmpty else { return nil }
        return tree.name[index] + "." + tree.classes[index]
    }

    // MARK: - Reading paragraphs

    /// The article's paragraphs, in document order.
    func paragraphs() -> [Paragraph] {
        read(containers())
    }

    /// Every paragraph of the page outside furniture: the fallback when the
    /// container holds too little.
    func allParagraphs() -> [Paragraph] {
        tree.count > 0 ? read([0]) : []
    }

    private func read(_ roots: [Int]) -> [Paragraph] {
        var result: [Paragraph] = []
        var builder = ParagraphBuilder()
        var kind = Paragraph.Kind.paragraph
        var open: [(end: Int, kind: Paragraph.Kind?)] = []
        func currentKind() -> Paragraph.Kind {
            var kind = Paragraph.Kind.paragraph
            for block in open.reversed() {
                guard let blockKind = block.kind else { continue }
                if case .heading = blockKind { return blockKind }
                if blockKind == .listItem || blockKind == .preformatted { return blockKind }
                if kind == .paragraph { kind = blockKind }
            }
            return kind
        }
        func flush() {
            guard !builder.isEmpty else { return }
            let (text, links) = builder.take()
            result.append(Paragraph(text: text, kind: kind, linkCharacters: links))
        }
        for root in roots {
            var index = root
            let stop = Int(tree.end[root])
            while index < stop {
                while let last = open.last, last.end <= index {
                    open.removeLast()
                    flush()
                }
                if removed[index] {
                    index = Int(tree.end[index])
                    continue
                }
                let role = tree.role[index]
                if tree.name[index].isEmpty {
                    if builder.isEmpty { kind = currentKind() }
                    tree.nodes[index].withTextBytes { builder.append(bytes: $0, inLink: inLink[index]) }
                } else {
                    switch role {
                    case .block, .heading, .listItem, .list, .cell:
                        flush()
                        var blockKind: Paragraph.Kind?
                        switch role {
                        case .heading: blockKind = .heading(level: Int(tree.name[index].dropFirst()) ?? 2)
                        case .listItem: blockKind = .listItem
                        case .cell: blockKind = .cell
                        default:
                            if tree.name[index] == "blockquote" { blockKind = .quote }
                            if tree.name[index] == "pre" { blockKind = .preformatted }
                        }
                        open.append((Int(tree.end[index]), blockKind))
                    case .lineBreak:
                        flush()
                    default:
                        break
                    }
                }
                index += 1
            }
            while !open.isEmpty {
                open.removeLast()
                flush()
            }
            flush()
        }
        return result
    }

    /// The JSON-LD blocks and other page-level facts for metadata.
    var jsonLD: [String] { tree.jsonLD }
}
