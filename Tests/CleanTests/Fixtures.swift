import Foundation
import PipelineKit
import PipelineTesting

@testable import Clean

/// Pages written for these tests, in the shape of real news sites.
enum Fixtures {
    /// An article page wrapped in the usual furniture: navigation, share bar,
    /// cookie banner, newsletter box, related list, comments, footer.
    static let articlePage = """
        <!doctype html>
        <html lang="en-GB">
        <head>
          <meta charset="utf-8">
          <title>Ferry fares to rise in spring | Harbor Ledger</title>
          <meta property="og:site_name" content="Harbor Ledger">
          <script>window.dataLayer = [{"page": "article"}];</script>
          <style>.share { color: red }</style>
        </head>
        <body>
          <div id="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
          <header class="site-header"><a href="/">Harbor Ledger</a>
            <nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
          </header>
          <div class="breadcrumb"><a href="/">Home</a> &gt; <a href="/news">News</a> &gt; Transport</div>
          <main>
            <article class="story">
              <h1>Ferry fares to rise in spring</h1>
              <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>
              <div class="story-body">
                <p>Ferry fares across the bay will rise by nine percent in April, the island council said on Tuesday, the first increase since the crossing was rebuilt.</p>
                <p>The council blamed fuel costs and a new pier at Westcombe, which cost more than planned and opened four months late.</p>
                <div class="ad-slot">Advertisement</div>
                <h2>Who pays more</h2>
                <p>Commuters with season tickets will pay the least extra, councillor Mara Voss told a packed meeting in the harbour hall.</p>
                <ul>
                  <li>Season tickets rise by four percent.</li>
                  <li>Single fares rise by eleven percent.</li>
                </ul>
                <p>Island residents who travel less than twice a week will keep their discount, she added, though its future will be reviewed next year.</p>
              </div>
              <div class="newsletter-signup"><p>Sign up for our newsletter and get the morning briefing in your inbox.</p></div>
            </article>
            <aside class="related-stories"><h3>Related</h3>
              <ul><li><a href="/a">Pier opening delayed again</a></li><li><a href="/b">Council approves budget after long night</a></li></ul>
            </aside>
            <section id="comments"><h3>12 comments</h3><p>First! This is outrageous, the ferry was cheaper in my day and it ran on time.</p></section>
          </main>
          <footer><p>© 2025 Harbor Ledger Media. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
        </body>
        </html>
        """

    static func document(_ html: String, id: String = "page.html", url: String? = nil) -> Document {
        Document(id: id, source: id, url: url, raw: html, mediaType: .html)
    }

    static func clean(_ html: String, url: String? = nil, options: [String: String] = ["min_text_length": "0"]) throws
        -> (document: Document, verdict: Verdict)
    {
        let harness = try StageHarness(CleanStage.self, options: options)
        return try harness.process(document(html, url: url))
    }

    static func cleanText(_ text: String, options: [String: String] = ["min_text_length": "0"]) throws
        -> (document: Document, verdict: Verdict)
    {
        let harness = try StageHarness(CleanStage.self, options: options)
        return try harness.process(Document(id: "page.txt", source: "page.txt", raw: text, mediaType: .text))
    }

    /// A page whose article is `paragraphs`, each a `<p>`, with nothing else.
    static func simplePage(_ paragraphs: [String], head: String = "") -> String {
        "<html><head>\(head)</head><body><article>" + paragraphs.map { "<p>\($0)</p>" }.joined()
            + "</article></body></html>"
    }
}
