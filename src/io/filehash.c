/*
 * filehash.c: FNV-1a over a file's bytes. Not a defence against anyone
 * forging a file, only a cheap, stable fingerprint of "the same bytes".
 */
#include "dais/filehash.h"

#include <stdio.h>

#define FNV_OFFSET 14695981039346656037ULL
#define FNV_PRIME  1099511628211ULL

static uint64_t
fnv_add(uint64_t h, const unsigned char *p, size_t n)
{
	while (n-- > 0) {
		h ^= *p++;
		h *= FNV_PRIME;
	}
	return h;
}

uint64_t
filehash_bytes(const void *data, size_t len)
{
	return fnv_add(FNV_OFFSET, data, len);
}

bool
filehash_path(const char *path, uint64_t *out)
{
	unsigned char buf[65536];
	uint64_t h = FNV_OFFSET;
	FILE *f = fopen(path, "rb");
	size_t n;

	*out = 0;
	if (f == NULL)
		return false;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		h = fnv_add(h, buf, n);
	if (ferror(f)) {
		fclose(f);
		return false;
	}
	fclose(f);
	*out = h;
	return true;
}
