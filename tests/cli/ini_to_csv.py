#!/usr/bin/env python3
"""ini_to_csv.py INI OUT.csv: participants.ini as a spreadsheet exports it
for import-participants tests: UTF-8 with a byte-order mark, ';' between
cells, CRLF line ends, a cell quoted when it holds ';', ',', '"' or a line
break (quotes doubled), columns named as people name them ("Display name",
"E-mail"), rows in file order. Every value of the example is quoted or a
plain integer, which is all this reads."""
import re
import sys

COLUMNS = [("ID", "id"), ("Display name", "name"), ("Local name", "name-local"),
           ("Title", "title"), ("Kind", "kind"), ("Delegation", "delegation"),
           ("Languages", "languages"), ("Arrival", "arrival"),
           ("Departure", "departure"), ("Delegates", "delegates"),
           ("Precedence", "precedence"), ("E-mail", "email"),
           ("Phone", "phone")]


def read_ini(path):
    sections, cur = [], None
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line[0] in ";#":
            continue
        m = re.match(r"^\[(.+)\]$", line)
        if m:
            cur = {"id": m.group(1)}
            sections.append(cur)
            continue
        key, value = (s.strip() for s in line.split("=", 1))
        if value[:1] in "\"'":
            value = value[1:value.index(value[0], 1)]
        else:
            value = re.split(r"[;#]", value)[0].strip()
        cur[key] = value
    return sections


def cell(v):
    if any(c in v for c in ';,"\n'):
        return '"' + v.replace('"', '""') + '"'
    return v


def main():
    rows = read_ini(sys.argv[1])
    with open(sys.argv[2], "w", encoding="utf-8-sig", newline="") as f:
        f.write(";".join(cell(c) for c, _ in COLUMNS) + "\r\n")
        for r in rows:
            f.write(";".join(cell(r.get(k, "")) for _, k in COLUMNS) + "\r\n")


if __name__ == "__main__":
    main()
