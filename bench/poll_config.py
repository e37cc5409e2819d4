#!/usr/bin/env python3
"""Writes the omvarld configuration the poll benchmark runs with (stdlib only).

The sources are the feeds of a gen_corpus.py corpus, served at BASE_URL. The
filters are a realistic setup for the two municipalities: 40 nämnder (20 in
Linköping, 20 in Norrköping) of 30-50 terms each, Swedish and English words,
phrases, prefix, suffix and infix wildcards, a few `none` terms and queries,
and six shared topics. Mail goes to a directory, the database is in STATE.
Deterministic: the same arguments give the same file.

--namnder N writes N nämnder: the first --matching M of those 40 (all 40 at
most, Linköping's first), then nämnder of --terms terms each (20 by
default) made of words no feed uses (every 25th a prefix of one), which add
the cost of having more nämnder and terms but no matches. A nämnd that
matches costs its match rows whatever the design; what has to stay flat is
the rest, so `--namnder 5000 --matching 2` compares with `--namnder 2`.

  poll_config.py --corpus DIR --base-url http://127.0.0.1:PORT/ --state DIR --out FILE
                 [--namnder N [--matching M]] [--terms T]
"""
import argparse
import json
import random

# Terms by area of responsibility. Each nämnd draws from its own areas and a
# little from the others, as real nämnder share concerns (schools and climate).
AREAS = {
    "utbildning": [
        "förskola", "grundskola", "gymnasieskola", "skol*", "*skola", "fritidshem", "elevhälsa",
        "lärare", "läromedel", "vuxenutbildning", "yrkesutbildning", "lärling*", "skolmåltid*",
        "\"digital kompetens\"", "barngarantin", "\"early childhood education\"", "school*",
        "pupil*", "teacher*", "\"digital skills\"", "\"Child Guarantee\"", "education", "Erasmus+",
        "apprenticeship*", "\"school meals\"", "skolverket", "betyg", "läroplan*",
        "studie- och yrkesvägledning", "nyanlända", "modersmål*", "\"skolans digitalisering\"",
        "*utbildning", "utbildningsnämnd*", "=UHR", "student*", "\"lifelong learning\"",
        "\"livslångt lärande\"", "kompetensförsörjning", "kompetens*", "literacy",
    ],
    "omsorg": [
        "äldreomsorg*", "hemtjänst*", "\"särskilt boende\"", "LSS", "LSS-boende", "omsorg",
        "\"long-term care\"", "\"older persons\"", "\"elderly care\"", "carer*", "välfärdsteknik",
        "demens*", "anhörig*", "vård", "*vård", "\"långvarig vård\"", "funktionsnedsättning*",
        "disabilit*", "rehabilitering", "hemsjukvård", "trygghetslarm", "\"social care\"",
        "undersköterska*", "personalförsörjning", "vårdpersonal", "nurs*", "\"care workers\"",
        "\"European Care Strategy\"", "ensamhet", "loneliness", "folkhälsa", "\"public health\"",
        "ESF+", "socialfonden*", "\"Pillar of Social Rights\"", "sociala rättigheter",
    ],
    "social": [
        "socialtjänst*", "ekonomiskt bistånd", "försörjningsstöd", "hemlöshet", "homeless*",
        "barnfattigdom", "\"child poverty\"", "integration", "nyanlända", "migration*", "asyl*",
        "\"social inclusion\"", "\"social ekonomi\"", "\"social economy\"", "*brottslighet",
        "våld i nära relationer", "\"domestic violence\"", "missbruk*", "beroende*", "ungdom*",
        "youth", "feriearbete", "fritidsgård*", "trygghet*", "trygghetsvandring", "segregation",
        "utanförskap", "\"social rights\"", "\"European Pillar of Social Rights\"", "ESF+",
        "barngarantin", "\"Child Guarantee\"", "jämställdhet", "\"gender equality\"", "equality",
        "CERV", "civilsamhälle*", "\"civil society\"",
    ],
    "samhallsbyggnad": [
        "detaljplan*", "översiktsplan*", "bygglov", "bostad*", "housing", "\"housing crisis\"",
        "bostadsförsörjning", "*byggande", "stadsutveckling", "\"urban agenda\"", "urban*",
        "kollektivtrafik*", "\"public transport\"", "cykel*", "cycling", "infrastruktur*",
        "infrastructure", "\"Connecting Europe Facility\"", "CEF", "TEN-T", "mobilitet*", "mobility",
        "bredband*", "broadband", "\"broadband rollout\"", "landsbygd*", "\"rural development\"",
        "LEADER", "fastighet*", "markanvändning", "\"energy efficiency in buildings\"",
        "energieffektiv*", "renovering*", "byggnader", "buildings", "planering", "\"spatial planning\"",
        "vatten och avlopp", "dagvatten*", "översvämning*",
    ],
    "miljo": [
        "*klimat*", "climate", "\"climate adaptation\"", "klimatanpassning", "\"Green Deal\"",
        "\"den gröna given\"", "\"Fit for 55\"", "utsläpp*", "emission*", "taxonomi*", "taxonomy",
        "\"Nature Restoration Law\"", "restaureringsförordningen", "biologisk mångfald",
        "biodiversity", "naturvård*", "Naturvårdsverket", "LIFE", "LIFE-programmet", "avfall*",
        "waste", "matsvinn", "\"food waste\"", "cirkulär*", "circular", "återvinning", "recycling",
        "vattenkvalitet", "\"flood risk\"", "översvämningsrisker", "\"flood risk management\"",
        "luftkvalitet", "\"air quality\"", "miljötillsyn", "kemikalie*", "PFAS", "förorening*",
        "pollution", "solcell*", "solar", "förnybar*", "renewable*",
    ],
    "energi": [
        "energi*", "energy", "\"energy efficiency\"", "energieffektivisering", "fjärrvärme",
        "\"district heating\"", "solceller", "solar", "vindkraft*", "wind", "vätgas", "hydrogen",
        "elnät*", "\"power grid\"", "elpris*", "\"energy prices\"", "\"Just Transition\"",
        "\"rättvisa omställningen\"", "omställning*", "transition", "JTF", "FRO", "batteri*",
        "laddinfrastruktur", "elbil*", "\"electric vehicles\"", "fossilfri*", "\"fossil-free\"",
        "REPowerEU", "gas", "elförsörjning", "energisäkerhet", "\"energy security\"",
    ],
    "naringsliv": [
        "näringsliv*", "småföretag*", "\"small and medium-sized\"",
        "entreprenör*", "entrepreneur*", "innovation*", "Vinnova", "Tillväxtverket", "\"smart specialisation\"",
        "smart specialisering", "export*", "investering*", "investment*", "\"European Investment Bank\"",
        "EIB", "Europeiska investeringsbanken", "\"Single Market\"", "\"den inre marknaden\"",
        "konkurrenskraft", "competitiveness", "turism", "tourism", "besöksnäring*", "handel",
        "trade", "arbetsmarknad*", "\"labour market\"", "sysselsättning", "employment", "jobs",
        "kompetensförsörjning", "skills", "\"Digital Europe\"", "digitalisering", "digital*",
        "*upphandling", "\"public procurement\"", "procurement",
    ],
    "kultur": [
        "kultur*", "culture", "\"Creative Europe\"", "\"Kreativa Europa\"", "bibliotek*", "librar*",
        "museum", "museer", "konst*", "\"cultural heritage\"", "kulturarv", "idrott*", "sport*",
        "idrottshall*", "fritid*", "leisure", "föreningsliv*", "föreningar", "evenemang",
        "festival*", "musik*", "music", "scenkonst", "läsfrämjande", "reading", "ungdomskultur",
        "\"Europeiska kulturhuvudstad\"", "\"European Capital of Culture\"", "kulturskola*",
        "mötesplats*", "friluftsliv", "badhus", "\"kultur och fritid\"",
    ],
    "ledning": [
        "sammanhållningspolitik*", "\"cohesion policy\"", "flernivåstyre", "\"multilevel governance\"",
        "Regionkommittén", "\"Committee of the Regions\"", "\"European Committee of the Regions\"",
        "EU-kommissionen", "\"European Commission\"", "Europaparlamentet", "\"European Parliament\"",
        "Ministerrådet", "\"Council of the EU\"", "ordförandeskap*", "presidency", "MFF",
        "långtidsbudget*", "\"long-term budget\"", "EU-budget*", "rättsstatsprincip*",
        "\"rule of law\"", "subsidiaritet*", "subsidiarity", "SKR", "SALAR", "kommunallag*",
        "demokrati*", "democracy", "val", "elections", "krisberedskap", "\"civil preparedness\"",
        "resiliens", "resilience", "\"Recovery and Resilience Facility\"", "RRF", "säkerhet*",
        "security", "cybersäkerhet", "cybersecurity", "AI-förordningen", "\"AI Act\"",
        "*förordning", "direktiv*",
    ],
    "finansiering": [
        # Programmes and funds by name: the corpus's boilerplate ("funding",
        # "apply", "deadline", "info day", "consortium") is left out on purpose,
        # as a coordinator would, because every call repeats it.
        "utlysning*", "\"call for proposals\"", "Interreg", "\"Interreg Aurora\"",
        "\"Interreg Baltic Sea Region\"", "Östersjöregionen", "Horisont*", "\"Horizon Europe\"",
        "Eruf", "ERDF", "\"European Regional Development Fund\"", "regionalfonden", "ESF+",
        "\"Just Transition Fund\"", "\"Creative Europe\"", "LIFE-programmet", "CERV",
        "\"Recovery and Resilience Facility\"", "\"Digital Europe Programme\"", "LEADER",
        "socialfonden*", "Tillväxtverket", "\"Svenska ESF-rådet\"", "Vinnova", "EU-projekt*",
        "strukturfond*", "Erasmus+",
    ],
}

# Nämnder of a municipality: id suffix, name, main areas, secondary area.
NAMNDER = [
    ("kommunstyrelsen", "Kommunstyrelsen", ["ledning", "finansiering"], "naringsliv"),
    ("kommunfullmaktige", "Kommunfullmäktiges presidium", ["ledning"], "social"),
    ("utbildning", "Utbildningsnämnden", ["utbildning"], "finansiering"),
    ("barn-och-ungdom", "Barn- och ungdomsnämnden", ["utbildning", "social"], "kultur"),
    ("gymnasie", "Gymnasie- och vuxenutbildningsnämnden", ["utbildning"], "naringsliv"),
    ("vard-och-omsorg", "Vård- och omsorgsnämnden", ["omsorg"], "social"),
    ("aldre", "Äldrenämnden", ["omsorg"], "energi"),
    ("social", "Socialnämnden", ["social"], "omsorg"),
    ("funktionsstod", "Nämnden för funktionsstöd", ["omsorg", "social"], "utbildning"),
    ("arbetsmarknad", "Arbetsmarknadsnämnden", ["naringsliv", "social"], "utbildning"),
    ("samhallsbyggnad", "Samhällsbyggnadsnämnden", ["samhallsbyggnad"], "miljo"),
    ("bygg-och-miljo", "Bygg- och miljönämnden", ["samhallsbyggnad", "miljo"], "energi"),
    ("miljo", "Miljö- och hälsoskyddsnämnden", ["miljo"], "energi"),
    ("teknik", "Tekniska nämnden", ["samhallsbyggnad", "energi"], "miljo"),
    ("trafik", "Trafiknämnden", ["samhallsbyggnad"], "energi"),
    ("kultur-och-fritid", "Kultur- och fritidsnämnden", ["kultur"], "social"),
    ("naringsliv", "Näringslivsnämnden", ["naringsliv"], "finansiering"),
    ("klimat", "Klimat- och energiberedningen", ["energi", "miljo"], "ledning"),
    ("krisledning", "Krisledningsnämnden", ["ledning"], "energi"),
    ("internationella", "Internationella beredningen", ["finansiering", "ledning"], "naringsliv"),
]

TOPICS = [
    ("eu-finansiering", "EU-finansiering och utlysningar", "finansiering", ["\"stängd utlysning\"", "closed"]),
    ("lagstiftning", "Lagstiftning och samråd",
     ["samråd", "remiss*", "*remiss", "lagförslag", "förordning", "direktiv*", "\"public consultation\"",
      "regulation", "directive", "\"provisional agreement\""], []),
    ("konferenser", "Konferenser och nätverk",
     ["konferens*", "conference", "webbinari*", "webinar*", "seminari*", "nätverksträff"],
     ["inställd*", "cancelled"]),
    ("sammanhallning", "Sammanhållningspolitik", ["sammanhållningspolitik*", "\"cohesion policy\"",
                                                   "Eruf", "ERDF", "Interreg", "regionalfonden"], []),
    ("grona-given", "Den gröna given", ["\"den gröna given\"", "\"Green Deal\"", "\"Fit for 55\"",
                                         "taxonomi*", "taxonomy", "klimatlag*"], []),
    ("digitalisering", "Digitalisering och AI", ["digitalisering", "\"AI Act\"", "AI-förordningen",
                                                  "\"Digital Europe\"", "bredband*", "cyber*"], []),
]

QUERIES = [
    "digitalisering AND (skola OR utbildning)",
    "klimat* OCH (bostad* ELLER byggnader)",
    "(\"social ekonomi\" OR civilsamhälle*) AND NOT konferens*",
    "upphandling AND (livsmedel OR skolmåltid* OR \"school meals\")",
]


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def as_term(t):
    """A term of several words is a phrase: quoted, as coordinators write it."""
    return '"%s"' % t if " " in t and not t.startswith('"') else t


def toml_list(items, indent="  "):
    return "[\n" + "".join("%s%s,\n" % (indent, toml_str(as_term(t))) for t in items) + "]"


SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sto", "ber", "ga", "fi", "lu", "dra", "ven", "po", "tis", "mo", "jal"]


def invented_word(n):
    """A word no feed uses, letters only, distinct for every n: "qkalo", … (bench/filter_bench.cpp's)."""
    word = "q"
    while True:
        word += SYLLABLES[n % 16]
        n //= 16
        if n == 0:
            return word


def namnd_terms(rng, main, secondary):
    want = rng.randint(30, 50)
    pool = []
    for area in main:
        pool += AREAS[area]
    own = list(dict.fromkeys(pool))
    rng.shuffle(own)
    extra = [t for t in AREAS[secondary] if t not in own]
    rng.shuffle(extra)
    terms = own[: max(0, want - 6)] + extra[:6]
    return terms[:want]


def write_config(a):
    with open(a.corpus + "/manifest.json") as f:
        manifest = json.load(f)
    rng = random.Random(a.seed)
    out = []
    out.append("# The omvarld configuration of bench/run-poll.sh, written by bench/poll_config.py.")
    out.append("[daemon]")
    out.append("database = %s" % toml_str(a.state + "/omvarld.db"))
    out.append('timezone = "Europe/Stockholm"')
    out.append('user_agent = "omvarld-bench"')
    out.append('default_interval = "30m"')
    out.append("")
    out.append("[mail]")
    out.append('transport = "directory"')
    out.append("directory = %s" % toml_str(a.state + "/outbox"))
    out.append('from = "Omvärldsbevakning <omvarld@linkoping.se>"')
    out.append('coordinators = ["internationella.samordnare@linkoping.se"]')
    # Sources: tagged by language, and in groups like the real ones (EU
    # institutions, SKR, the Brussels office), so nämnder can pick by tag.
    groups = ["eu", "eu", "skr", "bryssel", "regeringen"]
    for i, feed in enumerate(manifest["files"]):
        name = feed["path"].rsplit("/", 1)[-1].removesuffix(".xml")
        out.append("")
        out.append("[[source]]")
        out.append("id = %s" % toml_str(name))
        out.append("name = %s" % toml_str("Källa %s" % name))
        out.append("url = %s" % toml_str(a.base_url + feed["path"]))
        out.append("tags = [%s, %s]" % (toml_str(feed["lang"]), toml_str(groups[i % len(groups)])))
    for topic_id, name, terms, none in TOPICS:
        out.append("")
        out.append("[[topic]]")
        out.append("id = %s" % toml_str(topic_id))
        out.append("name = %s" % toml_str(name))
        out.append("any = %s" % toml_list(AREAS[terms] if isinstance(terms, str) else terms))
        if none:
            out.append("none = %s" % toml_list(none))
    count = 0
    for kommun, domain in (("linkoping", "linkoping.se"), ("norrkoping", "norrkoping.se")):
        for j, (suffix, name, main, secondary) in enumerate(NAMNDER):
            if count == min(a.namnder, a.matching if a.matching is not None else a.namnder):
                break
            stad = "Linköping" if kommun == "linkoping" else "Norrköping"
            count += 1
            out.append("")
            out.append("[[namnd]]")
            out.append("id = %s" % toml_str("%s/%s" % (kommun, suffix)))
            out.append("name = %s" % toml_str("%s, %s" % (name, stad)))
            out.append("recipients = [%s]" % toml_str("%s.omvarld@%s" % (suffix, domain)))
            out.append('schedule = "mon 07:00"')
            if j % 3 == 1:
                out.append('sources = ["eu", "skr", "bryssel"]')
            topics = [t[0] for t in TOPICS]
            chosen = rng.sample(topics, rng.randint(0, 2))
            if chosen:
                out.append("topics = [%s]" % ", ".join(toml_str(t) for t in chosen))
            out.append("any = %s" % toml_list(namnd_terms(rng, main, secondary)))
            if j % 4 == 0:
                out.append("none = %s" % toml_list(["högskola*", "universitet*"] if "utbildning" in main
                                                     else ["inställd*", "cancelled"]))
            if j % 5 == 2:
                out.append("query = %s" % toml_str(QUERIES[(count // 5) % len(QUERIES)]))
    invented = 0
    for n in range(count, a.namnder):
        terms = []
        for _ in range(a.terms):
            invented += 1
            terms.append(invented_word(invented) + ("*" if invented % 25 == 0 else ""))
        out.append("")
        out.append("[[namnd]]")
        out.append("id = %s" % toml_str("kommun-%d/namnd" % n))
        out.append("name = %s" % toml_str("Nämnd %d" % n))
        out.append("recipients = [%s]" % toml_str("namnd-%d@example.se" % n))
        out.append('schedule = "mon 07:00"')
        out.append("any = %s" % toml_list(terms))
    with open(a.out, "w") as f:
        f.write("\n".join(out) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--base-url", required=True)
    ap.add_argument("--state", required=True, help="directory of the database and the outbox")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--namnder", type=int, default=40, help="how many nämnder (default 40)")
    ap.add_argument("--matching", type=int, help="how many of them are realistic (default all, at most 40)")
    ap.add_argument("--terms", type=int, default=20, help="terms of each nämnd that matches nothing")
    write_config(ap.parse_args())


if __name__ == "__main__":
    main()
