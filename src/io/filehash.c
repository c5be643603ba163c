/*
 * filehash.c: a file's bytes as one number. XXH3 (64 bits, xxHash 0.8's
 * stable output) reads eight bytes and more at a step where FNV-1a took
 * one: at 10 000 sessions the fingerprint of sessions.ics cost dais check
 * 36 M instructions. FNV-1a stays for what older journals recorded. Not a
 * defence against anyone forging a file, only a cheap, stable fingerprint
 * of "the same bytes".
 */
#include "dais/filehash.h"

#include <stdio.h>
#include <stdlib.h>

/* Header only: inlined, no library to load at start-up. */
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "dais/fileread.h"
#include "dais/strmap.h"

uint64_t
filehash_bytes(const void *data, size_t len)
{
	return XXH3_64bits(data, len);
}

/* XXH3's state, 64-byte aligned: XXH3_createState allocates it so. */
struct filehash_stream {
	XXH3_state_t st;
};

struct filehash_stream *
filehash_stream_new(void)
{
	XXH3_state_t *st = XXH3_createState();

	if (st == NULL) {
		fprintf(stderr, "dais: out of memory\n");
		abort();
	}
	XXH3_64bits_reset(st);
	return (struct filehash_stream *)st;
}

void
filehash_stream_add(struct filehash_stream *h, const void *data, size_t len)
{
	XXH3_64bits_update(&h->st, data, len);
}

uint64_t
filehash_stream_end(struct filehash_stream *h)
{
	uint64_t v = XXH3_64bits_digest(&h->st);

	XXH3_freeState(&h->st);
	return v;
}

uint64_t
filehash_bytes_fnv(const void *data, size_t len)
{
	return fnv1a(data, len);
}

/* Streams the file through one of the two hashes. */
static bool
hash_path(const char *path, bool fnv, uint64_t *out)
{
	unsigned char buf[65536];
	uint64_t h = FNV1A_OFFSET_BASIS;
	XXH3_state_t st;
	FILE *f = fileread_fopen(path, NULL);
	size_t n;

	*out = 0;
	if (f == NULL)
		return false;
	XXH3_64bits_reset(&st);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		if (fnv)
			h = fnv1a_add(h, buf, n);
		else
			XXH3_64bits_update(&st, buf, n);
	}
	if (ferror(f)) {
		fclose(f);
		return false;
	}
	fclose(f);
	*out = fnv ? h : XXH3_64bits_digest(&st);
	return true;
}

bool
filehash_path(const char *path, uint64_t *out)
{
	return hash_path(path, false, out);
}

bool
filehash_path_fnv(const char *path, uint64_t *out)
{
	return hash_path(path, true, out);
}
