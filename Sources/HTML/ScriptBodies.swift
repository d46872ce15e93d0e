#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes the bodies of `<script>`, `<style>`, `<svg>`, `<noscript>` and `<template>` elements, and
/// comments, before parsing, for readers that never look at code, style sheets, drawings or
/// fallbacks: they are over half the bytes of a news page, and libxml2 2.9 reads them a character at
/// a time. Scripts whose opening tag mentions `ld+json` (structured data) keep their body. Comments
/// go whole, so a commented-out `<script>` takes nothing with it; an opening tag without its closing
/// tag is left alone.
enum ScriptBodies {
    /// The page without those bodies and comments, or nil when there was nothing to remove.
    static func removed(from page: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let count = page.count
        var out: [UInt8] = []
        var copied = 0  // page[..<copied] is already in `out`
        var index = 0
        while index < count {
            // Next "<".
            guard let next = nextLessThan(page, from: index) else { break }
            index = next
            if matches(page, at: index + 1, "!--") {
                // A comment goes whole (so a commented-out <script> takes nothing with it).
                guard let end = find(page, "-->", from: index + 4) else { break }
                if out.isEmpty { out.reserveCapacity(count / 2) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: page[copied..<index]))
                copied = end + 3
                index = end + 3
                continue
            }
            let name: StaticString
            if matchesName(page, at: index + 1, "script") {
                name = "script"
            } else if matchesName(page, at: index + 1, "style") {
                name = "style"
            } else if matchesName(page, at: index + 1, "svg") {
                name = "svg"
            } else if matchesName(page, at: index + 1, "noscript") {
                name = "noscript"
            } else if matchesName(page, at: index + 1, "template") {
                name = "template"
            } else {
                index += 1
                continue
            }
            guard let tagEnd = endOfTag(page, from: index + 1) else { break }
            let selfClosing = page[tagEnd - 1] == UInt8(ascii: "/")
            let keep = name.utf8CodeUnitCount == 6 && containsCaseInsensitive(page, from: index, to: tagEnd, "ld+json")
            let bodyStart = tagEnd + 1
            guard !selfClosing, let close = findClosing(page, name, from: bodyStart) else {
                index = bodyStart
                continue
            }
            if !keep && close > bodyStart {
                if out.isEmpty { out.reserveCapacity(count / 2) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: page[copied..<bodyStart]))
                copied = close
            }
            index = close + 2
        }
        guard copied > 0 else { return nil }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: page[copied..<count]))
        return out
    }

    private static func nextLessThan(_ page: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < page.count, let base = page.baseAddress,
            let found = memchr(base + start, Int32(UInt8(ascii: "<")), page.count - start)
        else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    private static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }

    private static func matches(_ page: UnsafeBufferPointer<UInt8>, at start: Int, _ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard start + length <= page.count else { return false }
        return literal.withUTF8Buffer { expected in (0..<length).allSatisfy { lower(page[start + $0]) == expected[$0] } }
    }

    /// `literal` at `start`, followed by a character that ends a tag name.
    private static func matchesName(_ page: UnsafeBufferPointer<UInt8>, at start: Int, _ literal: StaticString) -> Bool {
        let end = start + literal.utf8CodeUnitCount
        guard end < page.count, matches(page, at: start, literal) else { return false }
        let after = page[end]
        return after == UInt8(ascii: ">") || after == UInt8(ascii: "/") || after == 0x20 || (after >= 0x09 && after <= 0x0D)
    }

    /// The index of the ">" that ends a tag, quotes respected.
    private static func endOfTag(_ page: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        var quote: UInt8 = 0
        while index < page.count {
            let byte = page[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index
            }
            index += 1
        }
        return nil
    }

    private static func find(_ page: UnsafeBufferPointer<UInt8>, _ literal: StaticString, from start: Int) -> Int? {
        var index = start
        while let next = nextLessOrDash(page, literal, from: index) {
            if matches(page, at: next, literal) { return next }
            index = next + 1
        }
        return nil
    }

    private static func nextLessOrDash(_ page: UnsafeBufferPointer<UInt8>, _ literal: StaticString, from start: Int) -> Int? {
        let first = literal.withUTF8Buffer { $0[0] }
        var index = start
        while index < page.count {
            if page[index] == first { return index }
            index += 1
        }
        return nil
    }

    /// The index of the "</name" that closes a script or style body.
    private static func findClosing(_ page: UnsafeBufferPointer<UInt8>, _ name: StaticString, from start: Int) -> Int? {
        var index = start
        while let next = nextLessThan(page, from: index) {
            if next + 1 < page.count, page[next + 1] == UInt8(ascii: "/"), matches(page, at: next + 2, name) { return next }
            index = next + 1
        }
        return nil
    }

    private static func containsCaseInsensitive(_ page: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int,
                                                _ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        var index = start
        while index + length <= end {
            if matches(page, at: index, literal) { return true }
            index += 1
        }
        return false
    }
}
