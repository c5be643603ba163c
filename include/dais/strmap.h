/*
 * strmap.h: a hash map from strings to indices (open addressing, XXH3),
 * the FNV-1a hash (64-bit, offset basis 14695981039346656037), and
 * the splitmix64 mixer.
 * Keys are borrowed: they must outlive the map. dais keys registry ids,
 * zone names and UIDs with it, each mapping to a position in an array.
 */
#ifndef DAIS_STRMAP_H
#define DAIS_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FNV1A_OFFSET_BASIS 14695981039346656037ULL
#define FNV1A_PRIME        1099511628211ULL

/* Continues a hash h over n more bytes (start with FNV1A_OFFSET_BASIS). */
uint64_t fnv1a_add(uint64_t h, const void *data, size_t n);
uint64_t fnv1a(const void *data, size_t n);
uint64_t fnv1a_str(const char *s);
/* The hash a strmap keys the len bytes at key by (XXH3, folded to 32
 * bits), for a table of texts of its own (arena.c's interned texts). */
uint32_t strmap_hash(const char *key, size_t len);
/* The next number of a splitmix64 sequence whose state is *state: a
 * full-period mix, enough to spread a seed or a clock (UIDs). */
uint64_t splitmix64(uint64_t *state);

/*
 * Zero-initialise ({0}) for an empty map. A value is below 2^32 - 1 (a
 * position in an array) or (size_t)-1: a slot keeps it in 32 bits, so
 * that a slot is 16 bytes, and a larger value aborts.
 */
struct strmap {
	struct strmap_slot {
		const char *key; /* NULL: empty */
		/* Of the key, compared before its bytes are read. */
		uint32_t hash;
		uint32_t value; /* UINT32_MAX: (size_t)-1 */
	} * slot;
	size_t n, cap; /* cap is 0 or a power of two */
};

/* Room for n keys in all without growing: a map whose size is known
 * beforehand is made once instead of through each doubling. */
void strmap_reserve(struct strmap *m, size_t n);
/* Adds key -> value unless key is there already (then the first value
 * stays, and this returns false). */
bool strmap_add(struct strmap *m, const char *key, size_t value);
/* Whether key is in the map; its value in *value when it is. */
bool strmap_get(const struct strmap *m, const char *key, size_t *value);
/* Maps key to value, replacing the value of a key already there (whose
 * first key pointer stays, so it must still be alive). */
void strmap_set(struct strmap *m, const char *key, size_t value);
void strmap_free(struct strmap *m);

#endif
