#!/usr/bin/env python3
"""Writes N made-up news articles about unrelated events as one JSON Lines file
(`{id, url, title, published, text}`), deterministic for a given N and seed.

Every name is built from syllables here; the events are local news of the kinds a
daily inbox carries (council votes, matches, company results, weather, court cases,
openings), so the articles share everyday news vocabulary with the sample inbox
without telling any of its stories.
usage: unrelated-articles.py N OUT.jsonl [SEED]"""
import json, random, sys

SYLLABLES = ["bar", "cor", "del", "fen", "gal", "hol", "ist", "jor", "kel", "lam", "mor", "nav", "ost",
             "pel", "quin", "ros", "sel", "tor", "ulm", "var", "wen", "yar", "zel", "brin", "dras", "fol"]
FIRST = ["Ada", "Bram", "Cleo", "Dario", "Elin", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kaja", "Leon",
         "Mira", "Nils", "Orla", "Pavel", "Rhea", "Soren", "Tilde", "Umar", "Vera", "Wim"]

def name(rng, parts=2):
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()

def person(rng):
    return f"{rng.choice(FIRST)} {name(rng)}"

def council(rng):
    town, who = name(rng), person(rng)
    thing = rng.choice(["a new library", "a cycle lane network", "a swimming pool", "a housing estate", "a bus depot"])
    cost = rng.randint(3, 95)
    votes = rng.randint(9, 30)
    return (f"{town} council approves {thing}", [
        f"Councillors in {town} voted {votes} to {rng.randint(1, 8)} on Tuesday to build {thing} at a cost of ${cost} million.",
        f"{who}, who chairs the planning committee, said the decision followed two years of consultation with residents.",
        f"Opponents argued that the {town} budget could not carry the borrowing and asked for a public inquiry.",
        f"Work is expected to begin in the spring and to take about {rng.randint(12, 40)} months.",
        f"The council will publish the contract terms next week, a spokesperson for {town} said.",
    ])

def match(rng):
    home, away, coach = name(rng) + " Rovers", name(rng) + " Athletic", person(rng)
    a, b = rng.randint(0, 4), rng.randint(0, 4)
    return (f"{home} and {away} meet in league fixture", [
        f"{home} and {away} drew {a}-{b} in front of {rng.randint(4, 30) * 1000:,} supporters on Saturday." if a == b else
        f"{home} {'beat' if a > b else 'lost to'} {away} {max(a, b)}-{min(a, b)} in front of {rng.randint(4, 30) * 1000:,} supporters on Saturday.",
        f"{coach}, the {home} coach, praised his defence and said the squad had worked hard in training all week.",
        f"The visitors had a late penalty appeal turned down by the referee, {person(rng)}.",
        f"{home} now sit {rng.choice(['third', 'fifth', 'seventh', 'ninth'])} in the table with {rng.randint(10, 40)} points.",
        f"Both clubs play again on Wednesday evening.",
    ])

def results(rng):
    company, boss = name(rng) + " " + rng.choice(["Logistics", "Textiles", "Software", "Brewing", "Shipping"]), person(rng)
    return (f"{company} reports quarterly results", [
        f"{company} reported quarterly revenue of ${rng.randint(20, 900)} million on Thursday, {rng.choice(['up', 'down'])} {rng.randint(2, 19)} percent on a year earlier.",
        f"Chief executive {boss} said demand from retailers had been steadier than analysts expected.",
        f"The company will open a warehouse in {name(rng)} and hire {rng.randint(40, 400)} staff next year.",
        f"Shares in {company} rose in early trading before settling.",
        f"Analysts at {name(rng)} Capital said the outlook for the winter remained uncertain.",
    ])

def weather(rng):
    region, forecaster = name(rng) + " valley", person(rng)
    return (f"Frost and fog expected across the {region}", [
        f"Forecasters expect temperatures in the {region} to fall to minus {rng.randint(2, 9)} degrees overnight.",
        f"Drivers were warned of fog on the {name(rng)} road, where visibility may drop below {rng.randint(50, 200)} metres.",
        f"{forecaster} of the regional weather office said the cold spell would last until the weekend.",
        f"Schools in the {region} will open as normal, the education office said.",
        f"Gritting teams have {rng.randint(12, 60)} lorries ready for the week.",
    ])

def court(rng):
    who, judge, town = person(rng), person(rng), name(rng)
    return (f"{who} sentenced for fraud in {town}", [
        f"A court in {town} sentenced {who} to {rng.randint(2, 9)} years in prison on Monday for defrauding investors.",
        f"Judge {judge} said the scheme had taken ${rng.randint(11, 80)} million from more than {rng.randint(100, 900)} savers.",
        f"Prosecutors told the court that {who} had used the money to buy property abroad.",
        f"Lawyers for {who} said they would appeal against the sentence.",
        f"Victims who attended the hearing in {town} welcomed the verdict.",
    ])

def opening(rng):
    place, owner = name(rng) + " " + rng.choice(["Market Hall", "Museum", "Bakery", "Cinema", "Gallery"]), person(rng)
    return (f"{place} opens its doors", [
        f"The {place} opened on Friday after a renovation that lasted {rng.randint(10, 30)} months.",
        f"{owner}, who led the project, said the building would host {rng.randint(10, 90)} events a year.",
        f"Visitors queued from early morning for the first tours of the {place}.",
        f"The restoration was paid for by a grant and by donations from {rng.randint(200, 3000):,} local people.",
        f"Entry will be free until the end of the month.",
    ])

KINDS = [council, match, results, weather, court, opening]

def main(n, out, seed=7):
    rng = random.Random(seed)
    with open(out, "w", encoding="utf-8") as f:
        for k in range(n):
            title, sentences = KINDS[k % len(KINDS)](rng)
            day = 18 + k % 3
            text = "\n\n".join([" ".join(sentences[:2]), " ".join(sentences[2:4]), " ".join(sentences[4:])])
            f.write(json.dumps({"id": f"unrelated-{k:04d}", "url": f"https://unrelated.example/{k:04d}",
                                "title": title, "published": f"2026-11-{day}T09:00:00Z", "text": text}) + "\n")

if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 7)
