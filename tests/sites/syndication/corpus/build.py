# ruff: noqa: E501  (a table of feed documents: one case per line reads best)
"""Builds the feed corpus (feeds/ and manifest.json): run `python build.py` after a change.

Each case is a feed document with the content type it is served with and what importing it
must give: the feed's status (ok / warning / error and its code), how many items are stored,
titles that must appear, and strings that must never reach a landed page."""

import json
import zlib
from pathlib import Path

HERE = Path(__file__).parent
RU = "Итоги городской олимпиады школьников по математике"
KK = "Қазақстан мектептерінде жаңа оқу жылы басталды"
CASES = []


def case(name, body, status="ok", items=1, titles=(), absent=(), ctype="application/xml", code=""):
    CASES.append(
        {
            "name": name,
            "body": body if isinstance(body, bytes) else body.encode("utf-8"),
            "content_type": ctype,
            "status": status,
            "code": code,
            "items": items,
            "titles": list(titles),
            "absent": list(absent),
        }
    )


def rss(items, decl='<?xml version="1.0" encoding="utf-8"?>', version="2.0", extra_ns=""):
    return (
        f'{decl}<rss version="{version}"{extra_ns}><channel><title>C</title>'
        f"<link>http://feeds.example/</link><description>d</description>{items}</channel></rss>"
    )


def item(title, link="", guid="", desc="Текст", date="Mon, 02 Nov 2026 09:00:00 +0500", extra=""):
    parts = [f"<title>{title}</title>"]
    if link:
        parts.append(f"<link>{link}</link>")
    if guid:
        parts.append(f'<guid isPermaLink="false">{guid}</guid>')
    if desc:
        parts.append(f"<description>{desc}</description>")
    if date:
        parts.append(f"<pubDate>{date}</pubDate>")
    return "<item>" + "".join(parts) + extra + "</item>"


def atom(entries, decl='<?xml version="1.0" encoding="utf-8"?>'):
    return (
        f'{decl}<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id>'
        f"<updated>2026-11-01T10:00:00Z</updated>{entries}</feed>"
    )


def entry(title, link="", eid="", ttype="text", extra=""):
    # A link and id of its own per entry: entries sharing a link would be one story.
    key = zlib.crc32(title.encode())
    link = link or f"http://feeds.example/a/{key}"
    eid = eid or f"urn:a:{key}"
    return (
        f'<entry><title type="{ttype}">{title}</title><id>{eid}</id><link href="{link}"/>'
        f"<updated>2026-11-01T10:00:00Z</updated>{extra}</entry>"
    )


def jsonfeed(items, **top):
    return json.dumps(
        {"version": "https://jsonfeed.org/version/1.1", "title": "J", **top, "items": items},
        ensure_ascii=False,
    )


# --- formats -----------------------------------------------------------------------------
case("rss20-basic", rss(item(KK, "http://feeds.example/1")), titles=[KK])
case(
    "rss20-two",
    rss(item("Бір", "http://f.example/1") + item("Екі", "http://f.example/2")),
    items=2,
    titles=["Бір", "Екі"],
)
case(
    "rss091",
    rss(item(RU, "http://f.example/091"), decl='<?xml version="1.0"?>', version="0.91"),
    titles=[RU],
)
case(
    "rss092",
    rss(item(RU, "http://f.example/092"), decl='<?xml version="1.0"?>', version="0.92"),
    titles=[RU],
)
case(
    "rss10-rdf",
    '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    'xmlns="http://purl.org/rss/1.0/"><channel rdf:about="http://f.example/"><title>R</title>'
    "<link>http://f.example/</link><description>d</description></channel>"
    f'<item rdf:about="http://f.example/r1"><title>{KK}</title><link>http://f.example/r1</link>'
    "<description>Мәтін</description></item></rdf:RDF>",
    titles=[KK],
)
case("atom-basic", atom(entry(KK)), titles=[KK])
case(
    "atom-html-title",
    atom(entry("&lt;em&gt;Atom&lt;/em&gt; жаңалығы", ttype="html")),
    titles=["Atom жаңалығы"],
)
case("atom-text-title-lt", atom(entry("x&lt;y и y&gt;z", ttype="text")), titles=["x<y и y>z"])
case(
    "atom-xhtml-content",
    atom(
        entry(
            "X",
            extra='<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Мазмұн</p></div></content>',
        )
    ),
    titles=["X"],
)
case("atom-relative-link", atom(entry("Rel", link="entries/5")), titles=["Rel"])
case(
    "json-basic",
    jsonfeed([{"id": "j1", "url": "http://f.example/j1", "title": KK, "content_text": "Мәтін"}]),
    ctype="application/feed+json",
    titles=[KK],
)
case(
    "json-title-object",
    jsonfeed([{"id": "j2", "title": {"ru": "Новость", "en": "News"}, "content_text": "x"}]),
    ctype="application/feed+json",
    titles=["Новость"],
)
case(
    "json-title-object-kk",
    jsonfeed([{"id": "j3", "title": {"ru": "Новость", "kk": "Жаңалық"}, "content_text": "x"}]),
    ctype="application/feed+json",
    titles=["Жаңалық"],
    absent=["{'ru'"],
)
case(
    "json-title-list",
    jsonfeed([{"id": "j4", "title": ["Тізім", 3], "content_text": "x"}]),
    ctype="application/feed+json",
    titles=["Тізім"],
)
case(
    "json-content-text-lt",
    jsonfeed([{"id": "j5", "title": "T5", "content_text": "x<y и y>z"}]),
    ctype="application/feed+json",
    titles=["T5"],
)
case("json-items-not-list", jsonfeed({"a": 1}), ctype="application/feed+json", items=0)
case(
    "json-item-not-object",
    jsonfeed(["x", 3, {"id": "j6", "title": "Жарамды"}]),
    ctype="application/feed+json",
    titles=["Жарамды"],
)
case(
    "json-v1",
    json.dumps(
        {
            "version": "https://jsonfeed.org/version/1",
            "title": "J",
            "items": [{"id": "v1", "title": "Бірінші нұсқа"}],
        },
        ensure_ascii=False,
    ),
    ctype="application/json",
    titles=["Бірінші нұсқа"],
)
# --- malformed and not feeds -------------------------------------------------------------
case("empty-200", b"", status="error", items=0, code="empty")
case("whitespace-200", b"   \n\t ", status="error", items=0, code="empty")
case(
    "html-page",
    "<html><body>Бұл арна емес</body></html>",
    status="error",
    items=0,
    code="not_a_feed",
)
case(
    "broken-xml", "<?xml version='1.0'?><rss><chan<<el>", status="error", items=0, code="malformed"
)
case(
    "json-broken",
    '{"version": "https://jsonfeed.org/version/1.1", "items": [',
    ctype="application/json",
    status="error",
    items=0,
    code="malformed",
)
case(
    "json-not-feed",
    '{"hello": "world"}',
    ctype="application/json",
    status="error",
    items=0,
    code="not_a_feed",
)
case(
    "truncated-rss",
    rss(item("Толық", "http://f.example/t1") + item("Кесілген", "http://f.example/t2"))[:-60],
    status="warning",
    items=2,
    titles=["Толық"],
    code="malformed",
)
case(
    "unclosed-tag-in-item",
    rss(item("Ашық <b>тег", "http://f.example/u1")),
    status="warning",
    items=1,
)
case("binary-garbage", bytes(range(256)) * 4, status="error", items=0)
# --- missing fields ----------------------------------------------------------------------
case("no-link-no-guid", rss(item("Тек сипаттама", desc="Бірінші мәтін")), titles=["Тек сипаттама"])
case(
    "same-title-three",
    rss("".join(item("Бірдей", desc=f"Мәтін {n}") for n in range(3))),
    items=3,
    titles=["Бірдей"],
)
case("duplicate-guid", rss(item("Қайталау", guid="g1") + item("Қайталау", guid="g1")), items=1)
case("no-title", rss(item("", "http://f.example/nt1")), titles=["http://f.example/nt1"])
case("only-description", rss("<item><description>Тек мәтін</description></item>"), items=1)
case("empty-channel", rss(""), items=0)
# --- dates -------------------------------------------------------------------------------
case("date-missing", rss(item("Күнсіз", "http://f.example/d1", date="")), titles=["Күнсіз"])
case(
    "date-garbage",
    rss(item("Бұзық күн", "http://f.example/d2", date="ертең таңертең")),
    titles=["Бұзық күн"],
)
case(
    "date-2099",
    rss(item("Болашақ", "http://f.example/d3", date="Thu, 01 Jan 2099 00:00:00 +0000")),
    titles=["Болашақ"],
)
case(
    "date-1970",
    rss(item("Ескі", "http://f.example/d4", date="Thu, 01 Jan 1970 00:00:00 +0000")),
    titles=["Ескі"],
)
case(
    "date-iso-in-rss",
    rss(item("ISO", "http://f.example/d5", date="2026-11-02T09:00:00+05:00")),
    titles=["ISO"],
)
case(
    "json-date-garbage",
    jsonfeed([{"id": "jd", "title": "JSON күн", "date_published": "not a date"}]),
    ctype="application/json",
    titles=["JSON күн"],
)
# --- hostile URLs and markup -------------------------------------------------------------
case(
    "link-javascript",
    rss(item("JS сілтеме", "javascript:alert(1)")),
    titles=["JS сілтеме"],
    absent=["javascript:"],
)
case(
    "link-data",
    rss(item("Data сілтеме", "data:text/html;base64,PHNjcmlwdD4=")),
    titles=["Data сілтеме"],
    absent=["data:text"],
)
case(
    "link-vbscript",
    rss(item("VB сілтеме", "vbscript:msgbox(1)")),
    titles=["VB сілтеме"],
    absent=["vbscript:"],
)
case(
    "link-tab-javascript",
    rss(item("Tab JS", "java&#9;script:alert(1)")),
    titles=["Tab JS"],
    absent=["script:alert"],
)
case(
    "media-content-quote",
    rss(
        item(
            "Сурет",
            "http://f.example/m1",
            extra='<media:content url="http://x.example/a.jpg&quot;&gt;&lt;meta http-equiv=&quot;refresh&quot; content=&quot;0;url=http://evil.example/&quot;&gt;" medium="image"/>',
        ),
        extra_ns=' xmlns:media="http://search.yahoo.com/mrss/"',
    ),
    titles=["Сурет"],
    absent=["<meta", '"><meta'],
)
case(
    "media-content-javascript",
    rss(
        item(
            "Сурет JS",
            "http://f.example/m2",
            extra='<media:content url="javascript:alert(1)" medium="image"/>',
        ),
        extra_ns=' xmlns:media="http://search.yahoo.com/mrss/"',
    ),
    titles=["Сурет JS"],
    absent=["javascript:"],
)
case(
    "media-thumbnail",
    rss(
        item(
            "Нобай", "http://f.example/m3", extra='<media:thumbnail url="http://x.example/t.jpg"/>'
        ),
        extra_ns=' xmlns:media="http://search.yahoo.com/mrss/"',
    ),
    titles=["Нобай"],
)
case(
    "enclosure-image",
    rss(
        item(
            "Қосымша",
            "http://f.example/m4",
            extra='<enclosure url="http://x.example/e.png" type="image/png" length="1"/>',
        )
    ),
    titles=["Қосымша"],
)
case(
    "json-image-quote",
    jsonfeed(
        [
            {
                "id": "ji",
                "title": "JSON сурет",
                "image": 'http://x.example/a.jpg"><meta http-equiv="refresh" content="0;url=http://evil.example/">',
            }
        ]
    ),
    ctype="application/json",
    titles=["JSON сурет"],
    absent=["<meta", '"><meta'],
)
case(
    "json-image-data",
    jsonfeed(
        [{"id": "jd2", "title": "JSON data", "image": "data:image/svg+xml,<svg onload=alert(1)>"}]
    ),
    ctype="application/json",
    titles=["JSON data"],
    absent=["data:image", "onload"],
)
case(
    "script-in-description",
    rss(
        item(
            "Скрипт",
            "http://f.example/s1",
            desc="&lt;p onclick=&quot;x()&quot;&gt;Мәтін&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
        )
    ),
    titles=["Скрипт"],
    absent=["<script", "onclick"],
)
case("title-lt-gt", rss(item("x&lt;y и y&gt;z", "http://f.example/lt")), titles=["x<y и y>z"])
# --- control characters ------------------------------------------------------------------
case(
    "title-backspace-ref",
    rss(item("Бас&#8;қару", "http://f.example/c1")),
    titles=["Басқару"],
    status="warning",
)
case("title-raw-controls", rss(item("Бас\x08қару\x01", "http://f.example/c2")), titles=["Басқару"])
case(
    "json-controls",
    jsonfeed([{"id": "jc", "title": "JSON\u0008\u001f таңба", "content_text": "a\u0000b"}]),
    ctype="application/json",
    titles=["JSON таңба"],
)
# --- encodings ---------------------------------------------------------------------------
case(
    "cp1251-declared",
    rss(
        item(RU, "http://f.example/e1"), decl='<?xml version="1.0" encoding="windows-1251"?>'
    ).encode("cp1251"),
    titles=[RU],
)
case(
    "koi8r-declared",
    rss(item(RU, "http://f.example/e2"), decl='<?xml version="1.0" encoding="koi8-r"?>').encode(
        "koi8-r"
    ),
    titles=[RU],
)
case(
    "koi8r-undeclared",
    rss(item(RU, "http://f.example/e3"), decl='<?xml version="1.0"?>').encode("koi8-r"),
    titles=[RU],
    status="warning",
    code="encoding_detected",
)
case(
    "utf8-labelled-cp1251",
    rss(item(KK, "http://f.example/e4"), decl='<?xml version="1.0" encoding="windows-1251"?>'),
    titles=[KK],
    status="warning",
    code="encoding_mismatch",
)
case(
    "http-koi8r-over-cp1251",
    rss(
        item(RU, "http://f.example/e5"), decl='<?xml version="1.0" encoding="windows-1251"?>'
    ).encode("cp1251"),
    ctype="text/xml; charset=koi8-r",
    titles=[RU],
    status="warning",
    code="encoding_mismatch",
)
case(
    "x-cp1251-label",
    rss(item(RU, "http://f.example/e6"), decl='<?xml version="1.0" encoding="x-cp1251"?>').encode(
        "cp1251"
    ),
    titles=[RU],
)
case(
    "win-1251-label",
    rss(item(RU, "http://f.example/e7"), decl='<?xml version="1.0" encoding="win-1251"?>').encode(
        "cp1251"
    ),
    titles=[RU],
)
case(
    "utf16-bom",
    rss(item(KK, "http://f.example/e8"), decl='<?xml version="1.0" encoding="utf-16"?>').encode(
        "utf-16"
    ),
    titles=[KK],
)
case(
    "utf16le-declared-no-bom",
    rss(item(KK, "http://f.example/e9"), decl='<?xml version="1.0" encoding="utf-16"?>').encode(
        "utf-16-le"
    ),
    titles=[KK],
)
case(
    "utf32-bom",
    rss(item(KK, "http://f.example/e10"), decl='<?xml version="1.0" encoding="utf-32"?>').encode(
        "utf-32"
    ),
    titles=[KK],
)
case(
    "utf8-bom",
    codecs_bom := b"\xef\xbb\xbf" + rss(item(KK, "http://f.example/e11")).encode(),
    titles=[KK],
)
case(
    "kz1048-declared",
    rss(item(KK, "http://f.example/e12"), decl='<?xml version="1.0" encoding="kz1048"?>').encode(
        "kz1048"
    ),
    titles=[KK],
)
case(
    "euc-kr-undeclared",
    rss(
        item(
            "서울시 교육청은 오늘 학생들을 위한 새로운 프로그램을 발표했습니다",
            "http://f.example/e13",
        ),
        decl='<?xml version="1.0"?>',
    ).encode("euc-kr"),
    titles=["서울시 교육청은"],
    status="warning",
    code="encoding_detected",
)
case(
    "shift-jis-undeclared",
    rss(
        item(
            "東京都教育委員会は本日、生徒のための新しいプログラムを発表しました",
            "http://f.example/e14",
        ),
        decl='<?xml version="1.0"?>',
    ).encode("shift_jis"),
    titles=["東京都教育委員会"],
    status="warning",
    code="encoding_detected",
)
case(
    "gb2312-undeclared",
    rss(
        item("北京市教育委员会今天宣布了一项面向学生的新计划", "http://f.example/e15"),
        decl='<?xml version="1.0"?>',
    ).encode("gb2312"),
    titles=["北京市教育委员会"],
    status="warning",
    code="encoding_detected",
)
case(
    "unknown-encoding",
    rss(item("X", "http://f.example/e16"), decl='<?xml version="1.0" encoding="x-klingon"?>'),
    status="error",
    items=0,
    code="encoding_unknown",
)
case(
    "http-charset-utf8-body-cp1251",
    rss(item(RU, "http://f.example/e17"), decl='<?xml version="1.0"?>').encode("cp1251"),
    ctype="application/rss+xml; charset=utf-8",
    titles=[RU],
    status="warning",
    code="encoding_mismatch",
)
# --- huge --------------------------------------------------------------------------------
case("huge-item-5mb", rss(item("Үлкен", "http://f.example/h1", desc="@@HUGE@@")), titles=["Үлкен"])
case(
    "many-items",
    rss("".join(item(f"Жаңалық {n}", f"http://f.example/many/{n}") for n in range(300))),
    items=300,
    titles=["Жаңалық 299"],
)


def main():
    feeds = HERE / "feeds"
    feeds.mkdir(exist_ok=True)
    manifest = []
    for entry_ in CASES:
        path = feeds / f"{entry_['name']}.feed"
        path.write_bytes(entry_["body"])
        manifest.append(
            {key: value for key, value in entry_.items() if key != "body"} | {"file": path.name}
        )
    (HERE / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    print(len(manifest), "feeds")


if __name__ == "__main__":
    main()
