"""The invented world our generated news is about: places, people, organisations, events and
outlets that exist nowhere, shared by the generators (Tests/scripts/make_shard_corpus.py,
Benchmarks/make_warc.py) so that none of them holds text from elsewhere."""

PLACES = ["Harwick", "Lorne Bay", "Eastmere", "Tollan", "Varden", "Coldwater", "Mirefield", "Ostrava Point",
          "Pellham", "Quarry Hill", "Redgate", "Saltmarsh", "Thornby", "Upton Vale", "Wexley", "Yarrow"]
PEOPLE = ["Mara Quint", "Jonas Vell", "Ada Pryor", "Tomas Rook", "Ines Calder", "Wen Hollis", "Omar Fenn",
          "Lia Stroud", "Piet Aldane", "Rhea Morrow", "Sven Tully", "Nadia Crane"]
ORGS = ["Harbour Authority", "Vale Transit", "Northgate Council", "Meridian Power", "Coastal Rail",
        "Pellham Water", "Union of Dock Workers", "Regional Health Board"]
EVENTS = [("flood", "floodwater", "river"), ("fire", "blaze", "warehouse"), ("strike", "walkout", "depot"),
          ("election", "vote", "ballot"), ("bridge collapse", "collapse", "bridge"), ("power cut", "outage", "grid"),
          ("festival", "celebration", "square"), ("budget", "spending plan", "council"), ("storm", "gale", "coast"),
          ("trial", "hearing", "court")]
OUTLETS = ["Harbour Ledger", "Meridian Wire", "Valley Courier", "Tidewater Times", "Pinecrest Herald", "Northgate Post"]
