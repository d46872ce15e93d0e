import Testing
@testable import Fetch

@Suite("URL canonicalisation")
struct URLCanonicalizerTests {
    @Test("fragments, default ports and host case go")
    func fragmentPortHost() {
        #expect(URLCanonicalizer.canonical("HTTP://News.Example.COM:80/a/b#comments") == "http://news.example.com/a/b")
        #expect(URLCanonicalizer.canonical("https://example.com:443") == "https://example.com/")
        #expect(URLCanonicalizer.canonical("https://example.com.:8443/x") == "https://example.com:8443/x")
        #expect(URLCanonicalizer.canonical("http://example.com:443/x") == "http://example.com:443/x")
    }

    @Test("tracking parameters are removed, the others keep their order")
    func trackingParameters() {
        #expect(
            URLCanonicalizer.canonical("https://e.example/a?utm_source=rss&id=7&UTM_Medium=x&fbclid=abc&page=2")
                == "https://e.example/a?id=7&page=2")
        #expect(URLCanonicalizer.canonical("https://e.example/a?utm_campaign=x&gclid=1") == "https://e.example/a")
        // A parameter that merely contains a tracking name stays.
        #expect(
            URLCanonicalizer.canonical("https://e.example/a?my_utm_source=1") == "https://e.example/a?my_utm_source=1")
    }

    @Test("dot segments resolve and percent-escapes are normalised")
    func pathNormalisation() {
        #expect(URLCanonicalizer.canonical("http://e.example/a/./b/../c") == "http://e.example/a/c")
        #expect(URLCanonicalizer.canonical("http://e.example/%7euser/%2fx%2F") == "http://e.example/~user/%2Fx%2F")
        #expect(URLCanonicalizer.canonical("http://e.example/caf%c3%a9") == "http://e.example/caf%C3%A9")
        #expect(URLCanonicalizer.canonical("http://e.example/café") == "http://e.example/caf%C3%A9")
    }

    @Test("only absolute http and https URLs are accepted, with a reason")
    func schemes() {
        #expect(URLCanonicalizer.canonical("ftp://e.example/a") == nil)
        #expect(URLCanonicalizer.canonical("file:///etc/passwd") == nil)
        #expect(URLCanonicalizer.canonical("/relative/path") == nil)
        #expect(URLCanonicalizer.canonical("http://e.example:99999/") == nil)
        if case let .failure(failure) = URLCanonicalizer.canonicalize("mailto:a@b.example") {
            #expect(failure.message.contains("only http and https"))
        } else {
            Issue.record("mailto accepted")
        }
    }

    @Test("user info is dropped from the host")
    func userInfo() {
        #expect(URLCanonicalizer.canonical("http://user:pw@E.example/x") == "http://e.example/x")
    }

    @Test("host keys and robots paths come from the canonical form")
    func hostAndPath() {
        #expect(URLCanonicalizer.hostKey("http://127.0.0.2:8080/a?b") == "http://127.0.0.2:8080")
        #expect(URLCanonicalizer.pathAndQuery("http://e.example/a/b?x=1") == "/a/b?x=1")
        #expect(URLCanonicalizer.pathAndQuery("http://e.example") == "/")
    }

    @Test("relative links resolve against their page")
    func resolve() {
        #expect(
            URLCanonicalizer.resolve("../b?utm_source=x", against: "http://e.example/news/a/")
                == "http://e.example/news/b")
        #expect(
            URLCanonicalizer.resolve("//other.example/x#y", against: "https://e.example/") == "https://other.example/x")
    }
}
