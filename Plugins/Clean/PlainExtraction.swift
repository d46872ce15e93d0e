import Foundation

/// Paragraph splitting without boilerplate detection: the honest minimum
/// until the real extractor lands.
enum PlainExtraction {
    static func paragraphs(fromText text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n", with: "\n")
            .components(separatedBy: "\n\n")
            .map { $0.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    static func paragraphs(fromHTML html: String) -> [String] {
        var text = html
        for tag in ["script", "style", "noscript", "template"] {
            text = text.replacingOccurrences(of: "<\(tag)\\b[^>]*>.*?</\(tag)>", with: " ", options: [.regularExpression, .caseInsensitive])
        }
        text = text.replacingOccurrences(of: "</?(p|div|br|h[1-6]|li|tr|article|section|header|footer|blockquote)\\b[^>]*>", with: "\n\n", options: [.regularExpression, .caseInsensitive])
        text = text.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
        for (entity, value) in [("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: value)
        }
        return paragraphs(fromText: text).map { $0.replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression) }
    }
}
