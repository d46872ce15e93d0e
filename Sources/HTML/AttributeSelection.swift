/// Which attributes a parse keeps (``HTMLDocument/init(parsing:skippingScripts:droppingBlankText:attributes:)``).
///
/// Attributes are most of what libxml2 reads on a news page once script bodies are gone:
/// `class` and `href` on every link, `srcset`, `data-*` tracking, `onclick`, `aria-label`. A
/// reader that looks at a few of them says which, and the others are cut from the page's bytes
/// before the parser sees them: the tree is the same, element for element and text for text,
/// with fewer attributes on it.
///
/// ```swift
/// let links = AttributeSelection(everywhere: ["class", "id"], on: ["link": ["rel", "href"]])
/// ```
public struct AttributeSelection: Sendable {
    /// Names kept on every element, lowercase ASCII bytes; nil keeps every attribute.
    let everywhere: [[UInt8]]?
    /// Element name → the names kept on it besides `everywhere`.
    let byElement: [(element: [UInt8], names: [[UInt8]])]

    /// Every attribute, as written.
    public static let all = AttributeSelection(everywhere: nil, byElement: [])

    /// Keeps the attributes named in `everywhere` on every element and those in `elements[name]`
    /// on elements called `name`; names are matched without regard to ASCII case.
    public init(everywhere: [String], on elements: [String: [String]] = [:]) {
        func bytes(_ name: String) -> [UInt8] { Array(name.lowercased().utf8) }
        self.init(everywhere: everywhere.map(bytes),
                  byElement: elements.sorted { $0.key < $1.key }.map { (bytes($0.key), $0.value.map(bytes)) })
    }

    private init(everywhere: [[UInt8]]?, byElement: [(element: [UInt8], names: [[UInt8]])]) {
        self.everywhere = everywhere
        self.byElement = byElement
    }

    /// Whether every attribute is kept (nothing to cut).
    var keepsAll: Bool { everywhere == nil }

    /// The names kept on the element whose name is `element` (as written), besides `everywhere`.
    func extraNames(for element: UnsafeBufferPointer<UInt8>) -> [[UInt8]] {
        byElement.first { Self.equalsIgnoringCase(element, $0.element) }?.names ?? []
    }

    /// Whether the attribute called `name` (as written) is kept on an element given `extra`.
    func keeps(_ name: UnsafeBufferPointer<UInt8>, extra: [[UInt8]]) -> Bool {
        guard let everywhere else { return true }
        return everywhere.contains { Self.equalsIgnoringCase(name, $0) } || extra.contains { Self.equalsIgnoringCase(name, $0) }
    }

    /// ASCII case-insensitive equality of `bytes` with a lowercase `literal`.
    static func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: [UInt8]) -> Bool {
        guard bytes.count == literal.count else { return false }
        for index in 0 ..< literal.count {
            let byte = bytes[index]
            if (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) != literal[index] { return false }
        }
        return true
    }
}
