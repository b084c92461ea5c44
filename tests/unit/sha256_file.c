/* Prints the SHA-256 of a file as lowercase hex, like the first field of sha256sum; used by
 * the CTest that compares our implementation with the host's on generated files. */
#include <stdio.h>

#include "sha256.h"

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: sha256_file FILE\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	if (f == NULL) {
		perror(argv[1]);
		return 1;
	}
	struct sha256_ctx ctx;
	unsigned char buf[4093]; /* odd size: chunks straddle block boundaries */
	size_t n;
	sha256_init(&ctx);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sha256_update(&ctx, buf, n);
	int err = ferror(f);
	fclose(f);
	if (err) {
		fprintf(stderr, "sha256_file: read error on %s\n", argv[1]);
		return 1;
	}
	uint8_t d[SHA256_DIGEST_SIZE];
	sha256_final(&ctx, d);
	for (unsigned i = 0; i < SHA256_DIGEST_SIZE; i++)
		printf("%02x", d[i]);
	printf("\n");
	return 0;
}
