/// A light language guess for pages that do not declare one: the writing
/// system first (Han, Kana, Hangul, Cyrillic, Arabic, …), then, for Latin
/// script, which language's commonest words the text uses most.
enum LanguageDetector {
    /// A BCP 47 primary tag ("en"), or nil when the text is too short or unclear.
    static func detect(_ paragraphs: [String]) -> String? {
        var scripts: [String: Int] = [:]
        var latin = 0
        var words: [Substring] = []
        var sampled = 0
        for paragraph in paragraphs {
            if sampled > 4000 { break }
            sampled += paragraph.count
            for scalar in paragraph.unicodeScalars.prefix(2000) {
                let value = scalar.value
                switch value {
                case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: latin += 1
                case 0x3040...0x30FF: scripts["ja", default: 0] += 3  // kana decides over shared Han
                case 0x4E00...0x9FFF, 0x3400...0x4DBF: scripts["zh", default: 0] += 1
                case 0xAC00...0xD7AF, 0x1100...0x11FF: scripts["ko", default: 0] += 1
                case 0x0400...0x04FF: scripts["ru", default: 0] += 1
                case 0x0600...0x06FF: scripts["ar", default: 0] += 1
                case 0x0370...0x03FF: scripts["el", default: 0] += 1
                case 0x0590...0x05FF: scripts["he", default: 0] += 1
                case 0x0900...0x097F: scripts["hi", default: 0] += 1
                case 0x0E00...0x0E7F: scripts["th", default: 0] += 1
                default: break
                }
            }
            words.append(contentsOf: paragraph.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "'" }).prefix(400).map { Substring($0) })
        }
        if let (script, count) = scripts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }),
            count > latin / 2, count >= 20
        {
            if script == "zh", (scripts["ja"] ?? 0) > 0 { return "ja" }
            return script
        }
        guard words.count >= 8 else { return nil }
        var best: (String, Int) = ("", 0)
        for (language, list) in stopwords {
            let hits = words.reduce(0) { $0 + (list.contains(String($1)) ? 1 : 0) }
            if hits > best.1 || (hits == best.1 && language < best.0) { best = (language, hits) }
        }
        // Function words make up a third or more of running text; demand a few percent.
        return best.1 * 100 >= words.count * 8 ? best.0 : nil
    }

    static let stopwords: [(String, Set<String>)] = [
        ("en", ["the", "and", "of", "to", "in", "is", "that", "it", "for", "was", "on", "with", "as", "by", "at",
                "from", "this", "have", "are", "be", "has", "which", "but", "not", "they", "their", "its", "were"]),
        ("de", ["der", "die", "und", "das", "ist", "nicht", "mit", "den", "von", "zu", "sich", "des", "auf", "für",
                "im", "dem", "ein", "eine", "auch", "es", "an", "werden", "aus", "er", "hat", "dass", "sie", "wird"]),
        ("fr", ["le", "la", "les", "et", "des", "est", "un", "une", "du", "en", "que", "qui", "dans", "pour", "pas",
                "au", "sur", "avec", "il", "sont", "par", "ce", "plus", "ne", "se", "aux", "cette", "été"]),
        ("es", ["el", "la", "los", "las", "y", "de", "que", "en", "un", "una", "por", "con", "para", "es", "del",
                "se", "no", "al", "lo", "como", "más", "pero", "sus", "su", "ha", "fue", "este", "está"]),
        ("it", ["il", "la", "di", "che", "e", "un", "una", "per", "non", "del", "della", "sono", "con", "gli",
                "le", "da", "si", "nel", "alla", "anche", "è", "dei", "delle", "ha", "come", "più", "questo"]),
        ("pt", ["o", "a", "os", "as", "e", "de", "que", "em", "um", "uma", "para", "com", "não", "do", "da", "dos",
                "das", "no", "na", "por", "mais", "se", "foi", "ao", "é", "como", "mas", "também"]),
        ("nl", ["de", "het", "een", "en", "van", "is", "dat", "niet", "op", "te", "zijn", "voor", "met", "die",
                "ook", "als", "aan", "er", "maar", "om", "bij", "nog", "wordt", "door", "naar", "dit", "werd"]),
    ]
}
