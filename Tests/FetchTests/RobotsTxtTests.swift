import Testing
@testable import Fetch

@Suite("robots.txt (RFC 9309)")
struct RobotsTxtTests {
    let agent = "pipe/0.1 (+https://example.invalid/pipe)"

    @Test("the longest matching rule wins, whichever comes first")
    func longestMatch() {
        let robots = RobotsTxt(
            parsing: """
                User-agent: *
                Allow: /news/archive/open
                Disallow: /news/archive
                Disallow: /news
                Allow: /news/today
                """)
        #expect(!robots.isAllowed("/news/sport", userAgent: agent))
        #expect(robots.isAllowed("/news/today/a", userAgent: agent))
        #expect(!robots.isAllowed("/news/archive/2020", userAgent: agent))
        #expect(robots.isAllowed("/news/archive/open/1", userAgent: agent))
        #expect(robots.isAllowed("/about", userAgent: agent))
    }

    @Test("allow wins a tie between rules of equal length")
    func allowWinsTie() {
        let robots = RobotsTxt(parsing: "User-agent: *\nDisallow: /page\nAllow: /page\n")
        #expect(robots.isAllowed("/page", userAgent: agent))
        let reversed = RobotsTxt(parsing: "User-agent: *\nAllow: /pag*\nDisallow: /page\n")
        #expect(reversed.isAllowed("/page", userAgent: agent))
    }

    @Test("`*` matches any run of characters and `$` anchors the end")
    func wildcards() {
        let robots = RobotsTxt(parsing: "User-agent: *\nDisallow: /*.pdf$\nDisallow: /*/print/\nDisallow: /search*q=\n")
        #expect(!robots.isAllowed("/files/report.pdf", userAgent: agent))
        #expect(robots.isAllowed("/files/report.pdf?x=1", userAgent: agent))
        #expect(robots.isAllowed("/files/report.pdfx", userAgent: agent))
        #expect(!robots.isAllowed("/2026/11/print/story", userAgent: agent))
        #expect(!robots.isAllowed("/search?page=2&q=ferry", userAgent: agent))
        #expect(robots.isAllowed("/search?page=2", userAgent: agent))
        #expect(RobotsTxt.matches("/a*b*c$", "/a-x-b-y-c"))
        #expect(!RobotsTxt.matches("/a*b*c$", "/a-x-b-y-cd"))
        #expect(RobotsTxt.matches("/$", "/"))
        #expect(!RobotsTxt.matches("/$", "/a"))
    }

    @Test("the group naming our product token is used, not `*`; several such groups merge")
    func groupsByAgent() {
        let robots = RobotsTxt(
            parsing: """
                User-agent: *
                Disallow: /

                User-agent: otherbot
                User-agent: PIPE
                Disallow: /private
                Crawl-delay: 2.5

                User-agent: pipe
                Disallow: /drafts
                """)
        #expect(robots.isAllowed("/news", userAgent: agent))
        #expect(!robots.isAllowed("/private/x", userAgent: agent))
        #expect(!robots.isAllowed("/drafts/1", userAgent: agent))
        #expect(robots.crawlDelay(for: agent) == 2.5)
        #expect(!robots.isAllowed("/news", userAgent: "someone-else/1.0"))
        #expect(robots.crawlDelay(for: "someone-else") == nil)
    }

    @Test("no matching group and no `*` group allows everything; so does an empty Disallow")
    func noGroup() {
        #expect(RobotsTxt(parsing: "User-agent: otherbot\nDisallow: /\n").isAllowed("/x", userAgent: agent))
        #expect(RobotsTxt(parsing: "User-agent: *\nDisallow:\n").isAllowed("/x", userAgent: agent))
        #expect(RobotsTxt.allowAll.isAllowed("/x", userAgent: agent))
        #expect(!RobotsTxt.disallowAll.isAllowed("/x", userAgent: agent))
    }

    @Test("/robots.txt is always allowed, comments and unknown lines are ignored, sitemaps collected")
    func misc() {
        let robots = RobotsTxt(
            parsing: """
                # comment
                Sitemap: http://e.example/sitemap.xml
                user-agent: * # everyone
                disallow: / # all
                Foo: bar
                """)
        #expect(robots.isAllowed("/robots.txt", userAgent: agent))
        #expect(!robots.isAllowed("/index.html", userAgent: agent))
        #expect(robots.sitemaps == ["http://e.example/sitemap.xml"])
    }

    @Test("patterns and paths compare after percent-encoding normalisation")
    func percentEncoding() {
        let robots = RobotsTxt(parsing: "User-agent: *\nDisallow: /caf%c3%a9\nDisallow: /%7Ejoe\n")
        #expect(!robots.isAllowed("/café/menu", userAgent: agent))
        #expect(!robots.isAllowed("/~joe/x", userAgent: agent))
    }

    @Test("a rule line before any user agent belongs to no group")
    func orphanRules() {
        #expect(RobotsTxt(parsing: "Disallow: /\nUser-agent: *\nAllow: /\n").isAllowed("/x", userAgent: agent))
    }
}
