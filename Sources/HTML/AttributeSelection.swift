/// Which attributes a parse keeps (``HTMLDocument/init(parsing:skippingScripts:droppingBlankText:attributes:shorteningBlanks:)``).
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
    /// Names kept on every element; nil keeps every attribute.
    let everywhere: [NameKey]?
    /// Element name → the names kept on it besides `everywhere`.
    let byElement: [(element: NameKey, names: [NameKey])]

    /// Every attribute, as written.
    public static let all = AttributeSelection(everywhere: nil, byElement: [])

    /// Keeps the attributes named in `everywhere` on every element and those in `elements[name]`
    /// on elements called `name`; names are matched without regard to ASCII case, and are at
    /// most 16 bytes long (no longer name is kept).
    public init(everywhere: [String], on elements: [String: [String]] = [:]) {
        func key(_ name: String) -> NameKey {
            precondition(
                !name.isEmpty && name.utf8.count <= NameKey.capacity, "attribute and element names here are 1-16 bytes")
            return NameKey(name)
        }
        self.init(
            everywhere: everywhere.map(key),
            byElement: elements.sorted { $0.key < $1.key }.map { (key($0.key), $0.value.map(key)) })
    }

    private init(everywhere: [NameKey]?, byElement: [(element: NameKey, names: [NameKey])]) {
        self.everywhere = everywhere
        self.byElement = byElement
    }

    /// Whether every attribute is kept (nothing to cut).
    var keepsAll: Bool { everywhere == nil }

    /// Which entry of `byElement` names the element `element`, or -1.
    func elementEntry(_ element: NameKey) -> Int {
        byElement.firstIndex { $0.element == element } ?? -1
    }

    /// Whether the attribute `name` is kept on an element whose `elementEntry` is `entry`.
    func keeps(_ name: NameKey, entry: Int) -> Bool {
        guard let everywhere else { return true }
        return everywhere.contains(name) || entry >= 0 && byElement[entry].names.contains(name)
    }
}

/// A name of up to 16 bytes, ASCII-lowercased, packed into two words as it is read: compared
/// in two instructions, where comparing byte arrays per attribute was most of reading a tag.
/// Longer names keep their length and first 16 bytes, and equal no name of 16 bytes or fewer.
struct NameKey: Equatable {
    static let capacity = 16
    var head: UInt64 = 0
    var tail: UInt64 = 0
    var count = 0

    init() {}

    /// The key of a name written out.
    init(_ name: String) {
        for byte in name.utf8 { append(byte) }
    }

    @inline(__always) mutating func append(_ byte: UInt8) {
        let lowered = UInt64(Prefilter.lower(byte))
        if count < 8 {
            head |= lowered << (8 * UInt64(count))
        } else if count < 16 {
            tail |= lowered << (8 * UInt64(count - 8))
        }
        count += 1
    }
}
