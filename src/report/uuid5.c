/*
 * uuid5.c: SHA-1 and the version-5 UUIDs built from it (uuid5.h). SHA-1 is
 * here only because RFC 9562 names it for name-based UUIDs; nothing relies
 * on it for security.
 */
#include "dais/uuid5.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dais/xalloc.h"

const uint8_t uuid5_namespace_url[16] = {0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad,
                                         0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0,
                                         0x4f, 0xd4, 0x30, 0xc8};

static uint32_t
rol(uint32_t x, int n)
{
	return (x << n) | (x >> (32 - n));
}

static void
sha1_block(uint32_t h[5], const uint8_t *block)
{
	uint32_t w[80], a, b, c, d, e, f, k, t;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)block[4 * i] << 24 |
		       (uint32_t)block[4 * i + 1] << 16 |
		       (uint32_t)block[4 * i + 2] << 8 | block[4 * i + 3];
	for (i = 16; i < 80; i++)
		w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	a = h[0];
	b = h[1];
	c = h[2];
	d = h[3];
	e = h[4];
	for (i = 0; i < 80; i++) {
		if (i < 20) {
			f = (b & c) | (~b & d);
			k = 0x5a827999;
		} else if (i < 40) {
			f = b ^ c ^ d;
			k = 0x6ed9eba1;
		} else if (i < 60) {
			f = (b & c) | (b & d) | (c & d);
			k = 0x8f1bbcdc;
		} else {
			f = b ^ c ^ d;
			k = 0xca62c1d6;
		}
		t = rol(a, 5) + f + e + k + w[i];
		e = d;
		d = c;
		c = rol(b, 30);
		b = a;
		a = t;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
}

void
uuid5_sha1(const void *data, size_t len, uint8_t digest[20])
{
	uint32_t h[5] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476,
	                 0xc3d2e1f0};
	const uint8_t *in = data;
	uint8_t tail[128];
	uint64_t bits = (uint64_t)len * 8;
	size_t rest, ntail, i;

	for (; len >= 64; in += 64, len -= 64)
		sha1_block(h, in);
	/* The last bytes, a 1 bit, zeros, and the length in bits: one or two
	 * blocks. */
	rest = len;
	memset(tail, 0, sizeof tail);
	memcpy(tail, in, rest);
	tail[rest] = 0x80;
	ntail = rest + 1 + 8 <= 64 ? 64 : 128;
	for (i = 0; i < 8; i++)
		tail[ntail - 1 - i] = (uint8_t)(bits >> (8 * i));
	sha1_block(h, tail);
	if (ntail == 128)
		sha1_block(h, tail + 64);
	for (i = 0; i < 20; i++)
		digest[i] = (uint8_t)(h[i / 4] >> (24 - 8 * (i % 4)));
}

char *
uuid5_text(char out[UUID5_TEXT_LEN], const uint8_t ns[16], const char *name,
           uint8_t bytes[16])
{
	size_t len = strlen(name), i, at = 0;
	uint8_t *buf = xmalloc(16 + len), digest[20];

	memcpy(buf, ns, 16);
	memcpy(buf + 16, name, len);
	uuid5_sha1(buf, 16 + len, digest);
	free(buf);
	digest[6] = (uint8_t)((digest[6] & 0x0f) | 0x50); /* version 5 */
	digest[8] = (uint8_t)((digest[8] & 0x3f) | 0x80); /* RFC variant */
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[at++] = '-';
		snprintf(out + at, 3, "%02x", digest[i]);
		at += 2;
	}
	out[at] = '\0';
	if (bytes != NULL)
		memcpy(bytes, digest, 16);
	return out;
}
