#!/usr/bin/python3
"""check_text.py: checks a text run-sheet as a printer would see it.

usage: check_text.py FILE PAGE_LENGTH

- every line is at most 80 display columns (East Asian wide and full-width
  characters count two, combining marks none), measured independently of
  dais's own textwidth.c;
- with PAGE_LENGTH > 0: pages are separated by form feeds, every page has
  exactly PAGE_LENGTH lines (the last may have fewer), each page starts with
  the header and ends with a footer saying "page X of Y" with X counting up
  from 1 and Y the number of pages;
- with PAGE_LENGTH 0: no form feed and no page numbers.

Prints "pages N, widest W" and exits 1 on the first kind of failure found.
"""
import re
import sys
import unicodedata


def width(line):
    w = 0
    for ch in line:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me"):
            continue
        if ch in "\u200b\u200c\u200d\u2060\ufeff":
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w


def main():
    path, page_length = sys.argv[1], int(sys.argv[2])
    data = open(path, encoding="utf-8").read()
    problems = []

    widest = 0
    for n, line in enumerate(data.replace("\f", "").split("\n"), 1):
        w = width(line)
        widest = max(widest, w)
        if w > 80:
            problems.append(f"line {n} is {w} columns wide: {line!r}")
        if "\t" in line or "\r" in line:
            problems.append(f"line {n} has a tab or carriage return")

    if not data.endswith("\n"):
        problems.append("the sheet does not end with a newline")
    pages = data.split("\f")
    if page_length == 0:
        if len(pages) != 1:
            problems.append("form feeds in a sheet without pages")
        if re.search(r"page \d+ of \d+", data):
            problems.append("page numbers in a sheet without pages")
    else:
        total = len(pages)
        for i, page in enumerate(pages, 1):
            lines = page.split("\n")
            if lines[-1] == "":
                lines.pop()
            if i < total and len(lines) != page_length:
                problems.append(
                    f"page {i} has {len(lines)} lines, not {page_length}")
            if i == total and len(lines) > page_length:
                problems.append(f"last page has {len(lines)} lines")
            if not lines or not lines[0].rstrip().endswith(("RUN-SHEET", "PROGRAMME")):
                problems.append(f"page {i} does not start with the header")
            found = re.findall(r"page (\d+) of (\d+)", page)
            if len(found) != 1:
                problems.append(f"page {i} has {len(found)} page footers")
            elif found[0] != (str(i), str(total)):
                problems.append(
                    f"page {i} says page {found[0][0]} of {found[0][1]}, "
                    f"not {i} of {total}")
            elif not re.search(r"page \d+ of \d+$", lines[-1]):
                problems.append(f"page {i}'s footer is not its last line")
    print(f"pages {len(pages)}, widest {widest}")
    for p in problems:
        print("FAIL:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
