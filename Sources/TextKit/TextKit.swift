/// Shared text primitives for the stages: ``Tokenizer``, ``SentenceSplitter``,
/// ``Stopwords`` and ``Stemmer``, plus whatever other stages add in their own files.
public enum TextKit {}
