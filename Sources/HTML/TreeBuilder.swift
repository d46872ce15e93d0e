import CLibXML2

/// A parsed page as flat arrays: nodes in the order the parser made them,
/// linked by index, every text run and attribute in one byte buffer.
struct TreeStore {
    enum Kind: UInt8 {
        case element, text, cdata, comment, other
    }

    struct Node {
        var kind: Kind
        var parent: Int32 = -1
        var firstChild: Int32 = -1
        var lastChild: Int32 = -1
        /// The last child that is not a comment (what libxml2 looks at to decide about blank text).
        var lastContent: Int32 = -1
        var next: Int32 = -1
        /// Elements: index into `names`; others -1.
        var name: Int32 = -1
        /// Text, cdata and comments: their bytes in `bytes`. Elements: their attributes in `attributes`.
        var start: Int32 = 0
        var count: Int32 = 0
    }

    struct Attribute {
        var nameStart: Int32
        var nameCount: Int32
        var valueStart: Int32
        var valueCount: Int32
    }

    var nodes: [Node] = []
    var attributes: [Attribute] = []
    var bytes: [UInt8] = []
    /// Element names, lowercase as libxml2 gives them; the same name always has the same index.
    var names: [String] = []
    var nameBytes: [[UInt8]] = []
    /// The first element at document level.
    var root: Int32 = -1

    func withBytes<R>(start: Int32, count: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[Int(start)..<Int(start) + Int(count)]))
        }
    }

    func string(start: Int32, count: Int32) -> String {
        withBytes(start: start, count: count) { String(decoding: $0, as: UTF8.self) }
    }
}

/// Builds a ``TreeStore`` from libxml2's HTML parser's SAX events, making the
/// tree libxml2's own SAX2 tree builder would make:
///
/// - adjacent text is one node (a comment between two runs makes two);
/// - text with no open element is dropped; elements and comments outside
///   every element hang at document level;
/// - boolean attributes written bare (`<option selected>`) take their name as
///   value, other bare attributes an empty value;
/// - elements opened deeper than ``depthLimit`` (libxml2's DOM depth limit
///   without `XML_PARSE_HUGE`) are flattened: their tags are passed over and
///   their text goes to the element open at the limit, so a deeply nested
///   page keeps its words (libxml2's DOM would stop there and lose them);
/// - a text node over 10,000,000 bytes stops the parse;
/// - with blank text dropped, white space reaching `characters` is judged
///   the way libxml2 judges it against its DOM: dropped unless the element (or
///   its last non-comment child) may hold text, or that child is text. The
///   parser's own first checks (end of input, inside `html`/`head`) it makes
///   itself; the `body` check on an HTML 4 doctype needs the doctype, kept here.
struct TreeBuilder {
    var store = TreeStore()
    /// Open elements, innermost last (libxml2's node stack).
    var open: [Int32] = []
    /// Elements opened beyond ``depthLimit`` and not yet closed: not in the tree.
    var flattened = 0
    var lastAtDocumentLevel: Int32 = -1
    var idByAddress: [UInt: Int32] = [:]
    var idByName: [String: Int32] = [:]
    /// Per name id: whether libxml2 lets the element hold blank text.
    var mayHoldText: [Bool] = []
    var bodyID: Int32 = -2
    var htmlFourDoctype = false
    let droppingBlankText: Bool
    let context: htmlParserCtxtPtr

    static let depthLimit = 256
    static let textLimit = 10_000_000

    init(context: htmlParserCtxtPtr, droppingBlankText: Bool, capacity: Int) {
        self.context = context
        self.droppingBlankText = droppingBlankText
        store.bytes.reserveCapacity(capacity / 2)
        store.nodes.reserveCapacity(capacity / 40)
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, droppingBlankText: Bool) -> TreeStore {
        guard let base = bytes.baseAddress, bytes.count > 0, bytes.count <= Int(Int32.max) else { return TreeStore() }
        let parsed: TreeStore? = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
            // As htmlReadMemory sets up: libxml2's XML memory context with the HTML handlers (its HTML
            // memory context starts in another state and reads some pages' non-ASCII text as Latin-1).
            guard let context = xmlCreateMemoryParserCtxt(chars, Int32(bytes.count)) else { return nil }
            defer { htmlFreeParserCtxt(context) }
            htmlDefaultSAXHandlerInit()
            if let sax = context.pointee.sax, let html = __htmlDefaultSAXHandler() {
                UnsafeMutableRawPointer(sax).copyMemory(from: html, byteCount: MemoryLayout<xmlSAXHandlerV1>.size)
            }
            var options =
                HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_COMPACT.rawValue
            if droppingBlankText { options |= HTML_PARSE_NOBLANKS.rawValue }
            // Then htmlReadMemory's options, and our handlers in place of libxml2's tree builder.
            htmlCtxtUseOptions(context, Int32(options))
            context.pointee.html = 1
            // Reached through a pointer in the context: the handlers are C functions, and a pointer's
            // pointee is not checked for exclusive access at run time as a class's properties are.
            let builder = UnsafeMutablePointer<TreeBuilder>.allocate(capacity: 1)
            builder.initialize(
                to: TreeBuilder(context: context, droppingBlankText: droppingBlankText, capacity: bytes.count))
            defer { builder.deinitialize(count: 1).deallocate() }
            Self.install(on: context)
            context.pointee._private = UnsafeMutableRawPointer(builder)
            _ = htmlParseDocument(context)
            context.pointee._private = nil
            return builder.pointee.store
        }
        return parsed ?? TreeStore()
    }

    fileprivate static func builder(_ context: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<TreeBuilder> {
        let parser = context!.assumingMemoryBound(to: xmlParserCtxt.self)
        return parser.pointee._private!.assumingMemoryBound(to: TreeBuilder.self)
    }

    private static func install(on context: htmlParserCtxtPtr) {
        guard let sax = context.pointee.sax else { return }
        sax.pointee.startDocument = nil
        sax.pointee.endDocument = nil
        sax.pointee.internalSubset = { context, _, externalID, _ in
            TreeBuilder.builder(context).pointee.doctype(externalID)
        }
        sax.pointee.externalSubset = nil
        sax.pointee.startElement = { context, name, attributes in
            TreeBuilder.builder(context).pointee.start(name, attributes)
        }
        sax.pointee.endElement = { context, _ in
            TreeBuilder.builder(context).pointee.end()
        }
        sax.pointee.characters = { context, text, count in
            TreeBuilder.builder(context).pointee.characters(text, Int(count), kind: .text)
        }
        sax.pointee.cdataBlock = { context, text, count in
            TreeBuilder.builder(context).pointee.characters(text, Int(count), kind: .cdata)
        }
        // With NOBLANKS libxml2 sends the blank text it judged ignorable here; without, to `characters`.
        sax.pointee.ignorableWhitespace = { _, _, _ in }
        sax.pointee.comment = { context, text in
            TreeBuilder.builder(context).pointee.comment(text)
        }
        sax.pointee.processingInstruction = { context, _, _ in
            TreeBuilder.builder(context).pointee.append(TreeStore.Node(kind: .other))
        }
        sax.pointee.reference = nil
    }

    // MARK: - Events

    mutating func doctype(_ externalID: UnsafePointer<xmlChar>?) {
        guard let externalID else { return }
        htmlFourDoctype =
            xmlStrcasecmp(externalID, "-//W3C//DTD HTML 4.01//EN") == 0
            || xmlStrcasecmp(externalID, "-//W3C//DTD HTML 4//EN") == 0
    }

    mutating func start(_ name: UnsafePointer<xmlChar>?, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        guard let name else { return }
        if open.count > Self.depthLimit {
            flattened += 1
            return
        }
        var node = TreeStore.Node(kind: .element)
        node.name = id(of: name)
        node.start = Int32(store.attributes.count)
        if var pair = attributes {
            while let attributeName = pair[0] {
                let nameCount = Int32(xmlStrlen(attributeName))
                let nameStart = append(attributeName, Int(nameCount))
                var value = pair[1]
                if value == nil, htmlIsBooleanAttr(attributeName) != 0 { value = attributeName }
                let valueCount = value.map { Int32(xmlStrlen($0)) } ?? 0
                let valueStart = value.map { append($0, Int(valueCount)) } ?? 0
                store.attributes.append(
                    .init(
                        nameStart: nameStart, nameCount: nameCount, valueStart: valueStart,
                        valueCount: valueCount))
                pair += 2
            }
        }
        node.count = Int32(store.attributes.count) - node.start
        let index = append(node)
        open.append(index)
    }

    mutating func end() {
        if flattened > 0 {
            flattened -= 1
            return
        }
        _ = open.popLast()
    }

    mutating func comment(_ text: UnsafePointer<xmlChar>?) {
        var node = TreeStore.Node(kind: .comment)
        if let text {
            node.count = Int32(xmlStrlen(text))
            node.start = append(text, Int(node.count))
        }
        append(node)
    }

    mutating func characters(_ text: UnsafePointer<xmlChar>?, _ count: Int, kind: TreeStore.Kind) {
        guard let text, count > 0, let current = open.last else { return }
        let element = Int(current)
        if kind == .text, droppingBlankText, Self.isBlank(text, count), dropsBlank(in: element) { return }
        let last = store.nodes[element].lastChild
        if last >= 0, store.nodes[Int(last)].kind == kind {
            // Adjacent text: one node. It is the last thing written, so its bytes end the buffer.
            let total = Int(store.nodes[Int(last)].count) + count
            if total > Self.textLimit || store.bytes.count + count > Int(Int32.max) {
                xmlStopParser(context)
                return
            }
            _ = append(text, count)
            store.nodes[Int(last)].count = Int32(total)
            return
        }
        var node = TreeStore.Node(kind: kind)
        node.start = append(text, count)
        node.count = Int32(count)
        append(node)
    }

    // MARK: - Pieces

    @discardableResult
    mutating func append(_ node: TreeStore.Node) -> Int32 {
        var node = node
        let index = Int32(store.nodes.count)
        if let parent = open.last {
            node.parent = parent
            let last = store.nodes[Int(parent)].lastChild
            if last >= 0 { store.nodes[Int(last)].next = index } else { store.nodes[Int(parent)].firstChild = index }
            store.nodes[Int(parent)].lastChild = index
            if node.kind != .comment { store.nodes[Int(parent)].lastContent = index }
        } else {
            if lastAtDocumentLevel >= 0 { store.nodes[Int(lastAtDocumentLevel)].next = index }
            lastAtDocumentLevel = index
            if node.kind == .element, store.root < 0 { store.root = index }
        }
        store.nodes.append(node)
        return index
    }

    private mutating func append(_ bytes: UnsafePointer<xmlChar>, _ count: Int) -> Int32 {
        let start = Int32(truncatingIfNeeded: store.bytes.count)
        store.bytes.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
        return start
    }

    private mutating func id(of name: UnsafePointer<xmlChar>) -> Int32 {
        let address = UInt(bitPattern: name)
        if let known = idByAddress[address] { return known }
        // The parser interns names, but implied elements come as literals: the same name
        // can arrive at two addresses, and must get one id.
        let bytes = Array(UnsafeBufferPointer(start: name, count: Int(xmlStrlen(name))))
        let string = String(decoding: bytes, as: UTF8.self)
        let id: Int32
        if let known = idByName[string] {
            id = known
        } else {
            id = Int32(store.names.count)
            store.names.append(string)
            store.nameBytes.append(bytes)
            idByName[string] = id
            mayHoldText.append(Self.textHolders.contains(string))
            if string == "body" { bodyID = id }
        }
        idByAddress[address] = id
        return id
    }

    static func isBlank(_ text: UnsafePointer<xmlChar>, _ count: Int) -> Bool {
        for index in 0..<count {
            switch text[index] {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            default: return false
            }
        }
        return true
    }

    /// libxml2's judgement of blank text against the tree, for the blank text its parser
    /// could not judge without one (see the type's notes).
    private func dropsBlank(in element: Int) -> Bool {
        // Only text the parser read up to a tag: blank text from a character reference
        // (`&#32;`), or cut off before more text, is kept whatever the tree.
        guard let input = context.pointee.input, let cursor = input.pointee.cur, cursor.pointee == UInt8(ascii: "<"),
            let base = input.pointee.base, cursor > base, Self.isBlank(cursor - 1, 1)
        else { return false }
        let node = store.nodes[element]
        if node.name == bodyID, htmlFourDoctype { return true }
        let last = node.lastContent
        if last < 0 { return !mayHoldText[Int(node.name)] }
        let child = store.nodes[Int(last)]
        switch child.kind {
        case .text: return false
        case .element: return !mayHoldText[Int(child.name)]
        default: return true
        }
    }

    /// The elements of the HTML 4.01 loose DTD that may contain text directly.
    static let textHolders: Set<String> = [
        "a", "abbr", "acronym", "address", "applet", "b", "bdo", "big", "blockquote", "body", "button", "caption",
        "center", "cite", "code", "dd", "del", "dfn", "div", "dt", "em", "font", "form", "h1", "h2", "h3", "h4",
        "h5", "h6", "i", "iframe", "ins", "kbd", "label", "legend", "li", "noframes", "noscript", "object", "p",
        "pre", "q", "s", "samp", "small", "span", "strike", "strong", "td", "th", "tt", "u", "var",
    ]
}
