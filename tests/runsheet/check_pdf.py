#!/usr/bin/python3
"""check_pdf.py: checks a PDF run-sheet against the programme it came from.

usage: check_pdf.py PDF DIR DAY|all PAGES [ROOM]

What the sheet must hold is read from the programme's own files with
python3-icalendar (not from dais): every session's SUMMARY on the day (and
in ROOM if given), recurring events included, and the chair of each, by
the display name participants.ini gives the chair's id (and its name-local
when it has one). pdftotext's text must contain each of them. Arabic comes
out of pdftotext with stray spaces and bidi marks, and sometimes in
presentation forms, so both sides are compared after NFKC, without bidi
controls, whitespace and punctuation (see squash()).

Also: pdfinfo says A4 (595 x 842 pts) and PAGES pages; each page's text
says "page X of PAGES" with X its own number; and the checked names
include Arabic and Cyrillic ones when the programme has them.
"""
import configparser
import datetime
import re
import subprocess
import sys
import unicodedata
import zoneinfo

import icalendar
from dateutil.rrule import rrulestr

BIDI = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                         "\u2066\u2067\u2068\u2069"))


def squash(s):
    """What both sides are compared as. Beyond NFKC, bidi marks and
    whitespace: punctuation goes (a bracket around an Arabic name lands on
    the wrong side of a line break), and so do lam and the alefs, because
    pdftotext gives the lam-alef ligature back as alef-lam ("الأمين" comes
    out as "األمين")."""
    s = unicodedata.normalize("NFKC", s).translate(BIDI)
    s = "".join(c for c in s if not unicodedata.category(c).startswith("P"))
    s = re.sub("[\u0644\u0627\u0623\u0625\u0622]", "", s)
    return re.sub(r"\s+", "", s)


def ini(path):
    cp = configparser.ConfigParser(interpolation=None, strict=False,
                                   comment_prefixes=(";", "#"),
                                   inline_comment_prefixes=None)
    cp.read(path, encoding="utf-8")
    out = {}
    for sec in cp.sections():
        out[sec] = {k: v.strip().strip('"') for k, v in cp[sec].items()}
    return out


def occurrences(ev, zone):
    start = ev.decoded("DTSTART")
    if start.tzinfo is None:
        start = start.replace(tzinfo=zone)
    if "RRULE" not in ev:
        return [start]
    rule = ev["RRULE"].to_ical().decode()
    limit = start + datetime.timedelta(days=60)
    return list(rrulestr(rule, dtstart=start).between(start, limit,
                                                      inc=True))


def main():
    pdf, pdir, day, pages = sys.argv[1:5]
    room = sys.argv[5] if len(sys.argv) > 5 else None
    pages = int(pages)
    problems = []

    conf = ini(f"{pdir}/conference.ini")["conference"]
    zone = zoneinfo.ZoneInfo(conf["timezone"])
    days = [d.strip() for d in conf["days"].split(",")]
    want_days = days if day == "all" else [day]
    people = ini(f"{pdir}/participants.ini")

    titles, names = [], []
    for rel in conf["files"].split(","):
        cal = icalendar.Calendar.from_ical(
            open(f"{pdir}/{rel.strip()}", "rb").read())
        for ev in cal.walk("VEVENT"):
            if room and str(ev.get("X-DAIS-ROOM", "")) != room:
                continue
            dates = {o.astimezone(zone).date().isoformat()
                     for o in occurrences(ev, zone)}
            if not dates & set(want_days):
                continue
            titles.append(str(ev["SUMMARY"]))
            atts = ev.get("ATTENDEE", [])
            if not isinstance(atts, list):
                atts = [atts]
            for a in atts:
                if a.params.get("ROLE") != "CHAIR":
                    continue
                pid = a.params.get("X-DAIS-ID")
                p = people.get(pid, {})
                names.append(p.get("name", a.params.get("CN", "")))
                if p.get("name-local"):
                    names.append(p["name-local"])

    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True,
                          check=True).stdout
    if not re.search(r"Page size:\s+595 x 842 pts \(A4\)", info):
        problems.append("not A4: " + re.findall(r"Page size:.*", info)[0])
    got = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    if got != pages:
        problems.append(f"pdfinfo says {got} pages, the sheet said {pages}")

    text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"],
                          capture_output=True, text=True, check=True).stdout
    flat = squash(text)
    for t in titles:
        if squash(t) not in flat:
            problems.append(f"title missing: {t}")
    for n in names:
        if squash(n) not in flat:
            problems.append(f"chair missing: {n}")
    if not titles:
        problems.append("no sessions found in the programme for this test")

    arabic = [n for n in names if re.search("[\u0600-\u06ff]", n)]
    cyrillic = [n for n in names if re.search("[\u0400-\u04ff]", n)]
    every = "".join(p.get("name", "") + p.get("name-local", "")
                    for p in people.values())
    if day == "all" and not room:
        if re.search("[\u0600-\u06ff]", every) and not arabic:
            problems.append("no Arabic chair name was checked")
        if re.search("[\u0400-\u04ff]", every) and not cyrillic:
            problems.append("no Cyrillic chair name was checked")

    texts = text.split("\f")
    if texts and texts[-1].strip() == "":
        texts.pop()
    if len(texts) != got:
        problems.append(f"pdftotext found {len(texts)} pages, not {got}")
    for i, t in enumerate(texts, 1):
        m = re.findall(r"page\s+(\d+)\s+of\s+(\d+)", t)
        if m != [(str(i), str(got))]:
            problems.append(f"page {i}'s footer reads {m}")

    print(f"{got} pages; {len(titles)} titles, {len(names)} chair names "
          f"({len(arabic)} Arabic, {len(cyrillic)} Cyrillic) checked")
    for p in problems:
        print("FAIL:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
