#!/usr/bin/python3
"""check_export.py: checks calendars written by `dais export` against the
programme they came from. The expected sessions are computed here from the
programme's own files with python3-icalendar and dateutil, independently of
dais (recurring events expanded, overrides applied), so a fault in dais's
loader cannot hide a fault in its export.

  check_export.py PROGRAMME FILE.ics [--day DATE] [--for ID] [--internal]
  check_export.py PROGRAMME --per-participant OUTDIR [--day DATE] [--internal]

Prints one line per file checked; exits 1 listing every failure.
"""
import argparse
import configparser
import datetime
import os
import re
import sys
from zoneinfo import ZoneInfo

import icalendar
from dateutil import rrule

UTC = datetime.timezone.utc
GROUP_KINDS = {"delegation", "organisation", "un-entity", "civil-society"}
HEADINGS = {
    "chair": ("Chair", "Chairs"),
    "speaker": ("Speaker", "Speakers"),
    "participant": ("Participant", "Participants"),
    "group": ("Delegation or organisation", "Delegations and organisations"),
}
failures = []


def fail(where, message):
    failures.append(f"{where}: {message}")


# ---- The programme, read independently of dais ----------------------------


def ini_value(v):
    """A value as iniparser reads it: quoted, or up to a comment."""
    v = v.strip()
    if v.startswith('"') and '"' in v[1:]:
        return v[1 : v.index('"', 1)]
    return re.split(r"[;#]", v, maxsplit=1)[0].strip()


def read_ini(path):
    cp = configparser.ConfigParser(
        interpolation=None, strict=False, comment_prefixes=(";", "#"),
        default_section="\0none")
    with open(path, encoding="utf-8") as f:
        cp.read_file(f)
    return {s: {k: ini_value(v) for k, v in cp.items(s)} for s in cp.sections()}


def as_utc(dt):
    if not isinstance(dt, datetime.datetime):
        raise ValueError(f"{dt!r} is not a date-time")
    return dt.astimezone(UTC)


def list_prop(component, name):
    v = component.get(name)
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def attendee_id(att):
    pid = att.params.get("X-DAIS-ID")
    if pid:
        return str(pid)
    m = re.search(r"urn:x-dais:(.*)$", str(att))
    return m.group(1) if m else None


ROLES = {"CHAIR": "chair", "REQ-PARTICIPANT": "speaker"}


class Programme:
    def __init__(self, root):
        self.root = root
        conf = read_ini(os.path.join(root, "conference.ini"))["conference"]
        self.name = conf["name"]
        self.tzname = conf["timezone"]
        self.tz = ZoneInfo(self.tzname)
        self.days = [datetime.date.fromisoformat(d.strip())
                     for d in conf["days"].split(",")]
        self.files = [f.strip() for f in conf["files"].split(",")]
        venues = read_ini(os.path.join(root, "venues.ini"))
        self.rooms = {s[5:]: v for s, v in venues.items()
                      if s.startswith("room.")}
        self.buildings = {s[9:]: v for s, v in venues.items()
                          if s.startswith("building.")}
        self.people = read_ini(os.path.join(root, "participants.ini"))
        self.sessions = []
        for f in self.files:
            self.read_ics(os.path.join(root, f))
        self.occurrence_uids()

    def occurrence_uids(self):
        """An occurrence's export UID: the series' UID and the local date
        of its original start, with the local time when the series has
        another occurrence that day (dais(1), UID)."""
        days = {}
        for s in self.sessions:
            if s["rid"] is not None:
                key = (s["uid"], s["rid"].astimezone(self.tz).date())
                days[key] = days.get(key, 0) + 1
        for s in self.sessions:
            if s["rid"] is None:
                continue
            local = s["rid"].astimezone(self.tz)
            shared = days[(s["uid"], local.date())] > 1
            s["export_uid"] = s["uid"] + "-" + local.strftime(
                "%Y%m%dT%H%M" if shared else "%Y%m%d")

    def read_ics(self, path):
        with open(path, "rb") as f:
            cal = icalendar.Calendar.from_ical(f.read())
        masters, overrides = {}, {}
        for ev in cal.walk("VEVENT"):
            uid = str(ev["UID"])
            if ev.get("RECURRENCE-ID") is not None:
                rid = as_utc(ev["RECURRENCE-ID"].dt)
                overrides.setdefault(uid, {})[rid] = ev
            else:
                masters[uid] = ev
        for uid, ev in masters.items():
            own = overrides.pop(uid, {})
            if ev.get("RRULE") is None and ev.get("RDATE") is None:
                self.add(ev, uid, None, None)
                continue
            for rid in self.occurrences(ev):
                self.add(own.pop(rid, ev), uid, rid, ev)
            for rid, o in own.items():  # overrides of no generated date
                self.add(o, uid, rid, ev)
        for uid, own in overrides.items():  # instances without a master
            for rid, o in own.items():
                self.add(o, uid, rid, None)

    def occurrences(self, ev):
        """Original starts (UTC) of a series on the conference days."""
        start = ev["DTSTART"].dt
        zone = start.tzinfo
        naive = start.replace(tzinfo=None)
        rules = rrule.rruleset()
        if ev.get("RRULE") is not None:
            text = ev["RRULE"].to_ical().decode()
            rules.rrule(rrule.rrulestr(text, dtstart=naive))
        else:
            rules.rdate(naive)
        for prop in list_prop(ev, "RDATE"):
            for d in prop.dts:
                rules.rdate(d.dt.astimezone(zone).replace(tzinfo=None))
        for prop in list_prop(ev, "EXDATE"):
            for d in prop.dts:
                rules.exdate(d.dt.astimezone(zone).replace(tzinfo=None))
        last = datetime.datetime.combine(max(self.days),
                                         datetime.time(23, 59))
        out = []
        for local in rules.between(naive - datetime.timedelta(days=1),
                                   last + datetime.timedelta(days=2),
                                   inc=True):
            t = local.replace(tzinfo=zone)
            if hasattr(zone, "localize"):  # pytz zones
                t = zone.localize(local)
            t = t.astimezone(UTC)
            if t.astimezone(self.tz).date() in self.days:
                out.append(t)
        return out

    def instant(self, value):
        """A DATE (an all-day item, RFC 5545 3.3.4) as the instant dais
        reads it: midnight of that day in the conference's zone."""
        if not isinstance(value, datetime.datetime) and \
                isinstance(value, datetime.date):
            return datetime.datetime.combine(
                value, datetime.time(), self.tz).astimezone(UTC)
        return as_utc(value)

    def add(self, ev, uid, rid, master):
        start = self.instant(ev["DTSTART"].dt)
        if ev.get("DTEND") is not None:
            end = self.instant(ev["DTEND"].dt)
        else:
            end = start + ev["DURATION"].dt
        if rid is not None and ev is master:  # a generated occurrence
            length = end - start
            start, end = rid, rid + length
        people = []
        for att in list_prop(ev, "ATTENDEE"):
            role = ROLES.get(str(att.params.get("ROLE", "")), "participant")
            people.append((attendee_id(att), role,
                           str(att.params.get("CN", ""))))
        self.sessions.append({
            # DTSTART;VALUE=DATE: an all-day item.
            "all_day": not isinstance(ev["DTSTART"].dt, datetime.datetime),
            "uid": uid,
            "rid": rid,
            # Set by occurrence_uids once every session is read.
            "export_uid": uid,
            "start": start,
            "end": end,
            "summary": str(ev.get("SUMMARY", "")),
            "description": str(ev.get("DESCRIPTION", "")),
            "notes": str(ev["X-DAIS-NOTES"]) if "X-DAIS-NOTES" in ev
            else None,
            "room": str(ev["X-DAIS-ROOM"]) if "X-DAIS-ROOM" in ev else None,
            "location": str(ev.get("LOCATION", "")),
            "kind": [str(c) for p in list_prop(ev, "CATEGORIES")
                     for c in p.cats],
            "status": str(ev.get("STATUS", "CONFIRMED")).upper(),
            # RFC 5545: a class other than PUBLIC is read as PRIVATE.
            "closed": str(ev.get("CLASS", "PUBLIC")).upper() != "PUBLIC",
            "sequence": int(ev.get("SEQUENCE", 0)),
            "people": people,
        })

    def person(self, pid):
        return self.people.get(pid)

    def counts_for(self, session, for_id):
        for pid, _, _ in session["people"]:
            if pid == for_id:
                return True
            who = self.person(pid)
            if who is not None and who.get("delegation") == for_id:
                return True
        return False

    def select(self, day=None, for_id=None, internal=False):
        out = []
        for s in self.sessions:
            # A closed meeting: only in its own people's calendars.
            if s["closed"] and not internal and for_id is None:
                continue
            if day is not None and s["start"].astimezone(self.tz).date() != day:
                continue
            if for_id is not None and not self.counts_for(s, for_id):
                continue
            out.append(s)
        return out

    def location(self, s):
        room = self.rooms.get(s["room"]) if s["room"] else None
        if room is None:
            return s["location"] or None
        building = self.buildings.get(room.get("building", ""), {})
        if building.get("name"):
            return f"{room['name']}, {building['name']}"
        return room["name"]

    def description(self, s, internal):
        """DESCRIPTION as the export must write it."""
        heads = {h: [] for h in HEADINGS}
        for pid, role, cn in s["people"]:
            who = self.person(pid) or {}
            name = who.get("name") or cn or pid
            prec = int(who.get("precedence", "0") or 0)
            if role == "participant" and who.get("kind") in GROUP_KINDS:
                role = "group"
            label = name
            if internal:
                contact = [c for c in (who.get("email"), who.get("phone"))
                           if c]
                if contact:
                    label += f" ({', '.join(contact)})"
            heads[role].append(((prec == 0, prec, name, pid), label))
        parts = [s["description"]] if s["description"] else []
        lines = []
        for h, entries in heads.items():
            if entries:
                entries.sort()
                title = HEADINGS[h][0 if len(entries) == 1 else 1]
                lines.append(f"{title}: " + "; ".join(e[1] for e in entries))
        if lines:
            parts.append("\n".join(lines))
        if internal and s["notes"]:
            parts.append("Internal notes (secretariat only): " + s["notes"])
        return "\n\n".join(parts)

    def private_strings(self):
        out = []
        for pid, who in self.people.items():
            for key in ("email", "phone"):
                if who.get(key):
                    out.append((f"{pid} {key}", who[key]))
        return out


# ---- Checking one calendar -------------------------------------------------


def unfold(text):
    return text.replace("\r\n ", "").replace("\r\n\t", "")


def unescape(text):
    return re.sub(r"\\([\\,;nN])",
                  lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def check_calendar(prog, path, expected, internal, want_name):
    where = os.path.relpath(path)
    with open(path, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8")
    flat = unfold(text)
    plain = unescape(flat)
    lines = flat.split("\r\n")

    if not text.startswith("BEGIN:VCALENDAR\r\n"):
        fail(where, "does not start with BEGIN:VCALENDAR and CRLF")
    for need in ("VERSION:2.0", "CALSCALE:GREGORIAN",
                 f"X-WR-TIMEZONE:{prog.tzname}"):
        if need not in lines:
            fail(where, f"no line {need}")
    if not any(l.startswith("PRODID:") for l in lines):
        fail(where, "no PRODID")
    if any(l.startswith("METHOD") for l in lines):
        fail(where, "has a METHOD (PUBLISH would forbid what we write)")
    if "/freeassociation" in text:
        fail(where, "names libical's /freeassociation.sourceforge.net zone")
    if any(l.startswith("ATTENDEE") for l in lines):
        fail(where, "has ATTENDEE lines (clients would see invitations)")
    if max(len(l) for l in raw.split(b"\r\n")) > 75:
        fail(where, "a line is longer than 75 octets (not folded)")

    # Nothing private in a public calendar; all of it with --internal.
    notes = [s["notes"] for s in expected if s["notes"]]
    if internal:
        for s in expected:
            if s["notes"] and s["notes"] not in plain:
                fail(where, f"--internal lost the notes of {s['uid']}")
        for pid, _, _ in {p for s in expected for p in s["people"]}:
            who = prog.person(pid) or {}
            for key in ("email", "phone"):
                if who.get(key) and who[key] not in plain:
                    fail(where, f"--internal lost {pid}'s {key}")
    else:
        for what, value in prog.private_strings():
            if value in plain or value in text:
                fail(where, f"leaks {what} ({value})")
        for s in prog.sessions:
            if s["notes"] and (s["notes"] in plain or s["notes"] in flat):
                fail(where, f"leaks the internal notes of {s['uid']}")
        if "X-DAIS-" in text:
            fail(where, "has an X-DAIS- property")
        if "Internal notes" in plain:
            fail(where, "has an 'Internal notes' paragraph")

    cal = icalendar.Calendar.from_ical(raw)
    zones = cal.walk("VTIMEZONE")
    if len(zones) != 1 or str(zones[0].get("TZID")) != prog.tzname:
        fail(where, f"VTIMEZONE: want one with TZID {prog.tzname}, have "
             f"{[str(z.get('TZID')) for z in zones]}")
        embedded = None
    else:
        embedded = zones[0].to_tz()
    for prop in ("NAME", "X-WR-CALNAME"):
        name = str(cal.get(prop, ""))
        for part in want_name:
            if part not in unescape(name):
                fail(where, f"{prop} '{name}' does not name '{part}'")

    want = {s["export_uid"]: s for s in expected}
    seen = set()
    events = cal.walk("VEVENT")
    if len(events) != len(expected):
        fail(where, f"{len(events)} events, the programme has "
             f"{len(expected)} for this export")
    for ev in events:
        uid = str(ev.get("UID"))
        if uid in seen:
            fail(where, f"UID {uid} twice")
        seen.add(uid)
        s = want.get(uid)
        if s is None:
            fail(where, f"unexpected event UID {uid}")
            continue
        w = f"{where} {uid}"
        if ev.get("RECURRENCE-ID") is not None:
            fail(w, "has a RECURRENCE-ID (occurrences are exported alone)")
        stamp = ev.get("DTSTAMP")
        if stamp is None or as_utc(stamp.dt).utcoffset() != datetime.timedelta(0) \
                or stamp.dt.tzinfo is None:
            fail(w, "no UTC DTSTAMP")
        for prop, key in (("DTSTART", "start"), ("DTEND", "end")):
            p = ev.get(prop)
            if p is None:
                fail(w, f"no {prop}")
                continue
            if str(p.params.get("TZID")) != prog.tzname:
                fail(w, f"{prop} has TZID {p.params.get('TZID')}, "
                     f"want {prog.tzname}")
            if as_utc(p.dt) != s[key]:
                fail(w, f"{prop} is {as_utc(p.dt)} UTC, the source says "
                     f"{s[key]}")
            if embedded is not None:
                local = p.dt.replace(tzinfo=None)
                via = embedded.localize(local).astimezone(UTC)
                if via != s[key]:
                    fail(w, f"{prop} through the embedded VTIMEZONE is "
                         f"{via}, want {s[key]}")
        checks = (
            ("SUMMARY", s["summary"]),
            ("STATUS", s["status"]),
            ("CLASS", "CONFIDENTIAL" if s["closed"] else None),
            ("SEQUENCE", s["sequence"]),
            ("LOCATION", prog.location(s)),
            ("DESCRIPTION", prog.description(s, internal) or None),
        )
        for prop, value in checks:
            have = ev.get(prop)
            if prop == "SEQUENCE":
                have = int(have) if have is not None else None
            elif have is not None:
                have = str(have)
            if have != value:
                fail(w, f"{prop} is {have!r}, want {value!r}")
        cats = [str(c) for p in list_prop(ev, "CATEGORIES") for c in p.cats]
        if cats != s["kind"]:
            fail(w, f"CATEGORIES {cats}, want {s['kind']}")
        if internal and s["notes"] and str(ev.get("X-DAIS-NOTES")) != s["notes"]:
            fail(w, "X-DAIS-NOTES differs from the source")
    for uid in want:
        if uid not in seen:
            fail(where, f"session {uid} is missing")
    cancelled = sum(1 for s in expected if s["status"] == "CANCELLED")
    print(f"{where}: {len(events)} events ({cancelled} cancelled), "
          f"{'internal' if internal else 'public'}")
    return len(events)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("programme")
    ap.add_argument("file", nargs="?")
    ap.add_argument("--day", type=datetime.date.fromisoformat)
    ap.add_argument("--for", dest="for_id")
    ap.add_argument("--internal", action="store_true")
    ap.add_argument("--per-participant")
    ap.add_argument("--expect-events", type=int,
                    help="also require this many events (a fixed figure)")
    args = ap.parse_args()
    prog = Programme(args.programme)

    def day_name(d):
        return f"{d.strftime('%a')} {d.day} {d.strftime('%b %Y')}"

    if args.per_participant:
        outdir = args.per_participant
        want = {}
        for pid in prog.people:
            sel = prog.select(args.day, pid, args.internal)
            if sel:
                want[pid] = sel
        have = sorted(f[:-4] for f in os.listdir(outdir) if f.endswith(".ics"))
        if have != sorted(want):
            fail(outdir, f"files for {sorted(set(have) ^ set(want))} "
                 "differ from the participants with a session")
        for pid in sorted(set(have) & set(want)):
            name = [prog.name, prog.people[pid]["name"]]
            if args.day:
                name.append(day_name(args.day))
            check_calendar(prog, os.path.join(outdir, pid + ".ics"),
                           want[pid], args.internal, name)
        print(f"{outdir}: {len(have)} calendars")
    else:
        expected = prog.select(args.day, args.for_id, args.internal)
        name = [prog.name]
        if args.for_id:
            name.append(prog.people[args.for_id]["name"])
        if args.day:
            name.append(day_name(args.day))
        n = check_calendar(prog, args.file, expected, args.internal, name)
        if args.expect_events is not None and n != args.expect_events:
            fail(args.file, f"{n} events, want {args.expect_events}")
    if failures:
        print("\n".join("FAIL: " + f for f in failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
