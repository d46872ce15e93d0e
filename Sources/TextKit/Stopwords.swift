/// Common function words that carry little meaning on their own.
public enum Stopwords {
    /// English stopwords, lowercased, with ' as the apostrophe and no
    /// possessive "'s" (the form ``Tokenizer/words(_:)`` produces): articles, pronouns, auxiliaries,
    /// prepositions, conjunctions, and frequent adverbs and determiners.
    public static let english: StringTable = [
        "a", "about", "above", "across", "after", "again", "against", "ago", "all", "almost", "along",
        "already", "also", "although", "always", "am", "among", "an", "and", "another", "any", "anyone",
        "anything", "are", "aren't", "around", "as", "at", "be", "became", "because", "become", "been",
        "before", "being", "below", "between", "both", "but", "by", "can", "can't", "cannot", "could",
        "couldn't", "did", "didn't", "do", "does", "doesn't", "doing", "don't", "down", "during", "each",
        "either", "else", "enough", "etc", "even", "ever", "every", "few", "for", "from", "further", "had",
        "hadn't", "has", "hasn't", "have", "haven't", "having", "he", "he'd", "he'll", "her", "here",
        "hers", "herself", "him", "himself", "his", "how", "however", "i", "i'd", "i'll", "i'm", "i've",
        "if", "in", "into", "is", "isn't", "it", "its", "itself", "just", "least", "less", "let",
        "like", "many", "may", "me", "might", "more", "most", "much", "must", "mustn't", "my",
        "myself", "neither", "never", "no", "nor", "not", "now", "of", "off", "often", "on", "once",
        "one", "only", "onto", "or", "other", "others", "otherwise", "ought", "our", "ours",
        "ourselves", "out", "over", "own", "per", "perhaps", "quite", "rather", "really", "said", "same",
        "say", "says", "she", "she'd", "she'll", "should", "shouldn't", "since", "so", "some", "someone",
        "something", "still", "such", "than", "that", "the", "their", "theirs", "them",
        "themselves", "then", "there", "these", "they", "they'd", "they'll", "they're",
        "they've", "this", "those", "though", "through", "thus", "to", "too", "toward", "towards",
        "under", "unless", "until", "up", "upon", "us", "very", "via", "was", "wasn't", "we", "we'd",
        "we'll", "we're", "we've", "were", "weren't", "what", "whatever", "when", "where",
        "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within",
        "without", "won't", "would", "wouldn't", "yet", "you", "you'd", "you'll", "you're", "you've",
        "your", "yours", "yourself", "yourselves",
    ]
}
