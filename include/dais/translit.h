/*
 * translit.h: how a letter of a name is spelt in the ASCII of an id, so
 * that "Ministre de l'Intérieur" and "Заместитель министра" give ids
 * (import_slug). Latin letters lose their accents; Cyrillic (Russian,
 * Tajik, Ukrainian, Kazakh, Serbian...) and Greek are transliterated.
 * A table of its own, not iconv's //TRANSLIT: glibc's answer depends on
 * the locale (under C.UTF-8 every Cyrillic letter becomes '?', and
 * under C an accented letter does), and an id must not.
 */
#ifndef DAIS_TRANSLIT_H
#define DAIS_TRANSLIT_H

/*
 * The lowercase ASCII spelling of code point cp in an id: "e" for é,
 * "zh" for ж, "gh" for Tajik ғ; "" for a mark that is spelt by nothing
 * (ь, ъ, a combining accent); NULL for a code point dais has no spelling
 * for (Arabic, Chinese, punctuation, symbols). A static string.
 */
const char *translit_id_letters(unsigned int cp);

#endif
