/*
 * translit.c: the spelling of letters in ids (translit.h). Cyrillic
 * follows BGN/PCGN's romanization of Russian (ж zh, х kh, ц ts, щ shch,
 * й y, ю yu, я ya; ъ and ь dropped) and the official Tajik one for the
 * Tajik letters (ғ gh, ӣ i, қ q, ӯ u, ҳ h, ҷ j), which is how the
 * delegations' own names are spelt in Latin.
 */
#include "dais/translit.h"

#include <stddef.h>

/* U+00C0..U+00FF: Latin-1's letters; NULL for × and ÷. */
static const char *const latin1[64] = {
    "a", "a", "a", "a",  "a",  "a",  "ae", "c", "e", "e", "e",  "e", "i",
    "i", "i", "i", "d",  "n",  "o",  "o",  "o", "o", "o", NULL, "o", "u",
    "u", "u", "u", "y",  "th", "ss", "a",  "a", "a", "a", "a",  "a", "ae",
    "c", "e", "e", "e",  "e",  "i",  "i",  "i", "i", "d", "n",  "o", "o",
    "o", "o", "o", NULL, "o",  "u",  "u",  "u", "u", "y", "th", "y",
};

/* U+0100..U+017F, one letter each but for Ĳ ĳ (ij) and Œ œ (oe). */
static const char latin_ext_a[] = "aaaaaacccccccc"
                                  "dddd"
                                  "eeeeeeeeee"
                                  "gggggggg"
                                  "hhhh"
                                  "iiiiiiiiii"
                                  "**"
                                  "jjkkk"
                                  "llllllllll"
                                  "nnnnnnnnn"
                                  "oooooo"
                                  "**"
                                  "rrrrrr"
                                  "ssssssss"
                                  "tttttt"
                                  "uuuuuuuuuuuu"
                                  "wwyyy"
                                  "zzzzzz"
                                  "s";

/* U+0430..U+044F, а to я. */
static const char *const cyrillic_basic[32] = {
    "a",  "b",  "v",  "g",    "d", "e", "zh", "z", "i",  "y",  "k",
    "l",  "m",  "n",  "o",    "p", "r", "s",  "t", "u",  "f",  "kh",
    "ts", "ch", "sh", "shch", "",  "y", "",   "e", "yu", "ya",
};

/* U+0450..U+045F, ѐ to џ (Ukrainian, Belarusian, Serbian, Macedonian). */
static const char *const cyrillic_more[16] = {
    "e", "e",  "dj", "gj", "ye", "dz", "i", "yi",
    "j", "lj", "nj", "c",  "kj", "i",  "u", "dz",
};

/* The lowercase letters of U+0460..U+04FF that the Turkic and Iranian
 * languages written in Cyrillic use; the rest have no spelling here. */
static const struct {
	unsigned int cp;
	const char *s;
} cyrillic_extended[] = {
    {0x491, "g"}, {0x493, "gh"}, {0x497, "zh"}, {0x49b, "q"}, {0x4a3, "ng"},
    {0x4af, "u"}, {0x4b1, "u"},  {0x4b3, "h"},  {0x4b7, "j"}, {0x4bb, "h"},
    {0x4cf, ""},  {0x4d9, "a"},  {0x4e3, "i"},  {0x4e9, "o"}, {0x4ef, "u"},
};

/* U+03B1..U+03C9, α to ω (ς included). */
static const char *const greek[25] = {
    "a", "v", "g", "d", "e", "z", "i", "th", "i", "k",  "l",  "m", "n",
    "x", "o", "p", "r", "s", "s", "t", "y",  "f", "ch", "ps", "o",
};

static const char *
cyrillic(unsigned int cp)
{
	size_t i;

	if (cp >= 0x400 && cp <= 0x40f)
		cp += 0x50; /* Ѐ..Џ */
	else if (cp >= 0x410 && cp <= 0x42f)
		cp += 0x20; /* А..Я */
	else if (cp >= 0x4c1 && cp <= 0x4ce)
		cp += cp & 1; /* Ӂ..ӎ: capitals odd */
	else if (cp >= 0x460 && cp != 0x4c0)
		cp |= 1; /* capitals even */
	if (cp >= 0x430 && cp <= 0x44f)
		return cyrillic_basic[cp - 0x430];
	if (cp >= 0x450 && cp <= 0x45f)
		return cyrillic_more[cp - 0x450];
	if (cp == 0x4c0)
		return "";
	for (i = 0; i < sizeof cyrillic_extended / sizeof *cyrillic_extended;
	     i++)
		if (cyrillic_extended[i].cp == cp)
			return cyrillic_extended[i].s;
	return NULL;
}

static const char *
greek_letter(unsigned int cp)
{
	switch (cp) { /* with tonos */
	case 0x386:
	case 0x3ac:
		return "a";
	case 0x388:
	case 0x3ad:
		return "e";
	case 0x389:
	case 0x3ae:
		return "i";
	case 0x38a:
	case 0x3af:
	case 0x3ca:
	case 0x390:
		return "i";
	case 0x38c:
	case 0x3cc:
		return "o";
	case 0x38e:
	case 0x3cd:
	case 0x3cb:
	case 0x3b0:
		return "y";
	case 0x38f:
	case 0x3ce:
		return "o";
	}
	if (cp >= 0x391 && cp <= 0x3a9 && cp != 0x3a2)
		cp += 0x20;
	if (cp >= 0x3b1 && cp <= 0x3c9)
		return greek[cp - 0x3b1];
	return NULL;
}

const char *
translit_id_letters(unsigned int cp)
{
	static const char one[][2] = {
	    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m",
	    "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z",
	};
	char c;

	if (cp >= 0xc0 && cp <= 0xff)
		return latin1[cp - 0xc0];
	if (cp >= 0x100 && cp <= 0x17f) {
		if (cp == 0x132 || cp == 0x133)
			return "ij";
		if (cp == 0x152 || cp == 0x153)
			return "oe";
		c = latin_ext_a[cp - 0x100];
		return one[c - 'a'];
	}
	switch (cp) {
	case 0x1a0:
	case 0x1a1:
		return "o"; /* Vietnamese ơ */
	case 0x1af:
	case 0x1b0:
		return "u"; /* ư */
	case 0x18f:
	case 0x259:
		return "e"; /* Azerbaijani ə */
	case 0x218:
	case 0x219:
		return "s"; /* Romanian ș */
	case 0x21a:
	case 0x21b:
		return "t"; /* ț */
	}
	if (cp >= 0x300 && cp <= 0x36f)
		return ""; /* combining accents: "e" + U+0301 is an e */
	if (cp >= 0x386 && cp <= 0x3ce)
		return greek_letter(cp);
	if (cp >= 0x400 && cp <= 0x4ff)
		return cyrillic(cp);
	return NULL;
}
