#!/usr/bin/env python
"""Kazakh and Russian catalogues for the third-party packages of the admin.

Collects the msgids of the installed packages' catalogues (Wagtail and its
contrib apps, wagtail-localize, django-allauth, django-helpdesk, django-taggit), merges them
into ``locale/vendor/<lang>/LC_MESSAGES/<domain>.po`` keeping every translation
already written there, and prints the coverage per package and language.

The .po files under ``locale/vendor`` are the source of the translations: edit
them (or use --dump/--apply below) and re-run the script.  Entries whose msgid
disappeared upstream are kept as obsolete (``#~``) so nothing written is lost.

Russian: only msgids whose upstream ``ru`` translation is missing, empty or
fuzzy are collected (plus any Russian already written here for a current
msgid); everything else comes from the packages' own catalogues.

Usage (from the repository root, with the project's venv):
    python locale/tools/vendor_catalogue.py            # merge + coverage
    python locale/tools/vendor_catalogue.py --check    # also placeholders + msgfmt -c; exit 1 on error
    python locale/tools/vendor_catalogue.py --no-merge --check   # check only
    python locale/tools/vendor_catalogue.py --dump kk --package wagtail.admin --limit 150 -o /tmp/b.txt
    python locale/tools/vendor_catalogue.py --apply /tmp/b.txt /tmp/b.tr.txt

--dump writes numbered untranslated msgids ("N| [ctx] msgid || msgid_plural",
newlines as \\n) plus a map file (<out>.json).  The translation file has lines
"N| msgstr" (plural forms separated by " || "; for kk a single form is used for
every form, for ru a missing last form repeats the previous one).
"""

from __future__ import annotations

import argparse
import collections
import datetime
import glob
import json
import os
import re
import shutil
import subprocess
import sys

import polib

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VENDOR = os.path.join(REPO, "locale", "vendor")
LANGS = ("kk", "ru")
DOMAINS = ("django", "djangojs")

# Top-level packages whose catalogues are collected; every ``locale`` directory
# below them is one "package" in the report (e.g. wagtail.contrib.forms).
TOP_PACKAGES = ("wagtail", "wagtail_localize", "allauth", "helpdesk", "taggit")
# Django itself: only the parts whose messages reach the platform's users
# (form validation, dates and numbers, login/password forms, humanize, the
# admin's JavaScript calendar/clock widgets).  Django's own kk is incomplete.
DJANGO_PACKAGES = (
    "django.conf",
    "django.contrib.auth",
    "django.contrib.humanize",
    "django.contrib.contenttypes",
    "django.contrib.admin",
)

# Priority order (the report is printed in this order; the rest follow).
PRIORITY = [
    "wagtail.admin",
    "wagtail",
    "wagtail.images",
    "wagtail.documents",
    "wagtail.snippets",
    "wagtail.users",
    "wagtail.sites",
    "wagtail.contrib.settings",
    "wagtail.contrib.forms",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "allauth",
    "helpdesk",
    "taggit",  # the tag fields of news items and images
    *DJANGO_PACKAGES,
]

PLURAL_FORMS = {
    "kk": "nplurals=2; plural=(n != 1);",
    # Django's own rule, django/conf/locale/ru/LC_MESSAGES/django.po
    "ru": "nplurals=4; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<12 || n%100>14) ? 1 : n%10==0 || (n%10>=5 && n%10<=9) || "
    "(n%100>=11 && n%100<=14)? 2 : 3);",
}
NPLURALS = {"kk": 2, "ru": 4}
LANGUAGE_TEAM = {"kk": "Kazakh", "ru": "Russian"}

# Tag names treated as markup to be kept verbatim ("<invalid user>" is text).
HTML_TAGS = sorted(
    [
        "a",
        "abbr",
        "b",
        "br",
        "button",
        "code",
        "dd",
        "div",
        "dl",
        "dt",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "kbd",
        "li",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "svg",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
        "use",
    ],
    key=len,
    reverse=True,
)

PLACEHOLDER_RE = re.compile(
    r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrs]"  # %(name)s
    r"|%%"  # literal percent
    r"|%[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrs]"  # %s, %d
    r"|\{[A-Za-z0-9_.]*\}"  # {name}, {0}, {}
    r"|</?(?:" + "|".join(HTML_TAGS) + r")\b[^<>]*?/?>"  # HTML tags
)


def site_packages() -> str:
    import wagtail  # noqa: the venv's own site-packages

    return os.path.dirname(os.path.dirname(wagtail.__file__))


def key(entry):
    return (entry.msgctxt or "", entry.msgid)


def discover():
    """{package_label: {domain: {'en': path|None, 'ru': path|None}}}"""
    sp = site_packages()
    found = collections.OrderedDict()
    locale_dirs = [
        d
        for top in TOP_PACKAGES
        for d in sorted(glob.glob(os.path.join(sp, top, "**", "locale"), recursive=True))
    ] + [os.path.join(sp, *label.split("."), "locale") for label in DJANGO_PACKAGES]
    for locale_dir in locale_dirs:
        if not os.path.isdir(locale_dir):
            continue
        rel = os.path.relpath(os.path.dirname(locale_dir), sp)
        label = rel.replace(os.sep, ".")
        for domain in DOMAINS:
            paths = {}
            for lang in ("en", "ru", "kk"):
                p = os.path.join(locale_dir, lang, "LC_MESSAGES", domain + ".po")
                paths[lang] = p if os.path.exists(p) else None
            if paths["en"] or paths["ru"]:
                found.setdefault(label, {})[domain] = paths
    order = {p: i for i, p in enumerate(PRIORITY)}
    return collections.OrderedDict(
        sorted(found.items(), key=lambda kv: (order.get(kv[0], 999), kv[0]))
    )


SOURCES = os.path.join(REPO, "locale", "tools", "vendor_sources")


def source_pot(label, domain):
    p = os.path.join(SOURCES, f"{label}.{domain}.pot")
    return p if os.path.exists(p) else None


def scan_sources(pkgs):
    """Run Django's makemessages over each package's source (templates and
    Python; the shipped JS is compiled, its msgids come from the catalogues)
    and store the msgids as locale/tools/vendor_sources/<package>.django.pot.
    Sub-packages that have their own locale directory are left to their own
    scan.  Needs xgettext (apt-get install gettext)."""
    import tempfile

    if not shutil.which("xgettext"):
        print("warning: xgettext not found (apt-get install gettext); --scan-source skipped")
        return
    sp = site_packages()
    os.makedirs(SOURCES, exist_ok=True)
    settings_dir = tempfile.mkdtemp()
    with open(os.path.join(settings_dir, "scan_settings.py"), "w") as f:
        f.write("SECRET_KEY = 'scan'\nUSE_I18N = True\nINSTALLED_APPS = []\n")
    for label in pkgs:
        pkg_dir = os.path.join(sp, *label.split("."))
        nested = {
            os.path.dirname(d)
            for d in glob.glob(os.path.join(pkg_dir, "**", "locale"), recursive=True)
            if os.path.dirname(d) != pkg_dir
        }

        def ignore(directory, names, nested=nested):
            skip = {
                n
                for n in names
                if n in ("locale", "tests", "test", "static", "node_modules", "__pycache__")
            }
            skip |= {n for n in names if os.path.join(directory, n) in nested}
            return skip

        tmp = tempfile.mkdtemp()
        work = os.path.join(tmp, label.split(".")[-1])
        shutil.copytree(pkg_dir, work, ignore=ignore)
        os.makedirs(os.path.join(work, "locale"))
        env = dict(os.environ, PYTHONPATH=settings_dir, DJANGO_SETTINGS_MODULE="scan_settings")
        r = subprocess.run(
            [
                sys.executable,
                "-P",
                "-m",
                "django",
                "makemessages",
                "-l",
                "en",
                "-d",
                "django",
                "--no-location",
                "--no-obsolete",
            ],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
        )
        out = os.path.join(work, "locale", "en", "LC_MESSAGES", "django.po")
        target = os.path.join(SOURCES, f"{label}.django.pot")
        if r.returncode or not os.path.exists(out):
            print(f"warning: scan of {label} failed: {r.stderr.strip()[-600:]}")
        else:
            po = polib.pofile(out)
            pot = polib.POFile(wrapwidth=79)
            pot.metadata = {
                "Content-Type": "text/plain; charset=UTF-8",
                "Plural-Forms": "nplurals=2; plural=(n != 1);",
            }
            pot.header = f"msgids found in the source of {label} by locale/tools/vendor_catalogue.py --scan-source"
            for e in po:
                if e.msgid and not e.obsolete:
                    pot.append(
                        polib.POEntry(
                            msgid=e.msgid,
                            msgctxt=e.msgctxt,
                            msgid_plural=e.msgid_plural,
                            flags=[f for f in e.flags if f != "fuzzy"],
                            msgstr_plural={0: "", 1: ""} if e.msgid_plural else {},
                        )
                    )
            pot.save(target)
            print(f"scanned {label}: {len(pot)} msgids")
        shutil.rmtree(tmp, ignore_errors=True)
    shutil.rmtree(settings_dir, ignore_errors=True)


def load_upstream(pkgs):
    """Return template entries per domain and per-package key sets and ru status."""
    template = {d: collections.OrderedDict() for d in DOMAINS}
    pkg_keys = collections.defaultdict(lambda: collections.defaultdict(list))
    ru_done = collections.defaultdict(dict)  # (pkg, domain) -> {key: bool}
    # Upstream Kazakh (Django ships a partial one): seeds msgids not yet
    # translated here, so that locale/vendor holds the whole kk catalogue.
    kk_upstream = {d: {} for d in DOMAINS}
    for label, domains in pkgs.items():
        for domain, paths in domains.items():
            src = paths["en"] or paths["ru"]  # msgids from ru where en is missing
            entries = list(polib.pofile(src))
            # Upstream catalogues can lag behind the code: add what the
            # package's own source extraction (--scan-source) found.
            scanned = source_pot(label, domain)
            if scanned:
                entries += list(polib.pofile(scanned))
            ru = polib.pofile(paths["ru"]) if paths["ru"] else None
            if paths.get("kk"):
                for e in polib.pofile(paths["kk"]):
                    if not e.obsolete and e.translated() and "fuzzy" not in e.flags:
                        kk_upstream[domain].setdefault(key(e), e)
            ru_map = {key(e): e for e in ru if not e.obsolete} if ru else {}
            seen = set()
            for e in entries:
                if e.obsolete or not e.msgid or key(e) in seen:
                    continue
                k = key(e)
                seen.add(k)
                pkg_keys[label][domain].append(k)
                r = ru_map.get(k)
                ru_done[(label, domain)][k] = bool(r and r.translated() and "fuzzy" not in r.flags)
                t = template[domain].get(k)
                if t is None:
                    t = polib.POEntry(
                        msgid=e.msgid,
                        msgctxt=e.msgctxt,
                        msgid_plural=e.msgid_plural,
                        flags=[f for f in e.flags if f != "fuzzy"],
                    )
                    t.packages = []
                    template[domain][k] = t
                elif e.msgid_plural and not t.msgid_plural:
                    t.msgid_plural = e.msgid_plural
                if label not in t.packages:
                    t.packages.append(label)
    # Django merges every app's catalogue of a domain into one: a msgid that any
    # package translates into Russian is translated everywhere it appears.
    for (label, domain), done in list(ru_done.items()):
        for k, ok in done.items():
            if ok:
                ru_done[("*", domain)][k] = True
    for (label, domain), done in list(ru_done.items()):
        if label != "*":
            for k in done:
                done[k] = ru_done[("*", domain)].get(k, False)
    template["kk_upstream"] = kk_upstream
    return template, pkg_keys, ru_done


def po_path(lang, domain):
    return os.path.join(VENDOR, lang, "LC_MESSAGES", domain + ".po")


def load_vendor(lang, domain):
    p = po_path(lang, domain)
    if os.path.exists(p):
        return polib.pofile(p, wrapwidth=79)
    return None


def new_catalogue(lang, domain):
    po = polib.POFile(wrapwidth=79)
    po.header = (
        f"{LANGUAGE_TEAM[lang]} translations of the third-party packages used by Mektep\n"
        "(Wagtail, wagtail-localize, django-allauth, django-helpdesk).\n"
        "Generated and merged by locale/tools/vendor_catalogue.py; translations are kept on merge."
    )
    po.metadata = collections.OrderedDict(
        [
            ("Project-Id-Version", "mektep-vendor"),
            ("Report-Msgid-Bugs-To", ""),
            ("POT-Creation-Date", ""),
            ("PO-Revision-Date", ""),
            ("Last-Translator", "Mektep translators"),
            ("Language-Team", LANGUAGE_TEAM[lang]),
            ("Language", lang),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=UTF-8"),
            ("Content-Transfer-Encoding", "8bit"),
            ("Plural-Forms", PLURAL_FORMS[lang]),
        ]
    )
    return po


def is_translated(e):
    if e is None or e.obsolete or "fuzzy" in e.flags:
        return False
    if e.msgid_plural:
        return bool(e.msgstr_plural) and all(v for v in e.msgstr_plural.values())
    return bool(e.msgstr)


def merge(template, ru_done, pkgs):
    kk_upstream = template["kk_upstream"]
    now = datetime.datetime.now().strftime("%Y-%m-%d %H:%M%z") or ""
    for lang in LANGS:
        for domain in DOMAINS:
            old = load_vendor(lang, domain)
            old_map = {key(e): e for e in old} if old is not None else {}
            po = new_catalogue(lang, domain)
            # Keep the dates of an existing file so that a re-run changes nothing.
            for field in ("POT-Creation-Date", "PO-Revision-Date"):
                po.metadata[field] = (old.metadata.get(field, "") if old is not None else "") or now
            n = NPLURALS[lang]
            for k, t in template[domain].items():
                prev = old_map.pop(k, None)
                if prev is not None and prev.obsolete:
                    prev.obsolete = False
                if lang == "kk" and not is_translated(prev) and k in kk_upstream[domain]:
                    prev = kk_upstream[domain][k]
                if lang == "ru":
                    needed = not ru_done[("*", domain)].get(k, False)
                    if not needed and not is_translated(prev):
                        continue
                e = polib.POEntry(
                    msgid=t.msgid,
                    msgctxt=t.msgctxt,
                    msgid_plural=t.msgid_plural,
                    flags=list(t.flags),
                )
                e.comment = "packages: " + ", ".join(t.packages)
                if t.msgid_plural:
                    forms = {}
                    if prev is not None and prev.msgid_plural:
                        forms = dict(prev.msgstr_plural)
                    elif prev is not None and prev.msgstr:
                        forms = {0: prev.msgstr}
                    e.msgstr_plural = {i: forms.get(i, "") for i in range(n)}
                else:
                    if prev is not None:
                        e.msgstr = prev.msgstr or (prev.msgstr_plural or {}).get(0, "")
                if prev is not None and "fuzzy" in prev.flags:
                    e.flags.append("fuzzy")
                po.append(e)
            # Translations whose msgid is gone upstream: keep them, obsolete.
            for k, prev in old_map.items():
                if prev.msgid and (prev.msgstr or any((prev.msgstr_plural or {}).values())):
                    prev.obsolete = True
                    po.append(prev)
            os.makedirs(os.path.dirname(po_path(lang, domain)), exist_ok=True)
            po.save(po_path(lang, domain))


def placeholders(s):
    return collections.Counter(m for m in PLACEHOLDER_RE.findall(s))


def check_entry(e):
    """Return a list of problems (placeholder/tag mismatches)."""
    problems = []
    if e.obsolete or "fuzzy" in e.flags:
        return problems
    if e.msgid_plural:
        sing, plur = placeholders(e.msgid), placeholders(e.msgid_plural)
        allowed = sing | plur
        for i, s in sorted(e.msgstr_plural.items()):
            if not s:
                continue
            got = placeholders(s)
            # Every form must keep the placeholders common to both msgids and
            # use nothing the msgids do not have ("1 item" vs "%(n)s items").
            common = sing & plur
            if (got - allowed) or (common - got):
                problems.append(
                    f"msgstr[{i}] placeholders {dict(got)} vs msgid {dict(sing)} / plural {dict(plur)}"
                )
    elif e.msgstr:
        want, got = placeholders(e.msgid), placeholders(e.msgstr)
        if want != got:
            problems.append(f"placeholders {dict(got)} vs msgid {dict(want)}")
    return problems


def run_check():
    errors = 0
    for lang in LANGS:
        for domain in DOMAINS:
            p = po_path(lang, domain)
            if not os.path.exists(p):
                continue
            for e in polib.pofile(p):
                for prob in check_entry(e):
                    errors += 1
                    ctx = f"[{e.msgctxt}] " if e.msgctxt else ""
                    print(f"{os.path.relpath(p, REPO)}: {ctx}{e.msgid[:70]!r}: {prob}")
            if shutil.which("msgfmt"):
                r = subprocess.run(
                    ["msgfmt", "-c", "-o", os.devnull, p], capture_output=True, text=True
                )
                if r.returncode:
                    errors += 1
                    print(r.stderr.strip())
            else:
                print("warning: msgfmt not found (apt-get install gettext); skipped msgfmt -c")
    print(f"check: {errors} problem(s)")
    return errors


def coverage(pkgs, pkg_keys, ru_done):
    vendor = {}
    for lang in LANGS:
        for domain in DOMAINS:
            po = load_vendor(lang, domain)
            vendor[(lang, domain)] = {key(e): e for e in po if not e.obsolete} if po else {}
    rows = []
    totals = collections.Counter()
    print(f"{'package':32} {'msgids':>6}  {'kk':>14}  {'ru (upstream+vendor)':>22}  ru gaps left")
    for label in pkgs:
        total = kk = ru = ru_gap = 0
        for domain, keys in pkg_keys[label].items():
            for k in keys:
                total += 1
                if is_translated(vendor[("kk", domain)].get(k)):
                    kk += 1
                if ru_done[(label, domain)].get(k) or is_translated(vendor[("ru", domain)].get(k)):
                    ru += 1
                else:
                    ru_gap += 1
        totals.update(total=total, kk=kk, ru=ru, gap=ru_gap)
        pct = lambda a, b: 100.0 * a / b if b else 100.0
        print(
            f"{label:32} {total:6}  {kk:5}/{total:<5}{pct(kk, total):5.1f}%  "
            f"{ru:7}/{total:<5}{pct(ru, total):6.1f}%  {ru_gap:6}"
        )
        rows.append((label, total, kk, ru))
    t = totals
    print(
        f"{'TOTAL':32} {t['total']:6}  {t['kk']:5}/{t['total']:<5}{100.0 * t['kk'] / max(t['total'], 1):5.1f}%  "
        f"{t['ru']:7}/{t['total']:<5}{100.0 * t['ru'] / max(t['total'], 1):6.1f}%  {t['gap']:6}"
    )
    return rows


def esc(s):
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def unesc(s):
    return re.sub(
        r"\\(.)", lambda m: {"n": "\n", "t": "\t", "\\": "\\"}.get(m.group(1), m.group(0)), s
    )


def dump(lang, package, limit, out, pkg_keys):
    items = []
    seen = set()
    labels = [package] if package else list(pkg_keys)
    for label in labels:
        for domain in DOMAINS:
            po = load_vendor(lang, domain)
            vmap = {key(e): e for e in po if not e.obsolete} if po else {}
            for k in pkg_keys[label].get(domain, []):
                if (domain, k) in seen or k not in vmap:
                    continue
                if not is_translated(vmap[k]):
                    seen.add((domain, k))
                    items.append((domain, k, vmap[k]))
    items = items[:limit] if limit else items
    lines, mapping = [], []
    for i, (domain, k, e) in enumerate(items, 1):
        ctx = f"[{e.msgctxt}] " if e.msgctxt else ""
        txt = esc(e.msgid) + (" || " + esc(e.msgid_plural) if e.msgid_plural else "")
        lines.append(f"{i}| {ctx}{txt}")
        mapping.append({"n": i, "lang": lang, "domain": domain, "msgctxt": k[0], "msgid": k[1]})
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    with open(out + ".json", "w", encoding="utf-8") as f:
        json.dump(mapping, f, ensure_ascii=False, indent=0)
    print(f"dumped {len(items)} untranslated {lang} msgids to {out}")


def match_edges(source, text):
    """Give a translation the leading/trailing whitespace of its msgid."""
    lead = re.match(r"^\s*", source).group()
    trail = re.search(r"\s*$", source).group()
    core = text.strip()
    return lead + core + trail if core else text


def apply(batch, translations):
    mapping = {m["n"]: m for m in json.load(open(batch + ".json", encoding="utf-8"))}
    tr = {}
    for line in open(translations, encoding="utf-8"):
        line = line.rstrip("\n")
        m = re.match(r"^(\d+)\|\s?(.*)$", line)
        if m and m.group(2).strip():
            tr[int(m.group(1))] = m.group(2).strip()
    by_file = collections.defaultdict(list)
    for n, text in tr.items():
        if n not in mapping:
            print(f"warning: no msgid numbered {n}")
            continue
        by_file[(mapping[n]["lang"], mapping[n]["domain"])].append((mapping[n], text))
    applied = problems = 0
    for (lang, domain), items in by_file.items():
        po = load_vendor(lang, domain)
        vmap = {key(e): e for e in po}
        for m, text in items:
            e = vmap.get((m["msgctxt"], m["msgid"]))
            if e is None:
                print(f"warning: msgid not in catalogue: {m['msgid'][:60]!r}")
                continue
            if e.msgid_plural:
                forms = [
                    match_edges(e.msgid_plural if i else e.msgid, unesc(x))
                    for i, x in enumerate(text.split(" || "))
                ]
                n = NPLURALS[lang]
                while len(forms) < n:
                    forms.append(forms[-1])
                e.msgstr_plural = {i: forms[i] for i in range(n)}
            else:
                e.msgstr = match_edges(e.msgid, unesc(text))
            if "fuzzy" in e.flags:
                e.flags.remove("fuzzy")
            for prob in check_entry(e):
                problems += 1
                print(f"{lang}/{domain} #{m['n']} {e.msgid[:60]!r}: {prob}")
            applied += 1
        po.save(po_path(lang, domain))
    print(f"applied {applied} translations, {problems} placeholder problem(s)")


def main(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--check", action="store_true", help="check placeholders/tags and run msgfmt -c"
    )
    ap.add_argument("--no-merge", action="store_true", help="do not rewrite the catalogues")
    ap.add_argument("--dump", metavar="LANG", choices=LANGS)
    ap.add_argument("--package")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("-o", "--output", default="/tmp/vendor_batch.txt")
    ap.add_argument("--apply", nargs=2, metavar=("BATCH", "TRANSLATIONS"))
    ap.add_argument("--quiet", action="store_true", help="no coverage table")
    ap.add_argument(
        "--scan-source",
        action="store_true",
        help="re-extract msgids from the packages' source into locale/tools/vendor_sources/",
    )
    args = ap.parse_args(argv)

    pkgs = discover()
    if args.scan_source:
        scan_sources(pkgs)
    template, pkg_keys, ru_done = load_upstream(pkgs)
    if args.apply:
        apply(*args.apply)
    if not args.no_merge:
        merge(template, ru_done, pkgs)
    if args.dump:
        dump(args.dump, args.package, args.limit, args.output, pkg_keys)
        return 0
    if not args.quiet:
        coverage(pkgs, pkg_keys, ru_done)
    if args.check:
        return 1 if run_check() else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
