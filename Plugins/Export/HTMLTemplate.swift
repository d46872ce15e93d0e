/// The Mustache templates of the HTML digest, kept in Swift so the stage
/// needs no resource bundle beside the binary.
///
/// `{{name}}` is HTML-escaped by the renderer (`& < > " '`); the templates use
/// no triple-brace (unescaped) values at all. The page is self-contained:
/// inline CSS, no scripts, no fonts or images to fetch. It is written as
/// well-formed XHTML-compatible HTML (void elements closed, only the five XML
/// entities), so XML tools can read it too.
enum HTMLTemplate {
    /// The page; uses the `story` and `article` partials.
    static let page = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="generator" content="pipe" />
        <title>{{title}} — {{dateText}}</title>
        <style>
        \(css)</style>
        </head>
        <body>
        <header class="masthead">
        <h1>{{title}}</h1>
        <p class="dateline"><time datetime="{{date}}">{{dateText}}</time></p>
        <p class="counts">{{countsText}}</p>
        </header>
        <main>
        {{#hasStories}}
        <section class="stories" aria-labelledby="stories-heading">
        <h2 id="stories-heading">Stories</h2>
        {{#stories}}
        {{> story}}
        {{/stories}}
        </section>
        {{/hasStories}}
        {{#hasOthers}}
        <section class="others" aria-labelledby="others-heading">
        <h2 id="others-heading">{{othersHeading}}</h2>
        {{#others}}
        {{> article}}
        {{/others}}
        </section>
        {{/hasOthers}}
        {{#isEmpty}}
        <p class="empty">{{emptyText}}</p>
        {{/isEmpty}}
        {{#hasStillOpen}}
        <section class="still-open" aria-labelledby="still-open-heading">
        <h2 id="still-open-heading">Still open</h2>
        <ul>
        {{#stillOpen}}
        <li><strong>{{headline}}</strong> — {{status}}</li>
        {{/stillOpen}}
        </ul>
        </section>
        {{/hasStillOpen}}
        </main>
        <footer><p>Made by pipe from {{countsText}}.</p></footer>
        </body>
        </html>

        """

    /// One story: headline, span and size, summary, outlets, chips, articles.
    static let story = """
        <article class="story" id="{{anchor}}" data-story="{{id}}">
        <h3><span class="rank">{{number}}</span> {{headline}}</h3>
        <p class="meta">{{#span}}<time datetime="{{firstSeen}}">{{span}}</time> · {{/span}}<span class="size">{{sizeText}}</span></p>
        {{#summary}}
        <p class="summary">{{summary}}</p>
        {{/summary}}
        {{#hasOutlets}}
        <p class="outlets"><span class="label">Outlets</span> {{#outlets}}{{#url}}<a class="outlet" href="{{url}}">{{text}}</a>{{/url}}{{^url}}<span class="outlet">{{text}}</span>{{/url}} {{/outlets}}</p>
        {{/hasOutlets}}
        {{#hasChips}}
        <div class="chips">
        {{#chips}}
        <p class="chip-group {{kind}}"><span class="label">{{label}}</span> {{#names}}<span class="chip">{{.}}</span> {{/names}}</p>
        {{/chips}}
        </div>
        {{/hasChips}}
        <ul class="articles">
        {{#articles}}
        <li>{{#url}}<a href="{{url}}">{{title}}</a>{{/url}}{{^url}}<span class="title">{{title}}</span>{{/url}}{{#byline}} <span class="byline">{{byline}}</span>{{/byline}}</li>
        {{/articles}}
        </ul>
        </article>
        """

    /// One article shown on its own.
    static let article = """
        <article class="article">
        <h3>{{#url}}<a href="{{url}}">{{title}}</a>{{/url}}{{^url}}{{title}}{{/url}}</h3>
        {{#byline}}
        <p class="meta">{{byline}}</p>
        {{/byline}}
        {{#excerpt}}
        <p class="excerpt">{{excerpt}}</p>
        {{/excerpt}}
        {{#hasMentions}}
        <p class="mentions"><span class="label">Mentions</span> {{#mentions}}<span class="chip">{{.}}</span> {{/mentions}}</p>
        {{/hasMentions}}
        </article>
        """

    /// Light by default, dark when the reader's system asks; one column that
    /// fits a 320px phone and stays a comfortable reading width on a laptop.
    static let css = """
        :root {
          --bg: #fbfaf7; --fg: #1d1d1f; --muted: #5f6368; --rule: #e3e0d8; --card: #ffffff;
          --link: #0b57d0; --accent: #b3261e;
          --person: #e8f0fe; --person-fg: #174ea6; --org: #fef7e0; --org-fg: #7a4f01;
          --place: #e6f4ea; --place-fg: #0d652d; --chip: #eeeeee; --chip-fg: #333333;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --bg: #161618; --fg: #e8e6e3; --muted: #a09f9b; --rule: #34343a; --card: #1f1f23;
            --link: #8ab4f8; --accent: #f28b82;
            --person: #1c2b4a; --person-fg: #aecbfa; --org: #3a2f12; --org-fg: #fdd663;
            --place: #16321f; --place-fg: #81c995; --chip: #2c2c30; --chip-fg: #dddddd;
          }
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body { margin: 0; background: var(--bg); color: var(--fg);
          font: 17px/1.55 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        header.masthead, main, footer { width: min(46rem, calc(100% - 2rem)); margin: 0 auto; }
        header.masthead { padding: 1.5rem 0 0.75rem; border-bottom: 3px double var(--rule); }
        h1 { margin: 0; font: 700 2rem/1.15 Georgia, "Times New Roman", serif; letter-spacing: -0.01em; }
        .dateline { margin: 0.35rem 0 0; font-weight: 600; }
        .counts, .meta, .byline, footer { color: var(--muted); font-size: 0.9rem; }
        .counts { margin: 0.2rem 0 0; }
        h2 { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.08em; color: var(--accent);
          margin: 1.75rem 0 0.75rem; }
        h3 { margin: 0 0 0.3rem; font: 700 1.3rem/1.3 Georgia, "Times New Roman", serif; }
        .story, .article { background: var(--card); border: 1px solid var(--rule); border-radius: 10px;
          padding: 1rem 1.1rem; margin: 0 0 1rem; overflow-wrap: anywhere; }
        .article h3 { font-size: 1.1rem; }
        .rank { display: inline-block; min-width: 1.6em; color: var(--accent); }
        .meta { margin: 0 0 0.6rem; }
        .summary { margin: 0 0 0.75rem; }
        .excerpt { margin: 0.3rem 0 0.5rem; }
        a { color: var(--link); text-decoration-thickness: 1px; text-underline-offset: 2px; }
        .label { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted);
          margin-right: 0.25rem; }
        .outlets, .chip-group, .mentions { margin: 0.2rem 0; line-height: 1.9; }
        .outlet { margin-right: 0.6rem; font-weight: 600; white-space: nowrap; }
        .chip { display: inline-block; padding: 0 0.6rem; border-radius: 999px; font-size: 0.85rem; line-height: 1.7;
          background: var(--chip); color: var(--chip-fg); margin: 0 0.15rem 0.15rem 0; }
        .person .chip { background: var(--person); color: var(--person-fg); }
        .organization .chip { background: var(--org); color: var(--org-fg); }
        .location .chip { background: var(--place); color: var(--place-fg); }
        ul.articles { margin: 0.6rem 0 0; padding: 0.6rem 0 0 1.1rem; border-top: 1px solid var(--rule); }
        ul.articles li { margin: 0.35rem 0; }
        ul.articles .byline { display: block; font-size: 0.85rem; }
        .empty { color: var(--muted); font-style: italic; }
        footer { padding: 1rem 0 2rem; }
        @media (max-width: 480px) {
          body { font-size: 16px; }
          h1 { font-size: 1.6rem; }
          h3 { font-size: 1.15rem; }
          .story, .article { padding: 0.85rem 0.9rem; border-radius: 8px; }
        }

        """
}
