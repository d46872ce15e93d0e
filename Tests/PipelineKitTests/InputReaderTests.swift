import Foundation
import Testing
@testable import PipelineKit
@testable import PipelineRuntime

@Suite("Input readers")
struct InputReaderTests {
    let folder: URL

    init() throws {
        folder = try temporaryFolder("reader")
    }

    func read(_ path: String = ".", maxMB: Int = 20) -> InputReader.Result {
        folder.readInput(path, maxMB: maxMB)
    }

    /// gzip-compresses with the system's gzip, as users' files would be.
    func gzip(_ data: Data) throws -> Data { try GzipTests.gzip(data) }

    @Test("HTML, text and Markdown files become documents keyed by relative path")
    func plainFiles() throws {
        try folder.write("site/a.html", "<html><body><p>Hi</p></body></html>")
        try folder.write("b.txt", "Plain text")
        try folder.write("c.md", "# Title\n\nBody")
        try folder.write("d.htm", "<p>Old extension</p>")
        let result = read()
        #expect(result.documents.map(\.id) == ["b.txt", "c.md", "d.htm", "site/a.html"])
        #expect(result.documents.map(\.mediaType) == [.text, .markdown, .html, .html])
        #expect(result.documents[3].raw == "<html><body><p>Hi</p></body></html>")
        #expect(result.documents[3].source == "site/a.html")
        #expect(result.rejects.isEmpty)
    }

    @Test("a file's format comes from its last extension, case-blind, under an optional .gz")
    func formatsFromNames() {
        let cases: [(String, InputFormat?)] = [
            ("a.html", .html), ("site/b.HTM", .html), ("c.Html.GZ", .html), ("notes.txt", .text), ("x..md", .markdown),
            ("d.markdown", .markdown), ("e.json", .json), ("f.jsonl.gz", .jsonl), ("g.ndjson", .jsonl),
            ("feeds/h.rss", .feed), ("i.atom", .feed), ("j.xml", .feed), (" .txt", .text),
            // No extension, a hidden file's name, an extension on a folder, or one not read.
            ("notes", nil), (".html", nil), ("site/.html", nil), ("dir.html/page", nil), ("a.", nil),
            ("archive.tar.gz", nil), ("b.gz", nil), ("photo.jpg", nil),
        ]
        for (name, format) in cases {
            #expect(InputFormat(fileName: name) == format, "\(name)")
        }
    }

    @Test("text with combining marks is read in composed form (NFC); composed text keeps its bytes")
    func composedText() throws {
        // "Zürich" and "São" written with combining marks, after ASCII of several lengths so the
        // mark falls inside and across the reader's eight-byte steps.
        let decomposed = "Flooding in Zu\u{308}rich. Rain in Sa\u{303}o Paulo.\n"
        try folder.write("a.txt", decomposed)
        try folder.write("b.txt", "x" + decomposed)
        // Already composed, with curly quotes, a dash and Hebrew letters without points: as is.
        let composed = "Caf\u{E9} \u{201C}Zürich\u{201D} \u{2014} \u{5E9}\u{5DC}\u{5D5}\u{5DD}\n"
        try folder.write("c.txt", composed)
        // Two marks in one word, a word that opens the text, one that ends it.
        try folder.write("d.txt", "E\u{301}te\u{301}\tCafe\u{301}")
        let result = read()
        #expect(result.documents.count == 4)
        func bytes(_ id: String) -> [UInt8]? { result.documents.first { $0.id == id }?.raw.map { Array($0.utf8) } }
        let want = Array("Flooding in Z\u{FC}rich. Rain in S\u{E3}o Paulo.\n".utf8)
        #expect(bytes("a.txt") == want)
        #expect(bytes("b.txt") == Array("x".utf8) + want)
        #expect(bytes("c.txt") == Array(composed.utf8))
        #expect(bytes("d.txt") == Array("\u{C9}t\u{E9}\tCaf\u{E9}".utf8))
    }

    @Test("gzipped files are read and keep their id without .gz")
    func gzipped() throws {
        try folder.write("a.html.gz", try gzip(Data("<p>Compressed page</p>".utf8)))
        try folder.write("w.jsonl.gz", try gzip(Data(#"{"id":"x1","text":"zipped line"}"#.utf8)))
        let result = read()
        #expect(result.documents.map(\.id) == ["a.html", "x1"])
        #expect(result.documents[0].raw == "<p>Compressed page</p>")
        #expect(result.documents[1].raw == "zipped line")
    }

    @Test("a gzip bomb is stopped at the size limit")
    func gzipBomb() throws {
        let bomb = try gzip(Data(count: 3 * 1_048_576))
        #expect(bomb.count < 100_000)
        try folder.write("bomb.txt.gz", bomb)
        let result = read(maxMB: 1)
        #expect(result.documents.isEmpty)
        #expect(result.rejects.first?.reason == "decompresses to more than the 1 MB limit (input.max_file_mb)")
    }

    @Test("a corrupt gzip file is a reject, not a crash")
    func corruptGzip() throws {
        var data = try gzip(Data(String(repeating: "news ", count: 1000).utf8))
        data = data.prefix(data.count / 2)
        try folder.write("half.txt.gz", data)
        try folder.write("junk.txt.gz", Data("not gzip at all".utf8))
        let result = read()
        #expect(result.documents.isEmpty)
        #expect(result.rejects.count == 2)
        #expect(result.rejects.allSatisfy { $0.reason.hasPrefix("not a valid gzip file") })
    }

    @Test("oversized files are set aside unread")
    func oversized() throws {
        try folder.write("big.txt", Data(repeating: 0x61, count: 1_048_576 + 10))
        try folder.write("small.txt", "fine")
        let result = read(maxMB: 1)
        #expect(result.documents.map(\.id) == ["small.txt"])
        #expect(result.rejects.first?.reason == "file is 1.0 MB, over the 1 MB limit (input.max_file_mb)")
    }

    @Test("a 200 MB page is set aside by size, without being read, at the default limit")
    func twoHundredMegabytes() throws {
        // A sparse file: 200 MB on paper, no disk or memory used. Were the
        // reader to load it, the test would take seconds and 200 MB of memory.
        let huge = folder.appendingPathComponent("huge.html")
        #expect(FileManager.default.createFile(atPath: huge.path, contents: Data("<p>".utf8)))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 200 * 1_048_576)
        try handle.close()
        try folder.write("small.txt", "fine")
        let result = read(maxMB: InputOptions().maxFileMB)
        #expect(result.documents.map(\.id) == ["small.txt"])
        #expect(result.rejects.map(\.reason) == ["file is 200.0 MB, over the 20 MB limit (input.max_file_mb)"])
        #expect(result.bytes == 4)
    }

    @Test("binary files are rejected with a reason")
    func binary() throws {
        try folder.write("photo.html", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]))
        let result = read()
        #expect(result.documents.isEmpty)
        #expect(result.rejects.first?.reason == "binary file (contains NUL bytes)")
    }

    @Test("a declared windows-1252 or ISO-8859-1 charset is honoured")
    func declaredCharset() throws {
        // "Café – €5" in windows-1252: é = E9, en dash = 96, euro = 80.
        var page = Data("<html><head><meta charset=\"windows-1252\"></head><body><p>Caf".utf8)
        page += Data([0xE9, 0x20, 0x96, 0x20, 0x80]) + Data("5</p></body></html>".utf8)
        try folder.write("cp.html", page)
        var latin = Data("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>Z".utf8)
        latin += Data([0xFC]) + Data("rich</p>".utf8)
        try folder.write("latin.html", latin)
        let result = read()
        #expect(result.documents.map(\.id) == ["cp.html", "latin.html"])
        #expect(result.documents[0].raw?.contains("<p>Café – €5</p>") == true)
        #expect(result.documents[1].raw?.contains("<p>Zürich</p>") == true)
        #expect(result.documents[0].attributes["encoding"] == "windows-1252 (declared)")
    }

    @Test("invalid UTF-8 without a declaration is read as windows-1252 and noted")
    func invalidUTF8() throws {
        try folder.write("legacy.txt", Data("na".utf8) + Data([0xEF]) + Data("ve caf".utf8) + Data([0xE9]))
        let result = read()
        #expect(result.documents.first?.raw == "naïve café")
        #expect(result.documents.first?.attributes["encoding"] == "windows-1252 (guessed: not valid UTF-8)")
    }

    @Test("a UTF-8 byte order mark is removed")
    func byteOrderMark() throws {
        try folder.write("bom.txt", Data([0xEF, 0xBB, 0xBF]) + Data("Text".utf8))
        #expect(read().documents.first?.raw == "Text")
    }

    @Test("JSONL lines become documents; a bad line is set aside with its number")
    func jsonLines() throws {
        try folder.write(
            "wire.jsonl",
            """
            {"id": "w-1", "url": "https://wire.example/1", "title": "One", "published": "2026-11-20T08:00:00Z", "text": "First."}
            {"id": "w-2", "html": "<p>Second</p>", "desk": "business"}

            {"id": "w-3", "title": "no body"}
            this is not json
            {"id": "w-4", "text": "Fourth", "published": "yesterday-ish"}
            """)
        let result = read()
        #expect(result.documents.map(\.id) == ["w-1", "w-2"])
        let first = result.documents[0]
        #expect(first.url == "https://wire.example/1")
        #expect(first.title == "One")
        #expect(first.published.map(Timestamp.iso8601) == "2026-11-20T08:00:00Z")
        #expect(first.source == "w-1")
        #expect(result.documents[1].mediaType == .html)
        #expect(result.documents[1].attributes["desk"] == "business")
        #expect(
            result.rejects.map(\.reason) == [
                "line 4: has neither `text` nor `html`", "line 5: not valid JSON",
                "line 6: `published` is not a date: yesterday-ish",
            ])
    }

    @Test("a JSON file may hold one record or a list")
    func jsonFiles() throws {
        try folder.write("one.json", #"{"id": "solo", "text": "Alone"}"#)
        try folder.write("many.json", #"[{"id": "m1", "text": "A"}, {"id": "m2", "text": "B"}]"#)
        try folder.write("broken.json", #"{"id": "#)
        let result = read()
        #expect(result.documents.map(\.id) == ["m1", "m2", "solo"])
        #expect(result.rejects.map(\.reason) == ["not valid JSON"])
    }

    @Test("RSS items become documents with title, link, date, author and content")
    func rss() throws {
        try folder.write(
            "feed.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel><title>Harbor Wire</title><link>https://wire.example</link>
            <item><title>Port strike ends</title><link>https://wire.example/strike</link>
              <guid>wire-strike-1</guid><pubDate>Fri, 20 Nov 2026 09:14:00 +0100</pubDate>
              <dc:creator>Ana Ruiz</dc:creator><description>Short</description>
              <content:encoded><![CDATA[<p>Dockers returned to work on <b>Friday</b>.</p>]]></content:encoded></item>
            <item><title>Second</title><link>https://wire.example/2</link><description>Plain words only</description></item>
            </channel></rss>
            """)
        let result = read()
        #expect(result.documents.map(\.id) == ["https://wire.example/2", "wire-strike-1"])
        let item = result.documents[1]
        #expect(item.title == "Port strike ends")
        #expect(item.url == "https://wire.example/strike")
        #expect(item.author == "Ana Ruiz")
        #expect(item.site == "Harbor Wire")
        #expect(item.published.map(Timestamp.iso8601) == "2026-11-20T08:14:00Z")
        #expect(item.raw == "<p>Dockers returned to work on <b>Friday</b>.</p>")
        #expect(item.mediaType == .html)
        #expect(result.documents[0].mediaType == .text)
    }

    @Test("Atom entries become documents")
    func atom() throws {
        try folder.write(
            "atom.xml",
            """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Meridian</title>
            <entry><id>tag:meridian.example,2026:42</id><title>Rates held</title>
              <link rel="alternate" href="https://meridian.example/rates"/>
              <link rel="enclosure" href="https://meridian.example/a.mp3"/>
              <published>2026-11-19T17:30:00-05:00</published><updated>2026-11-20T10:00:00Z</updated>
              <author><name>Lee Park</name></author>
              <content type="html">&lt;p&gt;The bank held rates.&lt;/p&gt;</content></entry>
            </feed>
            """)
        let result = read()
        #expect(result.documents.count == 1)
        let entry = try #require(result.documents.first)
        #expect(entry.id == "tag:meridian.example,2026:42")
        #expect(entry.url == "https://meridian.example/rates")
        #expect(entry.author == "Lee Park")
        #expect(entry.published.map(Timestamp.iso8601) == "2026-11-19T22:30:00Z")
        #expect(entry.raw == "<p>The bank held rates.</p>")
        #expect(entry.site == "Meridian")
    }

    @Test("malformed and non-feed XML are rejected with a reason")
    func badXML() throws {
        try folder.write("broken.xml", "<rss><channel><item><title>Unclosed</channel>")
        try folder.write("other.xml", "<config><x>1</x></config>")
        let result = read()
        #expect(result.documents.isEmpty)
        #expect(result.rejects.map(\.source) == ["broken.xml", "other.xml"])
        #expect(result.rejects[0].reason.hasPrefix("not a well-formed XML feed"))
        #expect(result.rejects[1].reason == "XML file is neither an RSS nor an Atom feed")
    }

    @Test("duplicate ids keep the first and set the rest aside")
    func duplicateIDs() throws {
        try folder.write("a.jsonl", #"{"id": "same", "text": "first"}"#)
        try folder.write("b.jsonl", #"{"id": "same", "text": "second"}"#)
        let result = read()
        #expect(result.documents.map(\.raw) == ["first"])
        #expect(result.rejects.first?.reason == "duplicate id `same` (first read from a.jsonl)")
        #expect(result.rejects.first?.source == "b.jsonl")
    }

    @Test("globs, hidden files, other extensions and symlink loops")
    func discovery() throws {
        try folder.write("x/2026/a.html", "<p>a</p>")
        try folder.write("x/2026/b.txt", "b")
        try folder.write("x/c.html", "<p>c</p>")
        try folder.write("x/.hidden.html", "<p>h</p>")
        try folder.write("x/image.png", "png")
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("x/2026/loop"), withDestinationURL: folder.appendingPathComponent("x"))
        let all = read("x")
        #expect(all.documents.map(\.id) == ["2026/a.html", "2026/b.txt", "c.html"])
        #expect(all.skipped == ["png": 1])
        #expect(all.rejects.contains { $0.reason.contains("symbolic link loop") })
        let html = read("x/**/*.html")
        #expect(Set(html.documents.map(\.raw)) == ["<p>a</p>", "<p>c</p>"])
    }

    @Test("empty files and unsupported single files are set aside")
    func emptyAndUnsupported() throws {
        try folder.write("empty.txt", "  \n")
        let single = try folder.write("notes.docx", "x")
        #expect(read().rejects.map(\.reason) == ["empty file"])
        let result = InputReader(options: InputOptions(path: single.path)).read(path: single.path, base: folder)
        #expect(result.rejects.first?.reason.hasPrefix("unsupported file type") == true)
    }
}
