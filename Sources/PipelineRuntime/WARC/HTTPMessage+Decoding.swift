import Foundation

extension HTTPMessage {
    /// The message as an application reads it: headers as received, the body
    /// with a chunked transfer coding removed and a gzip or deflate content
    /// coding inflated, with `limit` bytes as the bomb limit files have.
    ///
    /// WARC response records keep the bytes as they came over the wire, so
    /// replaying one decodes it here, exactly as the live response was decoded.
    public func decoded(limit: Int) -> Result<HTTPMessage, WebPageDecoding.DecodingFailure> {
        var body = body
        if let transfer = self["Transfer-Encoding"]?.lowercased(), transfer.contains("chunked") {
            switch Self.dechunk(body, limit: limit) {
            case let .success(joined): body = joined
            case let .failure(failure): return .failure(failure)
            }
        }
        switch self["Content-Encoding"]?.trimmingCharacters(in: .whitespaces).lowercased() {
        case nil, "", "identity":
            break
        case "gzip", "x-gzip", "deflate":
            switch WebPageDecoding.inflate(body, limit: limit) {
            case let .success(inflated): body = inflated
            case let .failure(failure): return .failure(failure)
            }
        case let other?:
            return .failure(WebPageDecoding.DecodingFailure(message: "content coding `\(other)` is not supported"))
        }
        if body.count > limit {
            return .failure(
                WebPageDecoding.DecodingFailure(
                    message: "larger than the \(WebPageDecoding.describe(limit: limit)) limit"))
        }
        return .success(HTTPMessage(status: status, startLine: startLine, headers: headers, body: body))
    }

    /// The data of a chunked body (RFC 9112 §7.1), trailers ignored; stops at `limit` bytes.
    static func dechunk(_ data: Data, limit: Int) -> Result<Data, WebPageDecoding.DecodingFailure> {
        let bytes = [UInt8](data)
        var joined = Data()
        var position = 0
        while true {
            guard let lineEnd = Self.lineEnd(bytes, from: position) else {
                return .failure(WebPageDecoding.DecodingFailure(message: "chunked body cut short"))
            }
            let line = String(decoding: bytes[position..<lineEnd], as: UTF8.self)
            let sizeText = line.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard let size = Int(sizeText, radix: 16), size >= 0 else {
                return .failure(WebPageDecoding.DecodingFailure(message: "bad chunk size `\(sizeText.prefix(20))`"))
            }
            position = lineEnd + 2
            if size == 0 { return .success(joined) }
            guard size <= limit - joined.count else {
                return .failure(
                    WebPageDecoding.DecodingFailure(
                        message: "larger than the \(WebPageDecoding.describe(limit: limit)) limit"))
            }
            guard position + size <= bytes.count else {
                return .failure(WebPageDecoding.DecodingFailure(message: "chunked body cut short"))
            }
            joined.append(contentsOf: bytes[position..<position + size])
            position += size + 2
        }
    }

    private static func lineEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == 13, bytes[index + 1] == 10 { return index }
            index += 1
        }
        return nil
    }
}
