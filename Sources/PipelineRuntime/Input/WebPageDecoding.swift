import Foundation
import PipelineKit

/// The readers' decoding, offered to sources that bring bytes from elsewhere
/// than files (the web fetcher), so a page fetched decodes exactly as the same
/// page saved to a file would.
public enum WebPageDecoding {
    /// Text of an HTML page or text body: the charset from the HTTP
    /// `Content-Type` header when it names one, else `<meta charset>`, else
    /// UTF-8 with the windows-1252 fallback. The note says what was used when
    /// it was not plain UTF-8. Throws a message for binary content.
    public static func decode(_ body: Data, contentType: String?, html: Bool) throws(DecodingFailure) -> (
        text: String, note: String?
    ) {
        let headerCharset = contentType.flatMap(charset(inContentType:))
        let declared = headerCharset ?? (html ? TextDecoding.declaredHTMLCharset(body) : nil)
        do {
            let decoded = try TextDecoding.decode(body, declared: declared)
            return (decoded.text, decoded.note)
        } catch let TextDecoding.Failure.binary(reason) {
            throw DecodingFailure(message: reason)
        } catch {
            throw DecodingFailure(message: "cannot decode: \(error)")
        }
    }

    /// Why a body could not be read as text.
    public struct DecodingFailure: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// The `charset` parameter of a `Content-Type` value, lower-cased.
    public static func charset(inContentType value: String) -> String? {
        for parameter in value.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else {
                continue
            }
            let name = pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(
                in: CharacterSet(charactersIn: "\"'"))
            return name.isEmpty ? nil : name.lowercased()
        }
        return nil
    }

    /// The items of an RSS or Atom feed as documents (title, link as `url`,
    /// date, author, content), or why the bytes are not a feed.
    public static func feedItems(_ data: Data, source: String) -> Result<[Document], DecodingFailure> {
        if let reason = TextDecoding.binaryReason(data) { return .failure(DecodingFailure(message: reason)) }
        switch FeedParser.parse(data, fileID: source, source: source) {
        case let .success(documents): return .success(documents)
        case let .failure(failure): return .failure(DecodingFailure(message: failure.message))
        }
    }

    /// A byte limit as said in reasons: whole megabytes, or bytes under one.
    static func describe(limit: Int) -> String {
        limit >= 1_048_576 ? "\(limit / 1_048_576) MB" : "\(limit) bytes"
    }

    /// Inflates gzip or zlib data with the readers' bomb limit.
    public static func inflate(_ data: Data, limit: Int) -> Result<Data, DecodingFailure> {
        switch Gzip.decompress(data, limit: limit) {
        case let .success(inflated): return .success(inflated)
        case .failure(.tooLarge):
            return .failure(DecodingFailure(message: "decompresses to more than the \(describe(limit: limit)) limit"))
        case let .failure(.corrupt(message)):
            return .failure(DecodingFailure(message: "bad compressed body: \(message)"))
        }
    }
}
