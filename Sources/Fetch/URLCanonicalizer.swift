import Foundation

/// Turns the many spellings of one page's address into one, so a page linked
/// from two feeds is fetched once and keeps one document id.
///
/// What changes: scheme and host are lower-cased (a trailing dot on the host
/// goes), the default port goes, the fragment goes, `.` and `..` path segments
/// are resolved, an empty path becomes `/`, percent-escapes are normalised
/// (unreserved characters decoded, hex upper-cased), and tracking parameters
/// (`utm_*` and the click ids in ``trackingParameters``) are removed from the
/// query, keeping the others in their order. Only `http` and `https` are accepted.
///
/// ```swift
/// URLCanonicalizer.canonical("HTTP://Example.COM:80/a/../b?utm_source=x&id=2#top")
/// // "http://example.com/b?id=2"
/// ```
public enum URLCanonicalizer {
    /// Query parameters that only say where a click came from (compared lower-cased);
    /// any name starting with `utm_` is one too.
    public static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "twclid", "ttclid",
        "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id",
        "rb_clickid", "s_cid", "cmpid", "ncid", "ocid", "sr_share", "at_medium", "at_campaign",
    ]

    /// Why an address cannot be fetched.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// The canonical form of `address`, or nil when it is not an absolute http(s) URL.
    public static func canonical(_ address: String) -> String? {
        try? canonicalize(address).get()
    }

    /// The canonical form of `address`, or why it is not a fetchable http(s) URL.
    public static func canonicalize(_ address: String) -> Result<String, Failure> {
        let trimmed = address.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let colon = trimmed.firstIndex(of: ":") else {
            return .failure(Failure(message: "`\(address)` is not an absolute URL"))
        }
        let scheme = trimmed[..<colon].lowercased()
        guard scheme == "http" || scheme == "https" else {
            return .failure(Failure(message: "`\(address)`: only http and https URLs can be fetched"))
        }
        var rest = trimmed[trimmed.index(after: colon)...]
        guard rest.hasPrefix("//") else { return .failure(Failure(message: "`\(address)` has no host")) }
        rest = rest.dropFirst(2)
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        let afterAuthority = rest[authorityEnd...]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host = Substring(authority)
        var port: Substring = ""
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else {
                return .failure(Failure(message: "`\(address)` has a bad IPv6 host"))
            }
            let after = host[host.index(after: close)...]
            host = host[...close]
            if after.hasPrefix(":") {
                port = after.dropFirst()
            } else if !after.isEmpty {
                return .failure(Failure(message: "`\(address)` has a bad host"))
            }
        } else if let portColon = host.lastIndex(of: ":") {
            port = host[host.index(after: portColon)...]
            host = host[..<portColon]
        }
        var hostName = host.lowercased()
        while hostName.hasSuffix(".") { hostName.removeLast() }
        guard !hostName.isEmpty,
            hostName.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F || $0.value >= 0x80 })
        else {
            return .failure(Failure(message: "`\(address)` has no host"))
        }
        var portPart = ""
        if !port.isEmpty {
            guard port.allSatisfy(\.isASCII), let number = Int(port), (0...65535).contains(number) else {
                return .failure(Failure(message: "`\(address)` has a bad port `\(port)`"))
            }
            if !(scheme == "http" && number == 80 || scheme == "https" && number == 443) { portPart = ":\(number)" }
        }
        var pathPart = afterAuthority
        var query: Substring?
        if let mark = afterAuthority.firstIndex(of: "?") {
            pathPart = afterAuthority[..<mark]
            query = afterAuthority[afterAuthority.index(after: mark)...]
        }
        var path = removeDotSegments(PercentEncoding.normalize(pathPart))
        if path.isEmpty { path = "/" }
        var result = "\(scheme)://\(hostName)\(portPart)\(path)"
        if let query {
            let kept = query.split(separator: "&", omittingEmptySubsequences: true).filter { !isTracking($0) }
            if !kept.isEmpty { result += "?" + kept.map { PercentEncoding.normalize($0) }.joined(separator: "&") }
        }
        return .success(result)
    }

    /// Whether a `name=value` query pair is a tracking parameter.
    static func isTracking(_ pair: Substring) -> Bool {
        let name = (pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? "").lowercased()
        return name.hasPrefix("utm_") || trackingParameters.contains(name)
    }

    /// RFC 3986 §5.2.4: resolves `.` and `..` segments.
    static func removeDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, segment) in segments.enumerated() {
            let last = index == segments.count - 1
            switch segment {
            case ".":
                if last { output.append("") }
            case "..":
                if output.count > 1 { output.removeLast() }
                if last { output.append("") }
            default:
                output.append(segment)
            }
        }
        let joined = output.joined(separator: "/")
        return joined.hasPrefix("/") || joined.isEmpty ? joined : "/" + joined
    }

    /// The host of a canonical URL with its port when not the default: the unit of politeness.
    public static func hostKey(_ canonicalURL: String) -> String {
        guard let start = canonicalURL.range(of: "://")?.upperBound else { return canonicalURL }
        let rest = canonicalURL[start...]
        let end = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        return String(canonicalURL[..<end])
    }

    /// The path and query of a canonical URL (`/a/b?x=1`), as robots.txt rules see it.
    public static func pathAndQuery(_ canonicalURL: String) -> String {
        guard let start = canonicalURL.range(of: "://")?.upperBound else { return "/" }
        let rest = canonicalURL[start...]
        guard let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
        let tail = String(rest[end...])
        return tail.hasPrefix("?") ? "/" + tail : tail
    }

    /// Resolves `reference` against `base` (a link in a page or a redirect's Location), then canonicalises it.
    public static func resolve(_ reference: String, against base: String) -> String? {
        guard let baseURL = URL(string: base),
            let resolved = URL(string: reference.trimmingCharacters(in: .whitespacesAndNewlines), relativeTo: baseURL)
        else { return nil }
        return canonical(resolved.absoluteString)
    }
}
