import Foundation
import PipelineKit
import Mustache

/// The digest as one self-contained HTML page, rendered from
/// ``HTMLTemplate`` with Mustache: every value is HTML-escaped on the way in.
struct HTMLDigest {
    /// The templates, parsed once: they are constants, so a parse failure is a
    /// programming error caught by the tests.
    static let library: MustacheLibrary = {
        do {
            return try MustacheLibrary(templates: [
                "page": MustacheTemplate(string: HTMLTemplate.page),
                "story": MustacheTemplate(string: HTMLTemplate.story),
                "article": MustacheTemplate(string: HTMLTemplate.article),
            ])
        } catch {
            fatalError("the HTML digest templates do not parse: \(error)")
        }
    }()

    let view: DigestView

    func render() -> String {
        let page = Self.library.render(view, withTemplate: "page") ?? ""
        // Control characters (C0 other than tab and line ends, DEL, C1) are errors
        // in HTML; the templates have none, so this drops only the data's.
        guard page.unicodeScalars.contains(where: Self.isForbidden) else { return page }
        var clean = String.UnicodeScalarView()
        clean.append(contentsOf: page.unicodeScalars.lazy.filter { !Self.isForbidden($0) })
        return String(clean)
    }

    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        ControlCharacters.isControl(scalar) && scalar != "\r"
    }
}
