/// Shared text primitives for the stages: normalisation, tokens, sentences,
/// stopwords, shingles, TF-IDF and similarity.
public enum TextKit {}
