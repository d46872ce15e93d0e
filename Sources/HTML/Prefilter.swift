#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Cuts from a page, before libxml2 reads it, what its reader will never look at: libxml2 2.9
/// reads a character at a time, so every byte not handed to it is time saved.
///
/// - With `skippingScripts`, the bodies of `<script>`, `<style>`, `<svg>`, `<noscript>` and
///   `<template>` elements, and comments: over half the bytes of a news page. Scripts whose opening
///   tag mentions `ld+json` (structured data) keep their body. Comments go whole, so a
///   commented-out `<script>` takes nothing with it; an opening tag without its closing tag is left
///   alone (an unclosed script or style holds the rest of the page: nothing after it is cut).
/// - With an ``AttributeSelection`` other than `.all`, every attribute it does not keep: most of
///   what is left. Where the reading of a tag could part from the parser's (a zero byte in the
///   page, a quote never closed, a name of 100 bytes or more, a tag starting `<_` or `<:`),
///   cutting attributes stops for the rest of the page.
/// - With `shorteningBlanks`, white space alone between two tags (`</p>\n      <p>`) is cut to its
///   first character (runs under 900 bytes): the parser makes the same blank text nodes, shorter.
///   It stops where cutting attributes does. Pages with an element
///   that keeps white space (`<pre>`, `<textarea>`, `<xmp>`, `<listing>`, `<plaintext>`) are left as
///   they are.
///
/// Markup is read by libxml2's own rules whatever is cut (`htmlParseStartTag`: names, quoted and
/// bare values, junk skipped to the next blank; end tags, doctypes and processing instructions to
/// their ">"), so cutting one thing never changes where another is found; script and style bodies
/// are raw text to libxml2, and nothing in them is taken for a tag.
enum Prefilter {
    /// The page without those parts, or nil when there was nothing to cut.
    static func apply(
        to page: UnsafeBufferPointer<UInt8>, skippingScripts: Bool, attributes: AttributeSelection,
        shorteningBlanks: Bool = false
    ) -> [UInt8]? {
        guard let base = page.baseAddress else { return nil }
        let count = page.count
        var cutter = Cutter(page: page)
        var filtering = !attributes.keepsAll && memchr(base, 0, count) == nil
        var shortening = shorteningBlanks && !keepsWhiteSpace(page)
        var index = 0
        /// Where the last piece of markup ended: blank text from there to the next tag may be shortened.
        var markupEnd = -1
        while index < count {
            guard let next = nextLessThan(page, from: index) else { break }
            // Under 900 bytes: libxml2 hands text over in pieces of 1,000 and judges each piece's blankness alone.
            if shortening, index == markupEnd, next - index >= 2, next - index < 900, startsMarkup(page, at: next),
                isBlank(page[index]), (index + 1..<next).allSatisfy({ isBlank(page[$0]) })
            {
                cutter.cut(index + 1..<next)
            }
            index = next
            let first = index + 1 < count ? page[index + 1] : 0
            if first == UInt8(ascii: "!"), matches(page, at: index + 1, "!--") {
                // A comment goes whole (so a commented-out <script> takes nothing with it).
                guard let end = find(page, "-->", from: index + 4) else { break }
                if skippingScripts { cutter.cut(index..<end + 3) }
                index = end + 3
                markupEnd = index
                continue
            }
            guard isLetter(first) else {
                switch first {
                case UInt8(ascii: "!"):
                    // A doctype, to its ">" when its quotes close before that; other "<!" is text to libxml2.
                    if matches(page, at: index + 2, "doctype") {
                        guard let end = nextByte(UInt8(ascii: ">"), in: page, from: index + 2),
                            quotesClose(page, index + 2..<end)
                        else {
                            filtering = false
                            shortening = false
                            index += 1
                            continue
                        }
                        index = end + 1
                        markupEnd = index
                        continue
                    }
                case UInt8(ascii: "?"), UInt8(ascii: "/"):
                    // A processing instruction or an end tag runs to its ">" (libxml2 skips whatever
                    // follows an end tag's name up to there); with no name after it, "<?" or "</" is
                    // read alone. A target name cannot start with "." as an end tag's name can.
                    if index + 2 < count, isAttributeNameStart(page[index + 2]),
                        first == UInt8(ascii: "/") || page[index + 2] != UInt8(ascii: ".")
                    {
                        guard let end = nextByte(UInt8(ascii: ">"), in: page, from: index + 2) else {
                            return cutter.result
                        }
                        index = end + 1
                        markupEnd = index
                    } else {
                        index += 2
                    }
                    continue
                case UInt8(ascii: "_"), UInt8(ascii: ":"):
                    filtering = false
                    shortening = false
                default:
                    break
                }
                index += 1
                continue
            }
            var nameEnd = index + 1
            var name = NameKey()
            while nameEnd < count, isTagNameByte(page[nameEnd]) {
                name.append(page[nameEnd])
                nameEnd += 1
            }
            // Every start tag is read, cutting or not: an attribute's value may hold "<script>".
            let tag = startTag(
                page, name: index + 1..<nameEnd, key: name, selection: filtering ? attributes : .all,
                cutter: &cutter)
            if tag == nil {
                // Unsure how libxml2 reads the rest: nothing more is cut but script bodies.
                filtering = false
                shortening = false
            }
            let dotted = nameEnd < count && page[nameEnd] == UInt8(ascii: ".")
            guard !dotted, let element = Element(name) else {
                if let tag {
                    index = tag.end + 1
                    markupEnd = index
                } else {
                    index += 1
                }
                continue
            }
            let raw = element == .script || element == .style
            // Unsure where the tag ends (an unclosed quote holds the rest of the page): stop.
            guard let (end, selfClosing) = tag else { break }
            let tagStart = index
            index = end + 1
            markupEnd = index
            guard skippingScripts || raw else { continue }
            let bodyStart = end + 1
            guard !selfClosing, let close = findClosing(page, element.name, from: bodyStart) else {
                // A script or style never closed runs to the end of the page: nothing after it is markup.
                if raw { break }
                continue
            }
            let keep = element == .script && containsCaseInsensitive(page, from: tagStart, to: end, "ld+json")
            if skippingScripts && !keep && close > bodyStart {
                cutter.cut(bodyStart..<close)
            }
            // The closing tag, to its ">" as libxml2 reads an end tag.
            guard let closeEnd = nextByte(UInt8(ascii: ">"), in: page, from: close + 2) else { return cutter.result }
            index = closeEnd + 1
            markupEnd = index
        }
        return cutter.result
    }

    /// Whether `page` has an element that keeps its white space as written.
    static func keepsWhiteSpace(_ page: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while let next = nextLessThan(page, from: index) {
            index = next + 1
            guard index < page.count else { break }
            switch page[index] | 0x20 {
            case UInt8(ascii: "p"):
                if matchesName(page, at: index, "pre") || matchesName(page, at: index, "plaintext") { return true }
            case UInt8(ascii: "t"):
                if matchesName(page, at: index, "textarea") { return true }
            case UInt8(ascii: "x"):
                if matchesName(page, at: index, "xmp") { return true }
            case UInt8(ascii: "l"):
                if matchesName(page, at: index, "listing") { return true }
            default:
                break
            }
        }
        return false
    }

    /// `literal` at `start` (any case), not followed by another byte of a name.
    private static func matchesName(_ page: UnsafeBufferPointer<UInt8>, at start: Int, _ literal: StaticString) -> Bool
    {
        let end = start + literal.utf8CodeUnitCount
        return matches(page, at: start, literal) && (end >= page.count || !isAttributeNameByte(page[end]))
    }

    /// Whether the "<" at `index` starts markup libxml2 reads as such (a start or end tag, a comment,
    /// a doctype or processing instruction), so the text before it ends there.
    static func startsMarkup(_ page: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + 2 < page.count else { return false }
        let first = page[index + 1]
        if isLetter(first) { return true }
        if first == UInt8(ascii: "/") { return isAttributeNameStart(page[index + 2]) }
        return first == UInt8(ascii: "!") && matches(page, at: index + 1, "!--")
    }

    /// The elements whose bodies are cut (or, for scripts and styles, skipped as raw text).
    enum Element: CaseIterable {
        case script, style, svg, noscript, template

        init?(_ name: NameKey) {
            guard let found = Self.keys.firstIndex(of: name) else { return nil }
            self = Self.allCases[found]
        }

        var name: StaticString {
            switch self {
            case .script: "script"
            case .style: "style"
            case .svg: "svg"
            case .noscript: "noscript"
            case .template: "template"
            }
        }

        /// The names as keys, in `allCases` order.
        static let keys = allCases.map { NameKey($0.name.description) }
    }

    /// The page's bytes with ranges left out, copied only once something is.
    struct Cutter {
        let page: UnsafeBufferPointer<UInt8>
        var out: [UInt8] = []
        /// page[..<copied] is in `out`, less the cuts.
        var copied = 0
        var cutAny = false

        init(page: UnsafeBufferPointer<UInt8>) {
            self.page = page
        }

        /// Leaves out `range`, which starts at or after the end of the last one.
        mutating func cut(_ range: Range<Int>) {
            if !cutAny {
                out.reserveCapacity(page.count / 2)
                cutAny = true
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: page[copied..<range.lowerBound]))
            copied = range.upperBound
        }

        /// Where the cutting stands, to go back to with `restore`.
        var mark: (out: Int, copied: Int, cutAny: Bool) { (out.count, copied, cutAny) }

        mutating func restore(_ mark: (out: Int, copied: Int, cutAny: Bool)) {
            out.removeSubrange(mark.out...)
            copied = mark.copied
            cutAny = mark.cutAny
        }

        var result: [UInt8]? {
            guard cutAny else { return nil }
            var out = out
            out.append(contentsOf: UnsafeBufferPointer(rebasing: page[copied...]))
            return out
        }
    }

    // MARK: - Start tags, as libxml2 reads them

    /// Reads a start tag from the end of its name as `htmlParseStartTag` does, cutting the
    /// attributes `selection` does not keep (with the blanks after them, so a separator stays).
    /// Returns the index of the ">" ending the tag and whether "/>" ended it, or nil where this
    /// reading could part from libxml2's (see the type's notes): the tag's cuts are undone then.
    static func startTag(
        _ page: UnsafeBufferPointer<UInt8>, name: Range<Int>, key: NameKey, selection: AttributeSelection,
        cutter: inout Cutter
    ) -> (end: Int, selfClosing: Bool)? {
        let count = page.count
        // libxml2 reads at most 100 bytes of a name; its two readers of element names differ on ".".
        guard name.count < 100, name.upperBound >= count || page[name.upperBound] != UInt8(ascii: ".") else {
            return nil
        }
        let entry = selection.elementEntry(key)
        let mark = cutter.mark
        var index = name.upperBound
        while true {
            index = skipBlanks(page, from: index)
            guard index < count else {
                cutter.restore(mark)
                return nil
            }
            let byte = page[index]
            if byte == UInt8(ascii: ">") { break }
            if byte == UInt8(ascii: "/"), index + 1 < count, page[index + 1] == UInt8(ascii: ">") { break }
            guard isAttributeNameStart(byte) else {
                // Not a name: libxml2 drops it up to the next blank or the end of the tag.
                while index < count, !isBlank(page[index]), page[index] != UInt8(ascii: ">"),
                    !(page[index] == UInt8(ascii: "/") && index + 1 < count && page[index + 1] == UInt8(ascii: ">"))
                {
                    index += 1
                }
                continue
            }
            let start = index
            var attribute = NameKey()
            while index < count, isAttributeNameByte(page[index]) {
                attribute.append(page[index])
                index += 1
            }
            guard index - start < 100 else {
                cutter.restore(mark)
                return nil
            }
            index = skipBlanks(page, from: index)
            if index < count, page[index] == UInt8(ascii: "=") {
                index = skipBlanks(page, from: index + 1)
                guard index < count else {
                    cutter.restore(mark)
                    return nil
                }
                let quote = page[index]
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    // A quoted value runs to its closing quote, ">" and all; never closed, to the page's end.
                    guard let close = nextByte(quote, in: page, from: index + 1) else {
                        cutter.restore(mark)
                        return nil
                    }
                    index = close + 1
                } else {
                    while index < count, !isBlank(page[index]), page[index] != UInt8(ascii: ">") { index += 1 }
                }
            }
            if !selection.keeps(attribute, entry: entry) {
                index = skipBlanks(page, from: index)
                cutter.cut(start..<index)
            }
        }
        let selfClosing = page[index] == UInt8(ascii: "/")
        return (selfClosing ? index + 1 : index, selfClosing)
    }

    /// libxml2's blanks (`IS_BLANK_CH`): no form feed.
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    static func skipBlanks(_ page: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < page.count, isBlank(page[index]) { index += 1 }
        return index
    }

    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// What libxml2 reads as part of an element name when deciding whether a tag starts.
    static func isTagNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "_")
    }

    /// `htmlParseHTMLName`'s first byte and the rest.
    static func isAttributeNameStart(_ byte: UInt8) -> Bool {
        isLetter(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
    }

    static func isAttributeNameByte(_ byte: UInt8) -> Bool { isTagNameByte(byte) || byte == UInt8(ascii: ".") }

    // MARK: - Searching

    private static func nextLessThan(_ page: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        nextByte(UInt8(ascii: "<"), in: page, from: start)
    }

    static func nextByte(_ byte: UInt8, in page: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < page.count, let base = page.baseAddress,
            let found = memchr(base + start, Int32(byte), page.count - start)
        else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }

    private static func matches(_ page: UnsafeBufferPointer<UInt8>, at start: Int, _ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard start + length <= page.count else { return false }
        return literal.withUTF8Buffer { expected in (0..<length).allSatisfy { lower(page[start + $0]) == expected[$0] }
        }
    }

    private static func find(_ page: UnsafeBufferPointer<UInt8>, _ literal: StaticString, from start: Int) -> Int? {
        let first = literal.withUTF8Buffer { $0[0] }
        var index = start
        while let next = nextByte(first, in: page, from: index) {
            if matches(page, at: next, literal) { return next }
            index = next + 1
        }
        return nil
    }

    /// The index of the "</name" that closes a script or style body: the name whole, as libxml2's
    /// end tag must name the open element (`</stylesheet>` inside a style is passed over, and
    /// the style goes on).
    private static func findClosing(_ page: UnsafeBufferPointer<UInt8>, _ name: StaticString, from start: Int) -> Int? {
        var index = start
        while let next = nextLessThan(page, from: index) {
            if next + 1 < page.count, page[next + 1] == UInt8(ascii: "/"), matchesName(page, at: next + 2, name) {
                return next
            }
            index = next + 1
        }
        return nil
    }

    /// Whether `range` holds an even number of each quote character.
    private static func quotesClose(_ page: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var double = 0, single = 0
        for index in range {
            if page[index] == UInt8(ascii: "\"") {
                double += 1
            } else if page[index] == UInt8(ascii: "'") {
                single += 1
            }
        }
        return double % 2 == 0 && single % 2 == 0
    }

    private static func containsCaseInsensitive(
        _ page: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int,
        _ literal: StaticString
    ) -> Bool {
        let length = literal.utf8CodeUnitCount
        var index = start
        while index + length <= end {
            if matches(page, at: index, literal) { return true }
            index += 1
        }
        return false
    }
}
