#!/usr/bin/python3
"""check_html.py: checks the programme page written by `dais export --format
html` (the file itself, or the DOM that Chromium made of it with
--dump-dom) against the programme it came from, read independently of dais
by check_export.py's Programme (python3-icalendar). The page is parsed with
Python's html.parser.

  check_html.py PROGRAMME PAGE.html [--day DATE]

Checks: one page, no script, nothing fetched, a print style sheet; every
public session of the day(s), cancelled ones marked in words, in time
order under its day's heading, with its times (through their datetime,
in UTC), title, room and people by role in protocol order; every run of
Arabic text inside lang="ar" (or another Arabic-script language) and
dir="rtl", Cyrillic inside a Cyrillic-script language, Chinese inside zh;
no closed meeting, e-mail, telephone number or internal note anywhere.
Exits 1 listing every failure.
"""
import argparse
import datetime
import os
import re
import sys
from html.parser import HTMLParser

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_export as ce  # noqa: E402

VOID = {"meta", "br", "link", "img", "hr", "input"}
LANGS = {
    "arabic": ({"ar", "fa", "ur", "ps"}, re.compile("[\u0600-\u06ff]")),
    "cyrillic": ({"ru", "tg", "uk", "kk", "ky", "be", "bg", "mn"},
                 re.compile("[\u0400-\u04ff]")),
    "han": ({"zh", "ja"}, re.compile("[\u4e00-\u9fff]")),
}
failures = []


def fail(where, message):
    failures.append(f"{where}: {message}")


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []

    def text(self):
        return "".join(c if isinstance(c, str) else c.text()
                       for c in self.children)

    def all(self, tag=None, cls=None):
        for c in self.children:
            if isinstance(c, Node):
                if (tag is None or c.tag == tag) and (
                        cls is None or cls in c.attrs.get("class", "").split()):
                    yield c
                yield from c.all(tag, cls)

    def first(self, tag=None, cls=None):
        return next(self.all(tag, cls), None)

    def inherited(self, attr):
        n = self
        while n is not None:
            if attr in n.attrs:
                return n.attrs[attr]
            n = n.parent
        return None


class Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.at = self.root
        self.texts = []  # (text, parent node)

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.at)
        self.at.children.append(n)
        if tag not in VOID:
            self.at = n

    def handle_startendtag(self, tag, attrs):
        self.at.children.append(Node(tag, attrs, self.at))

    def handle_endtag(self, tag):
        n = self.at
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.at = n.parent

    def handle_data(self, data):
        self.at.children.append(data)
        self.texts.append((data, self.at))


def heading_names(prog, s):
    """[(heading, [names in protocol order])] as the page must list them."""
    heads = {h: [] for h in ce.HEADINGS}
    for pid, role, cn in s["people"]:
        who = prog.person(pid) or {}
        name = who.get("name") or cn or pid
        prec = int(who.get("precedence", "0") or 0)
        if role == "participant" and who.get("kind") in ce.GROUP_KINDS:
            role = "group"
        heads[role].append(((prec == 0, prec, name, pid), name))
    out = []
    for h, entries in heads.items():
        if entries:
            entries.sort()
            out.append((ce.HEADINGS[h][0 if len(entries) == 1 else 1],
                        [e[1] for e in entries]))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("programme")
    ap.add_argument("page")
    ap.add_argument("--day", type=datetime.date.fromisoformat)
    args = ap.parse_args()
    prog = ce.Programme(args.programme)
    where = args.page
    with open(args.page, encoding="utf-8") as f:
        raw = f.read()
    t = Tree()
    t.feed(raw)
    root = t.root

    html = root.first("html")
    if html is None or html.attrs.get("lang") != "en":
        fail(where, "no <html lang=\"en\">")
    if root.first("script") is not None or "<script" in raw.lower():
        fail(where, "has a script")
    for tag, attr in (("link", "href"), ("img", "src"), ("iframe", "src")):
        if root.first(tag) is not None:
            fail(where, f"fetches something: <{tag}>")
    style = root.first("style")
    if style is None or "@media print" not in style.text():
        fail(where, "no print style sheet")
    if style is not None and "url(" in style.text():
        fail(where, "the style sheet fetches something")
    h1 = root.first("h1")
    if h1 is None or h1.text() != prog.name:
        fail(where, f"h1 is {h1.text() if h1 else None!r}")

    want = prog.select(args.day)
    by_key = {}
    for s in want:
        by_key.setdefault((s["start"], s["summary"]), []).append(s)
    seen = 0
    for sec in root.all("section", "day"):
        h2 = sec.first("h2")
        date = datetime.date.fromisoformat(sec.attrs["id"][4:])
        long = f"{date.strftime('%A')} {date.day} {date.strftime('%B %Y')}"
        if h2 is None or long not in h2.text():
            fail(where, f"day {date}: heading {h2.text() if h2 else None!r}")
        last = None
        for li in sec.all("li", "session"):
            times = list(li.first("p", "when").all("time"))
            start = datetime.datetime.fromisoformat(
                times[0].attrs["datetime"]).astimezone(ce.UTC)
            end = datetime.datetime.fromisoformat(
                times[1].attrs["datetime"]).astimezone(ce.UTC)
            title = li.first("span", "title").text()
            at = f"{where}: {date} {title!r}"
            if last is not None and start < last:
                fail(at, "out of time order")
            last = start
            if start.astimezone(prog.tz).date() != date:
                fail(at, "under the wrong day")
            if times[0].text() != start.astimezone(prog.tz).strftime("%H:%M"):
                fail(at, f"shows {times[0].text()}")
            match = by_key.get((start, title))
            if not match:
                fail(at, "is no public session of the programme at "
                     f"{start.isoformat()}")
                continue
            s = match.pop(0)
            seen += 1
            if s["end"] != end:
                fail(at, f"ends {end}, want {s['end']}")
            cancelled = "cancelled" in li.attrs.get("class", "").split()
            status = li.first("span", "status")
            if (s["status"] == "CANCELLED") != cancelled or \
                    cancelled != (status is not None and
                                  "Cancelled" in status.text()):
                fail(at, "cancellation not shown in words and class")
            tentative = li.first("span", "tentative")
            if (s["status"] == "TENTATIVE") != (
                    tentative is not None and
                    tentative.text().strip() == "(tentative)"):
                fail(at, "tentative not said, or said of a session that "
                     "is not")
            room = prog.rooms.get(s["room"], {}).get("name") or s["location"]
            wp = li.first("p", "where")
            if room and (wp is None or not wp.text().startswith(room)):
                fail(at, f"room {wp.text() if wp else None!r}, want {room!r}")
            got = []
            dl = li.first("dl", "people")
            if dl is not None:
                dts = list(dl.all("dt"))
                dds = list(dl.all("dd"))
                for dt, dd in zip(dts, dds):
                    names = []
                    for item in dd.all("li"):
                        # The display name is the text before the local name.
                        local = item.first("span", "local")
                        full = item.text()
                        if local is not None:
                            full = full[: len(full) - len(local.text())]
                        names.append(full.strip())
                    got.append((dt.text(), names))
            if got != heading_names(prog, s):
                fail(at, f"people {got}, want {heading_names(prog, s)}")
    left = [s for v in by_key.values() for s in v]
    for s in left:
        fail(where, f"{s['export_uid']} ({s['summary']!r}) is missing")

    # Every run of another script says its language (and Arabic its
    # direction).
    marked = {k: 0 for k in LANGS}
    for text, node in t.texts:
        if node.tag in ("style", "title"):
            continue
        for script, (langs, rx) in LANGS.items():
            if not rx.search(text):
                continue
            lang = node.inherited("lang")
            if lang not in langs:
                fail(where, f"{text.strip()!r} ({script}) is in lang={lang!r}")
            elif script == "arabic" and node.inherited("dir") != "rtl":
                fail(where, f"{text.strip()!r} is not dir=\"rtl\"")
            else:
                marked[script] += 1

    for label, value in prog.private_strings():
        if value in raw:
            fail(where, f"leaks {label} {value!r}")
    for s in prog.sessions:
        if s["notes"] and s["notes"] in raw:
            fail(where, f"leaks the internal note of {s['uid']}")
        if s["closed"] and s["summary"] in raw:
            fail(where, f"shows the closed meeting {s['uid']}")
    print(f"{where}: {seen} sessions; text marked as Arabic "
          f"{marked['arabic']}, Cyrillic {marked['cyrillic']}, Chinese "
          f"{marked['han']} times")
    if failures:
        print("\n".join("FAIL: " + f for f in failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
