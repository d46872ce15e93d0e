import Foundation
import PipelineKit
import Mustache

/// The digest as one self-contained HTML page, rendered with Mustache from
/// the templates in Plugins/Export/Data (embedded at build time by the
/// EmbedData plugin, so the stage needs no resource bundle beside the binary):
/// `page.mustache` with the partials `story`, `article` and `style` (the CSS).
///
/// `{{name}}` is HTML-escaped by the renderer (`& < > " '`); the templates use
/// no triple-brace (unescaped) values at all. The page is self-contained:
/// inline CSS, no scripts, no fonts or images to fetch. It is written as
/// well-formed XHTML-compatible HTML (void elements closed, only the five XML
/// entities), so XML tools can read it too.
struct HTMLDigest {
    /// The templates, parsed once: they are constants, so a parse failure is a
    /// programming error caught by the tests.
    static let library: MustacheLibrary = {
        do {
            return try MustacheLibrary(templates: [
                "page": MustacheTemplate(string: EmbeddedData.page),
                "story": MustacheTemplate(string: EmbeddedData.story),
                "article": MustacheTemplate(string: EmbeddedData.article),
                "style": MustacheTemplate(string: EmbeddedData.style),
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
