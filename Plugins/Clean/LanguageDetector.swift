/// A light language guess for pages that do not declare one: the writing
/// system first (Han, Kana, Hangul, Cyrillic, Arabic, …), then, for Latin
/// script, which language's commonest words the text uses most.
///
/// One pass over the scalars of the first paragraphs (about 4,000 bytes of
/// text, 400 words a paragraph): words are lowercased as they are read and
/// looked up once in a table saying which languages list them.
enum LanguageDetector {
    /// A BCP 47 primary tag ("en"), or nil when the text is too short or unclear.
    static func detect(_ paragraphs: [String]) -> String? {
        var scripts = [Int](repeating: 0, count: Script.allCases.count)
        var latin = 0
        var hits = [Int](repeating: 0, count: stopwords.count)
        var wordCount = 0
        var sampled = 0
        var word: [UInt8] = []
        word.reserveCapacity(16)
        var wordsHere = 0  // in the paragraph being read

        /// Counts the word in `word` (lowercase UTF-8), if any, and empties it.
        func endWord() {
            guard !word.isEmpty else { return }
            wordCount += 1
            wordsHere += 1
            if word.count <= longestStopword {
                let key = String(decoding: word, as: UTF8.self)
                if let mask = languagesListing[key] {
                    for language in hits.indices where mask & (1 << language) != 0 { hits[language] += 1 }
                }
            }
            word.removeAll(keepingCapacity: true)
        }

        for paragraph in paragraphs {
            if sampled > 4000 { break }
            sampled += paragraph.utf8.count
            var scalarsSeen = 0
            wordsHere = 0
            for scalar in paragraph.unicodeScalars {
                let value = scalar.value
                if scalarsSeen < 2000 {
                    scalarsSeen += 1
                    switch value {
                    case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: latin += 1
                    default: if let script = Script(value) { scripts[script.rawValue] += script.weight }
                    }
                } else if wordsHere >= 400 {
                    break
                }
                if wordsHere >= 400 { continue }
                // Letters and apostrophes make words; everything else ends one.
                if value < 0x80 {
                    let byte = UInt8(value)
                    switch byte {
                    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "'"): word.append(byte)
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte | 0x20)
                    default: endWord()
                    }
                } else if scalar.properties.isAlphabetic {
                    word.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
                } else {
                    endWord()
                }
            }
            if wordsHere < 400 { endWord() }
            word.removeAll(keepingCapacity: true)
        }
        if let script = Script.allCases.max(by: { a, b in
            scripts[a.rawValue] != scripts[b.rawValue] ? scripts[a.rawValue] < scripts[b.rawValue] : a.tag > b.tag
        }), case let count = scripts[script.rawValue], count > latin / 2, count >= 20 {
            if script == .han, scripts[Script.kana.rawValue] > 0 { return "ja" }
            return script.tag
        }
        guard wordCount >= 8 else { return nil }
        var best: (String, Int) = ("", 0)
        for (index, (language, _)) in stopwords.enumerated() {
            let count = hits[index]
            if count > best.1 || (count == best.1 && language < best.0) { best = (language, count) }
        }
        // Function words make up a third or more of running text; demand a few percent.
        return best.1 * 100 >= wordCount * 8 ? best.0 : nil
    }

    /// Writing systems that name a language on their own.
    enum Script: Int, CaseIterable {
        case kana, han, hangul, cyrillic, arabic, greek, hebrew, devanagari, thai

        init?(_ value: UInt32) {
            switch value {
            case 0x3040...0x30FF: self = .kana
            case 0x4E00...0x9FFF, 0x3400...0x4DBF: self = .han
            case 0xAC00...0xD7AF, 0x1100...0x11FF: self = .hangul
            case 0x0400...0x04FF: self = .cyrillic
            case 0x0600...0x06FF: self = .arabic
            case 0x0370...0x03FF: self = .greek
            case 0x0590...0x05FF: self = .hebrew
            case 0x0900...0x097F: self = .devanagari
            case 0x0E00...0x0E7F: self = .thai
            default: return nil
            }
        }

        var tag: String {
            switch self {
            case .kana: "ja"
            case .han: "zh"
            case .hangul: "ko"
            case .cyrillic: "ru"
            case .arabic: "ar"
            case .greek: "el"
            case .hebrew: "he"
            case .devanagari: "hi"
            case .thai: "th"
            }
        }

        /// Kana decides over the Han characters Japanese shares with Chinese.
        var weight: Int { self == .kana ? 3 : 1 }
    }

    static let stopwords: [(String, Set<String>)] = [
        (
            "en",
            [
                "the", "and", "of", "to", "in", "is", "that", "it", "for", "was", "on", "with", "as", "by", "at",
                "from", "this", "have", "are", "be", "has", "which", "but", "not", "they", "their", "its", "were",
            ]
        ),
        (
            "de",
            [
                "der", "die", "und", "das", "ist", "nicht", "mit", "den", "von", "zu", "sich", "des", "auf", "für",
                "im", "dem", "ein", "eine", "auch", "es", "an", "werden", "aus", "er", "hat", "dass", "sie", "wird",
            ]
        ),
        (
            "fr",
            [
                "le", "la", "les", "et", "des", "est", "un", "une", "du", "en", "que", "qui", "dans", "pour", "pas",
                "au", "sur", "avec", "il", "sont", "par", "ce", "plus", "ne", "se", "aux", "cette", "été",
            ]
        ),
        (
            "es",
            [
                "el", "la", "los", "las", "y", "de", "que", "en", "un", "una", "por", "con", "para", "es", "del",
                "se", "no", "al", "lo", "como", "más", "pero", "sus", "su", "ha", "fue", "este", "está",
            ]
        ),
        (
            "it",
            [
                "il", "la", "di", "che", "e", "un", "una", "per", "non", "del", "della", "sono", "con", "gli",
                "le", "da", "si", "nel", "alla", "anche", "è", "dei", "delle", "ha", "come", "più", "questo",
            ]
        ),
        (
            "pt",
            [
                "o", "a", "os", "as", "e", "de", "que", "em", "um", "uma", "para", "com", "não", "do", "da", "dos",
                "das", "no", "na", "por", "mais", "se", "foi", "ao", "é", "como", "mas", "também",
            ]
        ),
        (
            "nl",
            [
                "de", "het", "een", "en", "van", "is", "dat", "niet", "op", "te", "zijn", "voor", "met", "die",
                "ook", "als", "aan", "er", "maar", "om", "bij", "nog", "wordt", "door", "naar", "dit", "werd",
            ]
        ),
    ]

    /// Each listed word with a bit set for every language (index into `stopwords`) listing it.
    static let languagesListing: [String: UInt8] = {
        var table: [String: UInt8] = [:]
        for (index, (_, words)) in stopwords.enumerated() {
            for word in words { table[word, default: 0] |= 1 << index }
        }
        return table
    }()

    /// The longest listed word in UTF-8 bytes: longer words need no lookup.
    static let longestStopword = stopwords.flatMap(\.1).map(\.utf8.count).max() ?? 0
}
